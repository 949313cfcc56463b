"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { authClient } from "@/lib/auth-client";
import { SSO_PROVIDER_ID } from "@/lib/auth-providers";
import "./auth.css";

/** Hands the browser to the bank's identity provider, which sends it back signed in (or to /login with an error). */
export function SingleSignOnButton({ label }: { label: string }) {
  const t = useTranslations("auth.signIn");
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function start() {
    setPending(true);
    setFailed(false);
    const { error } = await authClient.signIn
      .social({ provider: SSO_PROVIDER_ID, callbackURL: "/staff", errorCallbackURL: "/login?sso=failed" })
      .catch(() => ({ error: true }));
    // On success the browser is already leaving for the provider.
    if (error) {
      setFailed(true);
      setPending(false);
    }
  }

  return (
    <div className="auth-sso">
      <button type="button" className="button secondary" onClick={start} disabled={pending} aria-busy={pending}>
        {t("sso", { provider: label })}
      </button>
      {failed && (
        <p className="auth-error" role="alert">
          {t("failed")}
        </p>
      )}
    </div>
  );
}
