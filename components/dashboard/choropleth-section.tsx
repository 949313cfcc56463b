import { getTranslations } from "next-intl/server";
import { ChoroplethMapLoader } from "@/components/dashboard/choropleth-map-loader";
import { measureLabel } from "@/components/dashboard/measure-label";
import { measureValue, type AreaRow } from "@/lib/dashboard/area-rows";
import { CLASS_COLORS, classOf, NO_DATA_COLOR, quantileBreaks } from "@/lib/dashboard/class-breaks";
import { dashboardParams } from "@/lib/dashboard/dashboard-href";
import type { DashboardQuery } from "@/lib/validations/dashboard";

type Props = {
  query: DashboardQuery;
  level: "city" | "district";
  cityAdcode: number | null;
  rows: AreaRow[];
  amenities: { code: string; name: string }[];
  formatValue: (value: number | null, measure: DashboardQuery["measure"]) => string;
};

/**
 * The choropleth with its measure select (a GET form, so the choice is in the URL) and its legend. Class
 * breaks are quantiles of the areas shown; the legend is drawn here, on the server, from the same breaks.
 */
export async function ChoroplethSection({ query, level, cityAdcode, rows, amenities, formatValue }: Props) {
  const t = await getTranslations("admin.dashboard");
  const amenityName = (code: string) => amenities.find((a) => a.code === code)?.name ?? code;
  const label = measureLabel(t, query.measure, amenityName);
  const levelName = level === "city" ? t("map.levelCity") : t("map.levelDistrict");
  const values = rows.map((r) => measureValue(r, query.measure));
  const breaks = quantileBreaks(values);
  const colorOf = (value: number | null) => {
    const index = classOf(value, breaks);
    return index === null ? NO_DATA_COLOR : CLASS_COLORS[index];
  };
  const noData = values.filter((v) => v === null).length;
  const options: DashboardQuery["measure"][] = ["residentsPerStation", "verifiedShare", "outsideShare", ...amenities.map((a) => `amenity.${a.code}` as const)];

  return (
    <section aria-labelledby="map-heading" className="dashboard-section" id="map">
      <h2 id="map-heading">{t("map.title", { level: levelName })}</h2>
      <form method="get" action="/admin#map" className="dashboard-controls">
        {dashboardParams(query, ["measure"]).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <label>
          {t("map.measure")}
          <select name="measure" defaultValue={query.measure}>
            {options.map((m) => (
              <option key={m} value={m}>
                {measureLabel(t, m, amenityName)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button primary">
          {t("map.show")}
        </button>
      </form>
      <div className="dashboard-map-layout">
        <div className="dashboard-map" role="region" aria-label={t("map.label", { measure: label, level: levelName })} data-testid="choropleth" data-measure={query.measure}>
          <ChoroplethMapLoader
            level={level}
            cityAdcode={cityAdcode}
            focus={query.focus ?? null}
            measureKey={query.measure}
            areas={rows.map((r, i) => ({ adcode: r.adcode, name: r.name, label: formatValue(values[i], query.measure), color: colorOf(values[i]) }))}
          />
          <noscript>
            <p className="muted">{t("map.noScript")}</p>
          </noscript>
        </div>
        <div className="dashboard-legend" data-testid="choropleth-legend">
          <p className="dashboard-legend-title">{t("map.legendTitle", { measure: label, classes: String(breaks.counts.length) })}</p>
          <ul>
            {breaks.counts.map((count, i) => {
              const from = formatValue(breaks.bounds[i], query.measure);
              const to = formatValue(breaks.bounds[i + 1], query.measure);
              return (
                <li key={i}>
                  <span className="swatch" style={{ background: CLASS_COLORS[i] }} aria-hidden="true" />
                  {from === to ? t("map.legendSingle", { value: from, count: String(count) }) : t("map.legendClass", { from, to, count: String(count) })}
                </li>
              );
            })}
            {noData > 0 && (
              <li>
                <span className="swatch" style={{ background: NO_DATA_COLOR }} aria-hidden="true" />
                {t("map.noData", { count: String(noData) })}
              </li>
            )}
          </ul>
          <p className="muted">{t("map.darker")}</p>
        </div>
      </div>
    </section>
  );
}
