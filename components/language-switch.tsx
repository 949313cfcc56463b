"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";

export function LanguageSwitch() {
  const t = useTranslations("common.language");
  const locale = useLocale() as Locale;
  const router = useRouter();
  const next: Locale = locale === "zh-CN" ? "en" : "zh-CN";
  return (
    <button
      type="button"
      className="language-switch"
      lang={next}
      aria-label={t("switchLabel")}
      onClick={() => {
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
        router.refresh();
      }}
    >
      {t("switchTo")}
    </button>
  );
}
