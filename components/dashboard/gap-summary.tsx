import { getFormatter, getTranslations } from "next-intl/server";
import type { CoverageView } from "@/lib/validations/admin-responses";

const TOP = 5;

/**
 * The coverage analysis in brief (any open station, 1 km): how many residents are outside reach, the
 * districts with the most, the method in a sentence, and the way to the full analysis with its gap map.
 */
export async function GapSummary({ total, districts }: { total: CoverageView["total"]; districts: CoverageView["districts"] }) {
  const [t, format] = await Promise.all([getTranslations("admin.dashboard.gaps"), getFormatter()]);
  const number = (n: number) => format.number(n, { maximumFractionDigits: 0 });
  const percent = (n: number) => format.number(n, { style: "percent", maximumFractionDigits: 1 });
  return (
    <section aria-labelledby="gaps-heading" className="dashboard-section dashboard-card" id="gaps">
      <h2 id="gaps-heading">{t("title")}</h2>
      <p className="dashboard-gap-summary">{t("summary", { outside: number(total.residentsOutside), share: percent(total.shareOutside) })}</p>
      <h3>{t("top")}</h3>
      <ol className="dashboard-gap-top">
        {districts.slice(0, TOP).map((d) => (
          <li key={d.adcode}>{t("row", { name: d.name, city: d.cityName, outside: number(d.residentsOutside), share: percent(d.shareOutside) })}</li>
        ))}
      </ol>
      <p>
        <a className="button primary" href="/admin/coverage">
          {t("link")}
        </a>
      </p>
      <p className="muted">{t("method")}</p>
    </section>
  );
}
