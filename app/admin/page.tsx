import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AdminForbidden } from "@/components/admin/admin-forbidden";
import { AdminNav } from "@/components/admin/admin-nav";
import { AreaTable } from "@/components/dashboard/area-table";
import { ChoroplethSection } from "@/components/dashboard/choropleth-section";
import { DashboardCharts } from "@/components/dashboard/dashboard-charts";
import { GapSummary } from "@/components/dashboard/gap-summary";
import { HeadlineFigures } from "@/components/dashboard/headline-figures";
import { StaleStations } from "@/components/dashboard/stale-stations";
import { filterAreaRows, sortAreaRows, type AreaRow } from "@/lib/dashboard/area-rows";
import { dashboardHref } from "@/lib/dashboard/dashboard-href";
import { listAmenityTypes } from "@/lib/server/amenity/list-amenity-types";
import { viewableCities } from "@/lib/server/coverage/area-scope";
import { getAreaStatistics } from "@/lib/server/coverage/get-area-statistics";
import type { AreaFigures } from "@/lib/validations/admin-responses";
import { getCoverage } from "@/lib/server/coverage/get-coverage";
import { getHeadlineFigures } from "@/lib/server/dashboard/get-headline-figures";
import { getWeeklyActivity } from "@/lib/server/dashboard/get-weekly-activity";
import { listStaleStations } from "@/lib/server/dashboard/list-stale-stations";
import { COVERAGE_THRESHOLD_DEFAULT_M } from "@/lib/validations/coverage";
import { dashboardQuerySchema, type AreaMeasure, type DashboardQuery } from "@/lib/validations/dashboard";
import { adminPageAccess } from "./admin-page-access";
import "@/components/dashboard/dashboard.css";
import "./admin.css";

export const metadata: Metadata = { robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The admin dashboard: headline figures, the per-area table and choropleth, coverage gaps, stations to
 * verify and charts, for the actor's area (every data-access call below scopes itself by the actor).
 * A province admin starts at the cities and drills into one with ?city=; a manager of one city sees its
 * districts.
 */
export default async function AdminPage({ searchParams }: { searchParams: SearchParams }) {
  const { actor, scope } = await adminPageAccess();
  if (!scope) return <AdminForbidden />;
  const now = new Date();
  const [t, format, locale, amenityTypes] = await Promise.all([getTranslations("admin"), getFormatter(), getLocale(), listAmenityTypes(actor)]);
  const amenities = amenityTypes.map((a) => ({ code: a.code, name: locale === "en" ? a.nameEn : a.nameZh }));

  // A bad link shows the default view with a notice rather than an error page.
  const viewable = viewableCities(actor);
  const params = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = dashboardQuerySchema.safeParse(params);
  const unknownAmenity = parsed.success
    ? [parsed.data.measure, parsed.data.sort].find((m) => m.startsWith("amenity.") && !amenities.some((a) => `amenity.${a.code}` === m))
    : undefined;
  const problem = !parsed.success
    ? parsed.error.issues.map((i) => i.message).join(" ")
    : parsed.data.city !== undefined && viewable !== null && !viewable.includes(parsed.data.city)
      ? t("dashboard.cityOutOfScope")
      : unknownAmenity !== undefined
        ? t("dashboard.unknownAmenity", { code: unknownAmenity.slice("amenity.".length) })
        : null;
  const query: DashboardQuery = parsed.success && problem === null ? parsed.data : dashboardQuerySchema.parse({});
  // One city in view: the one chosen, or a manager's only city.
  const city = query.city ?? (viewable?.length === 1 ? viewable[0] : undefined);

  const [statistics, coverage, headline, stale, activity] = await Promise.all([
    getAreaStatistics(actor, now),
    getCoverage(actor, { thresholdMeters: COVERAGE_THRESHOLD_DEFAULT_M }),
    getHeadlineFigures(actor, { city, now }),
    listStaleStations(actor, { days: query.stale, city, now }),
    getWeeklyActivity(actor, { city, now }),
  ]);

  const chosen = city === undefined ? null : statistics.cities.find((c) => c.adcode === city)!;
  const level = chosen ? "district" : "city";
  const outside = new Map([...coverage.cities, ...coverage.districts].map((a) => [a.adcode, a.residents > 0 ? a.shareOutside : null]));
  const toRow = (area: AreaFigures, cityAdcode: number): AreaRow => ({
    adcode: area.adcode,
    name: area.name,
    cityAdcode,
    population: area.population,
    stations: area.stations,
    residentsPerStation: area.residentsPerStation,
    verifiedShare: area.stations > 0 ? area.verifiedRecentlyShare : null,
    outsideShare: outside.get(area.adcode) ?? null,
    amenityShares: area.stations > 0 ? area.amenityShares : null,
  });
  const rows = chosen ? chosen.districts.map((d) => toRow(d, chosen.adcode)) : statistics.cities.map((c) => toRow(c, c.adcode));
  const tableRows = sortAreaRows(filterAreaRows(rows, query.q), query.sort, query.dir);

  // The scope's amenity counts for the chart: the chosen city's, or the sum over the cities shown.
  const scopeAreas = chosen ? [chosen] : statistics.cities;
  const scopeStations = scopeAreas.reduce((sum, c) => sum + c.stations, 0);
  const amenityCounts = amenities
    .map((a) => ({ name: a.name, stations: scopeAreas.reduce((sum, c) => sum + (c.amenityStations[a.code] ?? 0), 0) }))
    .sort((a, b) => b.stations - a.stations);

  const formatValue = (value: number | null, key: AreaMeasure | "stations" | "name") => {
    if (value === null) return t("dashboard.table.none");
    if (key === "stations" || key === "residentsPerStation") return format.number(value, { maximumFractionDigits: 0 });
    return format.number(value, { style: "percent", maximumFractionDigits: key.startsWith("amenity.") ? 0 : 1 });
  };

  return (
    <main className="page dashboard-page">
      <AdminNav current="dashboard" />
      <h1>{t("title")}</h1>
      <p className="dashboard-scope">
        <strong>{chosen ? t("dashboard.scopeCity", { city: chosen.name, districts: chosen.districts.length }) : t("dashboard.scopeProvince")}</strong>
        {chosen && viewable === null && (
          <a href={dashboardHref(query, { city: undefined, focus: undefined, q: "" })}>{t("dashboard.backToProvince")}</a>
        )}
      </p>
      {problem !== null && <p role="alert" className="admin-problem">{t("dashboard.invalidQuery", { message: problem })}</p>}
      <p className="dashboard-sample" role="note">
        {t("dashboard.sampleNote")}
      </p>

      <HeadlineFigures figures={headline} />
      <ChoroplethSection query={query} level={level} cityAdcode={chosen?.adcode ?? null} rows={rows} amenities={amenities} formatValue={formatValue} />
      <AreaTable query={query} level={level} rows={tableRows} amenities={amenities} formatValue={formatValue} />
      <GapSummary
        total={chosen ? coverage.cities.find((c) => c.adcode === chosen.adcode)! : coverage.total}
        districts={coverage.districts.filter((d) => !chosen || d.cityAdcode === chosen.adcode)}
      />
      <StaleStations query={query} stale={stale} now={now} />
      <DashboardCharts activity={activity} amenities={amenityCounts} stations={scopeStations} />

      <section aria-labelledby="tools-heading" className="dashboard-section dashboard-card">
        <h2 id="tools-heading">{t("dashboard.tools.title")}</h2>
        <ul className="dashboard-tools">
          <li>
            <a href="/admin/export">{t("dashboard.tools.export")}</a>
          </li>
          <li>
            <a href="/admin/import">{t("dashboard.tools.import")}</a>
          </li>
        </ul>
      </section>
    </main>
  );
}
