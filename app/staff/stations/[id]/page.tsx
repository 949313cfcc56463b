import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { AmenitiesForm } from "@/components/staff/amenities-form";
import { HoursForm } from "@/components/staff/hours-form";
import { StationEditForm } from "@/components/staff/station-edit-form";
import { StationHistory } from "@/components/staff/station-history";
import { StationVersionProvider } from "@/components/staff/station-version";
import { AppError } from "@/lib/errors";
import { listAmenityTypes } from "@/lib/server/amenity/list-amenity-types";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { getPageActor } from "@/lib/server/auth/get-page-actor";
import { getEditableStation } from "@/lib/server/station/get-editable-station";
import "../../staff.css";

export const metadata: Metadata = { robots: { index: false } };

const HISTORY_LIMIT = 50;

export default async function StaffStationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await getPageActor();
  if (actor.kind !== "user") redirect("/login");
  const { id } = await params;
  const station = await getEditableStation(actor, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const [amenityTypes, history, t, format, locale] = await Promise.all([
    listAmenityTypes(actor),
    listAuditEvents(actor, { stationId: station.id, limit: HISTORY_LIMIT }),
    getTranslations("staff"),
    getFormatter(),
    getLocale(),
  ]);
  const { amenities, openingHours, ...details } = station;
  const types = amenityTypes.map((a) => ({ code: a.code, name: locale === "en" ? a.nameEn : a.nameZh }));

  return (
    <main className="page staff-page">
      <a href="/staff" className="back-link">
        <span aria-hidden="true">‹</span> {t("station.back")}
      </a>
      <h1>{station.name}</h1>
      <p className="muted">
        {station.address} · <a href={`/stations/${station.id}`}>{t("viewPublic")}</a>
      </p>
      <p className="muted">
        {station.verifiedAt ? t("verified", { date: format.dateTime(new Date(station.verifiedAt), { dateStyle: "medium" }) }) : t("neverVerified")} ·{" "}
        {t("openFeedback", { count: station.openFeedback })}
      </p>
      <nav aria-label={t("station.sections")} className="staff-sections">
        <a href="#details-heading">{t("station.details")}</a>
        <a href="#amenities-heading">{t("station.amenities")}</a>
        <a href="#hours-heading">{t("station.hours")}</a>
        <a href="#history-heading">{t("station.history")}</a>
      </nav>

      <StationVersionProvider initial={station.version}>
        <section aria-labelledby="details-heading" className="card" data-testid="station-details">
          <h2 id="details-heading">{t("station.details")}</h2>
          <StationEditForm station={details} />
        </section>
        <section aria-labelledby="amenities-heading" className="card" data-testid="station-amenities">
          <h2 id="amenities-heading">{t("station.amenities")}</h2>
          <AmenitiesForm stationId={station.id} types={types} initial={amenities} />
        </section>
        <section aria-labelledby="hours-heading" className="card" data-testid="station-hours">
          <h2 id="hours-heading">{t("station.hours")}</h2>
          <HoursForm stationId={station.id} initial={openingHours} />
        </section>
      </StationVersionProvider>

      <section aria-labelledby="history-heading" className="card">
        <h2 id="history-heading">{t("station.history")}</h2>
        <StationHistory events={history} amenityNames={new Map(types.map((type) => [type.code, type.name]))} />
        {history.length === HISTORY_LIMIT && <p className="muted">{t("history.limited", { count: HISTORY_LIMIT })}</p>}
      </section>
    </main>
  );
}
