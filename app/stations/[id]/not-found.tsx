import { getTranslations } from "next-intl/server";
import "@/components/station/station.css";

export default async function StationNotFound() {
  const t = await getTranslations("station.notFound");
  return (
    <main className="page station-page">
      <h1>{t("title")}</h1>
      <p>{t("body")}</p>
      <a href="/" className="station-button">
        {t("back")}
      </a>
    </main>
  );
}
