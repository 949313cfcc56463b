import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getRequestActor } from "@/lib/server/auth/get-request-actor";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  // Staff only: nothing here for a search engine to show the public.
  return { title: t("title"), robots: { index: false, follow: false } };
}

export default async function LoginPage() {
  // Someone already signed in has nothing to do here.
  const actor = await getRequestActor(await headers());
  if (actor.kind === "user") redirect("/staff");
  const t = await getTranslations("auth.signIn");
  return (
    <main className="page">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <SignInForm />
      <p className="auth-help">{t("forgot")}</p>
    </main>
  );
}
