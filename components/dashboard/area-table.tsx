import { getTranslations } from "next-intl/server";
import { measureLabel } from "@/components/dashboard/measure-label";
import { measureValue, type AreaRow } from "@/lib/dashboard/area-rows";
import { dashboardHref, dashboardParams } from "@/lib/dashboard/dashboard-href";
import type { AreaMeasure, AreaSort, DashboardQuery } from "@/lib/validations/dashboard";

type Props = {
  query: DashboardQuery;
  level: "city" | "district";
  /** Filtered and sorted already. */
  rows: AreaRow[];
  amenities: { code: string; name: string }[];
  formatValue: (value: number | null, key: AreaSort) => string;
};

/**
 * Per city (or per district of the chosen city): sortable by every column through links and filterable
 * through a GET form, so it works without JavaScript. Each row links to its place on the map above, and a
 * city row to its districts.
 */
export async function AreaTable({ query, level, rows, amenities, formatValue }: Props) {
  const t = await getTranslations("admin.dashboard");
  const amenityName = (code: string) => amenities.find((a) => a.code === code)?.name ?? code;
  const columns: { key: AreaMeasure | "stations"; label: string }[] = [
    { key: "stations", label: t("table.stations") },
    { key: "residentsPerStation", label: t("table.residentsPerStation") },
    { key: "outsideShare", label: t("table.outsideShare") },
    { key: "verifiedShare", label: t("table.verifiedShare") },
    ...amenities.map((a) => ({ key: `amenity.${a.code}` as const, label: a.name })),
  ];
  const levelName = level === "city" ? t("map.levelCity") : t("map.levelDistrict");
  const sortHeader = (key: AreaSort, label: string) => {
    const current = query.sort === key;
    // A new column starts from the largest (names from A); the current one flips.
    const dir = current ? (query.dir === "asc" ? "desc" : "asc") : key === "name" ? "asc" : "desc";
    return (
      <th key={key} scope="col" aria-sort={current ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
        <a href={dashboardHref(query, { sort: key, dir }, "#areas")} aria-label={`${t("table.sortBy", { column: label })}${current ? t(query.dir === "asc" ? "table.sortedAsc" : "table.sortedDesc") : ""}`}>
          {label}
          {current && <span aria-hidden="true">{query.dir === "asc" ? " ▲" : " ▼"}</span>}
        </a>
      </th>
    );
  };

  return (
    <section aria-labelledby="areas-heading" className="dashboard-section" id="areas">
      <h2 id="areas-heading">{t("table.title", { level: levelName })}</h2>
      <form method="get" action="/admin#areas" className="dashboard-controls" role="search">
        {dashboardParams(query, ["q"]).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <label>
          {t("table.filter")}
          <input type="search" name="q" defaultValue={query.q} maxLength={20} />
        </label>
        <button type="submit" className="button primary">
          {t("table.filterSubmit")}
        </button>
        {query.q !== "" && (
          <a className="button secondary" href={dashboardHref(query, { q: "" }, "#areas")}>
            {t("table.clear")}
          </a>
        )}
      </form>
      {/* Above the scrolling box rather than a caption, so a phone shows it without scrolling sideways. */}
      <p className="muted" id="areas-caption">
        {t("table.caption", {
          count: rows.length,
          sort: measureLabel(t, query.sort, amenityName),
          dir: t(query.dir === "asc" ? "table.asc" : "table.desc"),
        })}
      </p>
      <div className="dashboard-table-scroll" tabIndex={0} role="region" aria-labelledby="areas-heading">
        <table className="dashboard-table" data-testid="area-table" aria-labelledby="areas-heading" aria-describedby="areas-caption">
          <thead>
            <tr>
              {sortHeader("name", t("table.name"))}
              {columns.map((c) => sortHeader(c.key, c.label))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.adcode} data-adcode={row.adcode}>
                <th scope="row">
                  <span className="dashboard-area-name">{row.name}</span>
                  <span className="dashboard-row-links">
                    {level === "city" && (
                      <a href={dashboardHref(query, { city: row.adcode, focus: undefined, q: "" })} aria-label={t("linkFor", { action: t("table.drillDown"), name: row.name })}>
                        {t("table.drillDown")}
                      </a>
                    )}
                    <a href={dashboardHref(query, { focus: row.adcode }, "#map")} aria-label={t("linkFor", { action: t("table.onMap"), name: row.name })}>
                      {t("table.onMap")}
                    </a>
                    <a href={`/?place=${row.adcode}`} aria-label={t("linkFor", { action: t("table.onFinder"), name: row.name })}>
                      {t("table.onFinder")}
                    </a>
                  </span>
                </th>
                {columns.map((c) => (
                  <td key={c.key}>{formatValue(measureValue(row, c.key), c.key)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        {t("table.amenityNote")} {level === "district" ? t("table.notModelled") : null}
      </p>
    </section>
  );
}
