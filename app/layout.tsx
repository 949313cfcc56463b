import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/auth/account-menu";
import { LanguageSwitch } from "@/components/language-switch";
import { clientMessages } from "@/lib/i18n/client-messages";
import { OfflineBanner } from "@/components/pwa/offline-banner";
import { ServiceWorkerRegistration } from "@/components/pwa/service-worker-registration";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: { default: `${t("siteName")} · ${t("siteTagline")}`, template: `%s · ${t("siteName")}` },
    description: t("siteDescription"),
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#c7000b",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, t, messages] = await Promise.all([getLocale(), getTranslations("common"), clientMessages()]);
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider messages={messages}>
          <header className="site-header">
            <a href="/" className="brand">
              <span className="brand-mark" aria-hidden="true">
                工
              </span>
              <span>
                <strong>{t("siteName")}</strong>
                <small>{t("siteTagline")}</small>
              </span>
            </a>
            <AccountMenu />
            <LanguageSwitch />
          </header>
          <ServiceWorkerRegistration />
          <OfflineBanner />
          {children}
          <footer className="site-footer">
            <a href="/privacy">{t("privacy.link")}</a>
          </footer>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
