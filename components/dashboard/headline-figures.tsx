import { getFormatter, getTranslations } from "next-intl/server";
import type { HeadlineFigures as Figures } from "@/lib/server/dashboard/get-headline-figures";

/** The six numbers an admin reads first, each with a line saying what it counts. */
export async function HeadlineFigures({ figures }: { figures: Figures }) {
  const [t, format] = await Promise.all([getTranslations("admin.dashboard.headline"), getFormatter()]);
  const number = (n: number) => format.number(n);
  const items = [
    ["stations", t("stations"), number(figures.stations), t("stationsHint")],
    ["open-now", t("openNow"), number(figures.openNow), t("openNowHint", { unknown: number(figures.hoursUnknown) })],
    ["verified", t("verified"), format.number(figures.verifiedRecentlyShare, { style: "percent", maximumFractionDigits: 1 }), t("verifiedHint", { count: number(figures.verifiedRecently) })],
    ["open-reports", t("openReports"), number(figures.openReports), t("openReportsHint")],
    ["changes-7", t("changes7"), number(figures.changesLast7Days), t("changesHint")],
    ["changes-30", t("changes30"), number(figures.changesLast30Days), t("changesHint")],
  ] as const;
  return (
    <section aria-labelledby="headline-heading" className="dashboard-section">
      <h2 id="headline-heading">{t("title")}</h2>
      <p className="muted">{t("asOf", { time: format.dateTime(new Date(figures.asOf), { dateStyle: "medium", timeStyle: "short" }) })}</p>
      <dl className="dashboard-figures">
        {items.map(([key, label, value, hint]) => (
          <div key={key} data-testid={`headline-${key}`}>
            <dt>{label}</dt>
            <dd className="dashboard-figure-value">{value}</dd>
            <dd className="dashboard-figure-hint">{hint}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
