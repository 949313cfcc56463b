import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SingleSignOnButton } from "@/components/auth/single-sign-on-button";
import { env, oidcConfig } from "@/lib/env";
import { DEMO_PASSWORD } from "@/lib/seed/demo-accounts";
import { getPageActor } from "@/lib/server/auth/get-page-actor";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  // Staff only: nothing here for a search engine to show the public.
  return { title: t("title"), robots: { index: false, follow: false } };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Someone already signed in has nothing to do here.
  const actor = await getPageActor();
  if (actor.kind === "user") redirect("/staff");
  const [t, { sso }] = await Promise.all([getTranslations("auth.signIn"), searchParams]);
  const singleSignOn = oidcConfig();
  return (
    <main className="page">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {sso === "failed" && (
        <p className="auth-error" role="alert">
          {t("ssoFailed")}
        </p>
      )}
      {singleSignOn && (
        <>
          <SingleSignOnButton label={singleSignOn.displayName} />
          <p className="auth-help">{t("or")}</p>
        </>
      )}
      <SignInForm />
      {env.DEMO_ACCOUNTS && (
        <p className="auth-demo" data-testid="demo-accounts">
          {t("demo", { password: DEMO_PASSWORD })}
        </p>
      )}
      <p className="auth-help">{t("forgot")}</p>
    </main>
  );
}
