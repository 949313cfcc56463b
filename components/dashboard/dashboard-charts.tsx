import { getFormatter, getTranslations } from "next-intl/server";
import { renderActivityChart, renderAmenityChart, type ChartWidth } from "@/lib/dashboard/render-charts";
import type { WeeklyActivity } from "@/lib/server/dashboard/get-weekly-activity";

/** Audit entity kinds in the order the change log names them; any other kind is counted as "other". */
const ENTITY_ORDER = ["station", "station_amenities", "opening_hours", "feedback_report", "user", "role_assignment"];
const OTHER = "other";

/** The weekly counts per kind the chart draws: the known kinds in order, then the rest summed. */
function chartKinds(byEntity: WeeklyActivity["byEntity"]): [string, number[]][] {
  const known = ENTITY_ORDER.filter((kind) => kind in byEntity).map((kind): [string, number[]] => [kind, byEntity[kind]]);
  const others = Object.entries(byEntity).filter(([kind]) => !ENTITY_ORDER.includes(kind));
  if (others.length === 0) return known;
  return [...known, [OTHER, others.reduce((sum, [, weeks]) => sum.map((n, i) => n + weeks[i]), others[0][1].map(() => 0))]];
}
const WIDTHS: ChartWidth[] = [340, 640];

type Props = {
  activity: WeeklyActivity;
  /** The scope's stations in service, and how many offer each amenity, most common first. */
  amenities: { name: string; stations: number }[];
  stations: number;
};

/** A server-rendered SVG in two widths (CSS shows the one that fits), named for assistive technology. */
function Chart({ render, label, testId }: { render: (width: ChartWidth) => string; label: string; testId: string }) {
  return (
    <div className="dashboard-chart" role="img" aria-label={label} data-testid={testId}>
      {WIDTHS.map((width) => (
        <div key={width} className={`dashboard-chart-${width}`} aria-hidden="true" dangerouslySetInnerHTML={{ __html: render(width) }} />
      ))}
    </div>
  );
}

/**
 * Activity over time and amenity coverage as charts drawn by ECharts on the server (no chart script in
 * the page), each with its figures as a table behind a disclosure.
 */
export async function DashboardCharts({ activity, amenities, stations }: Props) {
  const [t, entities, format] = await Promise.all([getTranslations("admin.dashboard.charts"), getTranslations("audit.entities"), getFormatter()]);
  const counted = chartKinds(activity.byEntity);
  const entityName = (kind: string) => (kind === OTHER ? t("otherKind") : entities(kind));
  const series = counted.map(([kind, data]) => ({ name: entityName(kind), data }));
  const weekLabel = (monday: string) => format.dateTime(new Date(`${monday}T00:00:00+08:00`), { month: "numeric", day: "numeric" });
  const percent = (n: number) => format.number(n, { style: "percent", maximumFractionDigits: 1 });
  const shares = amenities.map((a) => ({ name: a.name, stations: a.stations, share: stations > 0 ? a.stations / stations : 0 }));
  const activitySummary = activity.total > 0 ? t("activitySummary", { total: activity.total }) : t("activityEmpty");
  const amenitySummary =
    shares.length > 0
      ? t("amenitiesSummary", { count: stations, top: shares[0].name, topShare: percent(shares[0].share), bottom: shares.at(-1)!.name, bottomShare: percent(shares.at(-1)!.share) })
      : "";

  return (
    <section aria-labelledby="charts-heading" className="dashboard-section" id="charts">
      <h2 id="charts-heading">{t("title")}</h2>
      <div className="dashboard-charts">
        <figure className="dashboard-card">
          <figcaption>
            <h3>{t("activity")}</h3>
            <p>{activitySummary}</p>
          </figcaption>
          {activity.total > 0 && <Chart testId="activity-chart" label={`${t("activity")} ${activitySummary}`} render={(w) => renderActivityChart({ weeks: activity.weeks, series }, w)} />}
          <details>
            <summary>{t("asTable")}</summary>
            <div className="dashboard-table-scroll">
              <table className="dashboard-table">
                <thead>
                  <tr>
                    <th scope="col">{t("week")}</th>
                    {counted.map(([kind]) => (
                      <th key={kind} scope="col">
                        {entityName(kind)}
                      </th>
                    ))}
                    <th scope="col">{t("total")}</th>
                  </tr>
                </thead>
                <tbody>
                  {activity.weeks.map((week, i) => (
                    <tr key={week}>
                      <th scope="row">{weekLabel(week)}</th>
                      {counted.map(([kind, data]) => (
                        <td key={kind}>{data[i]}</td>
                      ))}
                      <td>{counted.reduce((sum, [, data]) => sum + data[i], 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </figure>
        <figure className="dashboard-card">
          <figcaption>
            <h3>{t("amenities")}</h3>
            <p>{amenitySummary}</p>
          </figcaption>
          <Chart testId="amenity-chart" label={`${t("amenities")} ${amenitySummary}`} render={(w) => renderAmenityChart({ amenities: shares }, w)} />
          <details>
            <summary>{t("asTable")}</summary>
            <table className="dashboard-table">
              <thead>
                <tr>
                  <th scope="col">{t("amenity")}</th>
                  <th scope="col">{t("stations")}</th>
                  <th scope="col">{t("share")}</th>
                </tr>
              </thead>
              <tbody>
                {shares.map((a) => (
                  <tr key={a.name}>
                    <th scope="row">{a.name}</th>
                    <td>{a.stations}</td>
                    <td>{percent(a.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </figure>
      </div>
    </section>
  );
}
