"use client";

import { useTranslations } from "next-intl";
import "@/components/station/station.css";

/**
 * What a page shows when rendering it failed, most often because the database cannot be reached for a
 * moment. It names no cause: production passes only a digest, and readers need none. Reloading asks the
 * server again, which is what recovers once the database is back (resetting would only re-render here).
 */
export default function PageError() {
  const t = useTranslations("common.error");
  return (
    <main className="page station-page" data-testid="page-error">
      <h1>{t("title")}</h1>
      <p>{t("body")}</p>
      <p>
        <button type="button" className="station-button station-button-primary" onClick={() => window.location.reload()}>
          {t("retry")}
        </button>{" "}
        <a href="/" className="station-button">
          {t("home")}
        </a>
      </p>
    </main>
  );
}
