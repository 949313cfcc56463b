"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient } from "@/lib/auth-client";
import "./auth.css";

/**
 * Ends this session, or with `everywhere` every session of the account (a phone left at a branch, a
 * shared computer), and returns to the public directory.
 */
export function SignOutButton({ className = "button secondary", everywhere = false }: { className?: string; everywhere?: boolean }) {
  const t = useTranslations("auth.signOut");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function signOut() {
    setPending(true);
    setFailed(false);
    const { error } = await (everywhere ? authClient.revokeSessions() : authClient.signOut()).catch(() => ({ error: true }));
    setPending(false);
    if (error) {
      setFailed(true);
      return;
    }
    router.replace("/");
    // Server components rendered for the signed-in user must be rendered again without the session.
    router.refresh();
  }

  return (
    <>
      <button type="button" className={`sign-out-button ${className}`} onClick={signOut} disabled={pending} aria-busy={pending}>
        {pending ? t(everywhere ? "everywhereSubmitting" : "submitting") : t(everywhere ? "everywhere" : "submit")}
      </button>
      {failed && <span role="alert">{t("failed")}</span>}
    </>
  );
}
