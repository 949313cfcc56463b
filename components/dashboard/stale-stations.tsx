import { getFormatter, getTranslations } from "next-intl/server";
import { dashboardParams } from "@/lib/dashboard/dashboard-href";
import type { StaleStations as Stale } from "@/lib/server/dashboard/list-stale-stations";
import { STALE_DAYS_MAX, type DashboardQuery } from "@/lib/validations/dashboard";

/**
 * Stations nobody has verified for N days, per city (one disclosure each, so a province's list stays
 * short on a phone), each with its staff and the links to verify it or see its public page.
 */
export async function StaleStations({ query, stale, now }: { query: DashboardQuery; stale: Stale; now: Date }) {
  const [t, tAll, format] = await Promise.all([getTranslations("admin.dashboard.stale"), getTranslations("admin.dashboard"), getFormatter()]);
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  const daysAgo = (iso: string) => Math.floor((now.getTime() - Date.parse(iso)) / 86_400_000);
  return (
    <section aria-labelledby="stale-heading" className="dashboard-section" id="stale">
      <h2 id="stale-heading">{t("title")}</h2>
      <p>{t("intro")}</p>
      <form method="get" action="/admin#stale" className="dashboard-controls">
        {dashboardParams(query, ["stale"]).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <label>
          {t("days")}
          <input type="number" name="stale" min={1} max={STALE_DAYS_MAX} required defaultValue={stale.days} aria-describedby="stale-days-hint" />
          <small id="stale-days-hint">{t("daysHint", { max: STALE_DAYS_MAX })}</small>
        </label>
        <button type="submit" className="button primary">
          {t("submit")}
        </button>
      </form>
      <p className="dashboard-stale-count" data-testid="stale-count" data-total={stale.total}>
        {t("count", { total: stale.total, days: stale.days, cutoff: date(stale.cutoff) })}
      </p>
      {stale.cities.map((city) => (
        <details key={city.adcode} className="dashboard-stale-city" open={stale.cities.length === 1}>
          <summary>{t("city", { city: city.name, count: city.stations.length })}</summary>
          <ul className="dashboard-stale-list" data-testid={`stale-${city.adcode}`}>
            {city.stations.map((s) => (
              <li key={s.id} data-station-id={s.id}>
                <p className="dashboard-stale-name">
                  <strong>{s.name}</strong> <span className="muted">{s.districtName}</span>
                  {s.status === "temporarily_closed" && <span className="dashboard-tag">{t("paused")}</span>}
                </p>
                <p>{t("verifiedLine", { when: s.verifiedAt ? t("verifiedWhen", { date: date(s.verifiedAt), days: daysAgo(s.verifiedAt) }) : t("never") })}</p>
                <p>
                  {t("staffLine", {
                    names: s.staff.length ? s.staff.map((p) => (p.username ? t("staffName", { name: p.name, username: p.username }) : p.name)).join(t("listSeparator")) : t("noStaff"),
                  })}
                </p>
                <p className="dashboard-row-links">
                  <a href={`/staff/stations/${s.id}`} aria-label={tAll("linkFor", { action: t("edit"), name: s.name })}>
                    {t("edit")}
                  </a>
                  <a href={`/stations/${s.id}`} aria-label={tAll("linkFor", { action: t("public"), name: s.name })}>
                    {t("public")}
                  </a>
                </p>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}
