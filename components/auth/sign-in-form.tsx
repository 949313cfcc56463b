"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { authClient } from "@/lib/auth-client";
import "./auth.css";

type Problem = "invalid" | "rateLimited" | "failed";

/** Where staff land after signing in. */
const AFTER_SIGN_IN = "/staff";

export function SignInForm() {
  const t = useTranslations("auth.signIn");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const identifier = String(form.get("identifier") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setPending(true);
    setProblem(null);
    try {
      // Usernames cannot contain "@", so one box serves both ways of signing in.
      const { error } = identifier.includes("@")
        ? await authClient.signIn.email({ email: identifier, password })
        : await authClient.signIn.username({ username: identifier, password });
      if (!error) {
        router.replace(AFTER_SIGN_IN);
        router.refresh();
        return;
      }
      // One message for every refusal (unknown account, wrong password, deactivated, malformed name),
      // so the form never tells anyone whether an account exists. Only throttling and outages differ.
      setProblem(error.status === 429 ? "rateLimited" : error.status >= 500 || !error.status ? "failed" : "invalid");
    } catch {
      setProblem("failed");
    }
    setPending(false);
  }

  return (
    // method="post": should the script not have loaded, a native submit must not put the password in the URL.
    <form className="auth-form" method="post" onSubmit={onSubmit}>
      <label>
        {t("identifier")}
        <input name="identifier" type="text" autoComplete="username" autoCapitalize="none" spellCheck={false} required />
      </label>
      <label>
        {t("password")}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {problem && (
        <p className="auth-error" role="alert">
          {t(problem)}
        </p>
      )}
      <button type="submit" className="button primary" disabled={pending} aria-busy={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
