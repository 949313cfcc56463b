import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { FeedbackResolver } from "@/components/staff/feedback-item";
import { getPageActor } from "@/lib/server/auth/get-page-actor";
import { listFeedbackQueue } from "@/lib/server/feedback/list-feedback-queue";
import { listEditableStations } from "@/lib/server/station/list-editable-stations";
import "./staff.css";

export const metadata: Metadata = { robots: { index: false } };

export default async function StaffPage() {
  const actor = await getPageActor();
  if (actor.kind !== "user") redirect("/login");
  const [stations, feedback, t, format] = await Promise.all([
    listEditableStations(actor),
    listFeedbackQueue(actor, { status: "open" }),
    getTranslations("staff"),
    getFormatter(),
  ]);

  return (
    <main className="page staff-page">
      <div className="staff-header">
        <h1>{t("title")}</h1>
        <p className="muted">{t("signedInAs", { label: actor.label.replace(/^user:/, "") })}</p>
      </div>

      <section aria-labelledby="feedback-heading" className="card">
        <h2 id="feedback-heading">{t("feedback.title")}</h2>
        {feedback.length === 0 ? (
          <p>{t("feedback.none")}</p>
        ) : (
          <ul className="staff-feedback" data-testid="feedback-queue">
            {feedback.map((report) => (
              <li key={report.id}>
                <strong>
                  <a href={`/staff/stations/${report.stationId}`}>{report.stationName}</a>
                </strong>{" "}
                · {t(`feedback.kinds.${report.kind as "other"}`)} · {format.dateTime(new Date(report.createdAt), { dateStyle: "medium", timeStyle: "short" })}
                {report.message && <p>{report.message}</p>}
                {report.contact && <p className="muted">{t("feedback.contact", { contact: report.contact })}</p>}
                <FeedbackResolver reportId={report.id} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="stations-heading">
        <h2 id="stations-heading">{t("stationsTitle")}</h2>
        {stations.length === 0 && <p>{t("none")}</p>}
        <ul className="staff-stations">
          {stations.map((station) => (
            <li key={station.id} className="card" data-testid="staff-station">
              <h3>
                <a href={`/staff/stations/${station.id}`}>{station.name}</a>
              </h3>
              <p className="muted">{station.address}</p>
              <p className="muted">
                {t(`form.statuses.${station.status}`)} ·{" "}
                {station.verifiedAt ? t("verified", { date: format.dateTime(new Date(station.verifiedAt), { dateStyle: "medium" }) }) : t("neverVerified")} ·{" "}
                {t("openFeedback", { count: station.openFeedback })}
              </p>
            </li>
          ))}
        </ul>
      </section>
      {stations.length === 200 && <p className="muted">{t("limited")}</p>}
    </main>
  );
}
