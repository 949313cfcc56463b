import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { defaultLocale, isLocale, LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";

/** Messages are split by area (one file per namespace) so each part of the app keeps its own strings. */
async function loadMessages(locale: Locale) {
  const [common, finder, station, pwa, auth, staff, admin, audit, coverage, transfer, privacy] = await Promise.all([
    import(`../../messages/${locale}/common.json`),
    import(`../../messages/${locale}/finder.json`),
    import(`../../messages/${locale}/station.json`),
    import(`../../messages/${locale}/pwa.json`),
    import(`../../messages/${locale}/auth.json`),
    import(`../../messages/${locale}/staff.json`),
    import(`../../messages/${locale}/admin.json`),
    import(`../../messages/${locale}/audit.json`),
    import(`../../messages/${locale}/coverage.json`),
    import(`../../messages/${locale}/transfer.json`),
    import(`../../messages/${locale}/privacy.json`),
  ]);
  return { common: common.default, finder: finder.default, station: station.default, pwa: pwa.default, auth: auth.default, staff: staff.default, admin: admin.default, audit: audit.default, coverage: coverage.default, transfer: transfer.default, privacy: privacy.default };
}

// Chinese unless the reader chose English with the switch: no URL prefix, so shared and printed
// links stay the same in either language.
export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : defaultLocale;
  return { locale, messages: await loadMessages(locale), timeZone: "Asia/Shanghai" };
});
