import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { AmenityIcon } from "@/components/amenity-icon";
import { LiveOpenStateBadge, WeeklyHoursTable } from "@/components/station/live-open-state";
import { ConfirmStation } from "@/components/station/confirm-station";
import { DirectionsLinks } from "@/components/station/directions-links";
import { ReportProblemForm } from "@/components/station/report-problem-form";
import { ShareLink } from "@/components/station/share-link";
import { StationIcon } from "@/components/station/station-icon";
import { StationQrCode } from "@/components/station/station-qr-code";
import "@/components/station/station.css";
import { StationLocationMap } from "@/components/station-location-map";
import { publicOrigin } from "@/lib/api/public-origin";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { openStateAt, shanghaiLocalTime } from "@/lib/opening-hours";
import { listAmenityTypes } from "@/lib/server/amenity/list-amenity-types";
import { getPageReader } from "@/lib/server/auth/get-page-actor";
import { getStation } from "@/lib/server/station/get-station";

type PageProps = { params: Promise<{ id: string }> };

// generateMetadata and the page share one clock reading and one lookup per request, so the open-now
// badge and the highlighted day cannot disagree around midnight.
const requestTime = cache(() => new Date());
const loadStation = cache(async (id: string) => {
  try {
    return await getStation(await getPageReader(), id, requestTime());
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  await connection();
  const [station, t] = await Promise.all([loadStation((await params).id), getTranslations("station")]);
  return { title: station.name, description: t("metaDescription", { name: station.name, address: station.address }) };
}

export default async function StationPage({ params }: PageProps) {
  await connection();
  const station = await loadStation((await params).id);
  const [t, tCommon, format, locale, requestHeaders] = await Promise.all([
    getTranslations("station"),
    getTranslations("common"),
    getFormatter(),
    getLocale(),
    headers(),
  ]);
  const today = shanghaiLocalTime(requestTime());
  const notOperating = station.status !== "open";
  const english = locale === "en";
  const weekdays = tCommon.raw("weekdays") as string[];
  const pageUrl = `${publicOrigin(requestHeaders, env.PUBLIC_BASE_URL)}/stations/${station.id}`;

  const instantDate = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  // Calendar dates are Shanghai dates: noon there is the same day in every zone the formatter may use.
  const calendarDate = (isoDate: string) => format.dateTime(new Date(`${isoDate}T12:00:00+08:00`), { dateStyle: "medium" });

  const amenityName = (a: { nameZh: string; nameEn: string }) => (english ? a.nameEn : a.nameZh);
  // Reports name what the station should have; a station with no amenities listed offers every type.
  const reportAmenities = station.amenityDetails.length
    ? station.amenityDetails.map((a) => ({ code: a.code, name: amenityName(a) }))
    : (await listAmenityTypes(await getPageReader())).map((a) => ({ code: a.code, name: amenityName(a) }));

  return (
    <main className="page station-page">
      <a href="/" className="back-link station-back">
        <span aria-hidden="true">‹</span> {t("back")}
      </a>
      <h1>{station.name}</h1>
      {english && station.nameEn && (
        <p className="station-name-en" lang="en">
          {station.nameEn}
        </p>
      )}
      <p className="station-state">
        <LiveOpenStateBadge status={station.status} openingHours={station.openingHours} initial={openStateAt(station.status, station.openingHours, today)} />{" "}
        <span className="muted">{t("place", { city: station.city.name, district: station.district.name })}</span>
      </p>

      {station.notice && (
        <section
          className={`card station-notice${notOperating ? " is-closed" : ""}`}
          aria-label={notOperating ? t("notice.closedLabel") : t("notice.label")}
          data-testid="station-notice"
        >
          <StationIcon name="warning" size={28} />
          <p>
            <strong>{notOperating ? t("notice.closedLabel") : t("notice.label")}</strong>
            {station.notice}
          </p>
        </section>
      )}

      <section className="card" aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t("contact.heading")}</h2>
        <dl className="station-facts">
          <dt>{t("contact.address")}</dt>
          <dd>{station.address}</dd>
          <dt>{t("contact.phone")}</dt>
          <dd>
            {station.phone ? (
              <a className="station-button station-call" href={`tel:${station.phone.replace(/[^0-9+]/g, "")}`}>
                <StationIcon name="phone" />
                <span>{station.phone}</span>
              </a>
            ) : (
              t("contact.noPhone")
            )}
          </dd>
          <dt>{t("contact.verified")}</dt>
          <dd>{station.verifiedAt ? t("contact.verifiedOn", { date: instantDate(station.verifiedAt) }) : t("contact.neverVerified")}</dd>
        </dl>
      </section>

      <DirectionsLinks target={{ lat: station.location.lat, lng: station.location.lng, name: station.name, address: station.address }} />

      <section className="card" aria-labelledby="hours-heading">
        <h2 id="hours-heading">{t("hours.heading")}</h2>
        {station.openingHours.weekly.length === 0 ? (
          <p>{t("hours.unknown")}</p>
        ) : (
          <WeeklyHoursTable
            initialToday={today.weekday}
            todaySuffix={t("hours.today")}
            rows={weekdays.map((label, index) => {
              const periods = station.openingHours.weekly.filter((p) => p.day === index + 1);
              return {
                day: index + 1,
                label,
                hours: periods.length ? periods.map((p) => `${p.opens}–${p.closes}`).join(t("hours.separator")) : t("hours.rest"),
              };
            })}
          />
        )}
        {station.openingHours.exceptions.length > 0 && (
          <>
            <h3>{t("hours.exceptionsHeading")}</h3>
            <ul className="station-exceptions">
              {station.openingHours.exceptions.map((e, index) => (
                <li key={index} className={e.kind === "temporary_closure" ? "is-closure" : undefined}>
                  {e.kind === "temporary_closure" && <StationIcon name="warning" size={20} />}
                  <span>
                    {t("hours.exception", {
                      kind: tCommon(`exceptionKinds.${e.kind}`),
                      dates: e.endsOn !== e.startsOn ? t("hours.dateRange", { from: calendarDate(e.startsOn), to: calendarDate(e.endsOn) }) : calendarDate(e.startsOn),
                      hours: e.closed ? t("hours.closedAllDay") : `${e.opens}–${e.closes}`,
                    })}
                    {e.note ? t("hours.exceptionNote", { note: e.note }) : ""}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="amenities-heading">
        <h2 id="amenities-heading">{t("amenities.heading")}</h2>
        {station.amenityDetails.length === 0 ? (
          <p>{t("amenities.none")}</p>
        ) : (
          <ul className="station-amenities">
            {station.amenityDetails.map((a) => (
              <li key={a.code} className={`station-amenity is-${a.availability}`} data-testid={`amenity-${a.code}`}>
                <AmenityIcon icon={a.icon} size={26} />
                <span>
                  <span className="station-amenity-name">
                    {a.availability === "available"
                      ? amenityName(a)
                      : t("amenities.withAvailability", { name: amenityName(a), availability: tCommon(`availability.${a.availability}`) })}
                  </span>
                  {a.note && <small>{a.note}</small>}
                  {a.checkedAt && <small>{t("amenities.checkedOn", { date: instantDate(a.checkedAt) })}</small>}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {station.story && (
        <section className="card" aria-labelledby="story-heading">
          <h2 id="story-heading">{t("story.heading")}</h2>
          <p className="station-story">{station.story}</p>
        </section>
      )}

      <section className="card station-map-card" aria-label={t("map.label")}>
        <div className="station-mini-map">
          <StationLocationMap lat={station.location.lat} lng={station.location.lng} name={station.name} tiles={{ url: env.TILE_URL, attribution: env.TILE_ATTRIBUTION }} />
        </div>
      </section>

      <section className="card station-feedback" aria-labelledby="confirm-heading">
        <ConfirmStation stationId={station.id} />
        <ReportProblemForm stationId={station.id} amenities={reportAmenities} />
      </section>

      <section className="card station-share-card" aria-labelledby="share-heading">
        <h2 id="share-heading">{t("share.heading")}</h2>
        <div className="station-share-layout">
          <figure className="station-qr-figure">
            <StationQrCode url={pageUrl} label={t("share.qrLabel", { url: pageUrl })} />
            <figcaption>{t("share.qrCaption")}</figcaption>
          </figure>
          <ShareLink url={pageUrl} title={station.name} text={t("share.shareText", { name: station.name, address: station.address })} />
        </div>
      </section>
    </main>
  );
}
