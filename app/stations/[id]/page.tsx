import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { AmenityIcon } from "@/components/amenity-icon";
import { OpenStateBadge } from "@/components/open-state-badge";
import { StationLocationMap } from "@/components/station-location-map";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { shanghaiLocalTime } from "@/lib/opening-hours";
import { anonymousActor } from "@/lib/server/actor";
import { getStation } from "@/lib/server/station/get-station";
import {
  AVAILABILITY_LABELS,
  EXCEPTION_KIND_LABELS,
  WEEKDAY_LABELS,
  formatDateZh,
  formatInstantDateZh,
} from "@/lib/station-labels";

type PageProps = { params: Promise<{ id: string }> };

// generateMetadata and the page share one clock reading and one lookup per request, so the open-now
// badge and the highlighted day cannot disagree around midnight.
const requestTime = cache(() => new Date());
const loadStation = cache(async (id: string) => {
  try {
    return await getStation(anonymousActor, id, requestTime());
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  await connection();
  const station = await loadStation((await params).id);
  return { title: station.name, description: `${station.name}：${station.address}` };
}

export default async function StationPage({ params }: PageProps) {
  await connection();
  const station = await loadStation((await params).id);
  const today = shanghaiLocalTime(requestTime());
  const notOperating = station.status !== "open";

  return (
    <main className="page">
      <a href="/" className="back-link">
        ‹ 返回地图
      </a>
      <h1>{station.name}</h1>
      <p>
        <OpenStateBadge status={station.status} openNow={station.openNow} />{" "}
        <span className="muted">
          {station.city.name} · {station.district.name}
        </span>
      </p>

      {station.notice && (
        <section className={`card notice${notOperating ? " notice-closed" : ""}`} aria-label="公告" data-testid="station-notice">
          <strong>公告：</strong>
          {station.notice}
        </section>
      )}

      <section className="card" aria-labelledby="contact-heading">
        <h2 id="contact-heading">地址与电话</h2>
        <dl className="facts">
          <dt>地址</dt>
          <dd>{station.address}</dd>
          <dt>电话</dt>
          <dd>
            {station.phone ? (
              <a className="call-link" href={`tel:${station.phone.replace(/[^0-9+]/g, "")}`}>
                {station.phone}
              </a>
            ) : (
              "暂无"
            )}
          </dd>
          <dt>核实</dt>
          <dd>{station.verifiedAt ? `${formatInstantDateZh(station.verifiedAt)}核实` : "尚未核实"}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="hours-heading">
        <h2 id="hours-heading">营业时间</h2>
        {station.openingHours.weekly.length === 0 ? (
          <p>营业时间未知，请致电网点确认。</p>
        ) : (
          <table className="hours">
            <tbody>
              {WEEKDAY_LABELS.map((label, index) => {
                const day = index + 1;
                const periods = station.openingHours.weekly.filter((p) => p.day === day);
                return (
                  <tr key={day} className={day === today.weekday ? "is-today" : undefined} aria-current={day === today.weekday ? "date" : undefined}>
                    <th scope="row">
                      {label}
                      {day === today.weekday ? "（今天）" : ""}
                    </th>
                    <td>{periods.length ? periods.map((p) => `${p.opens}–${p.closes}`).join("，") : "休息"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {station.openingHours.exceptions.length > 0 && (
          <ul>
            {station.openingHours.exceptions.map((e, index) => (
              <li key={index}>
                {EXCEPTION_KIND_LABELS[e.kind]}：{formatDateZh(e.startsOn)}
                {e.endsOn !== e.startsOn ? ` 至 ${formatDateZh(e.endsOn)}` : ""}
                {e.closed ? " 闭站" : ` ${e.opens}–${e.closes}`}
                {e.note ? `（${e.note}）` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="amenities-heading">
        <h2 id="amenities-heading">驿站设施</h2>
        <ul className="amenities">
          {station.amenityDetails.map((a) => (
            <li key={a.code} className={`amenity${a.availability === "unavailable" ? " is-unavailable" : ""}`} data-testid={`amenity-${a.code}`}>
              <AmenityIcon icon={a.icon} />
              <span>
                {a.nameZh}
                {a.availability !== "available" && `（${AVAILABILITY_LABELS[a.availability]}）`}
                {a.note && <small>{a.note}</small>}
                {a.checkedAt && <small>{formatInstantDateZh(a.checkedAt)}检查</small>}
              </span>
            </li>
          ))}
        </ul>
      </section>

      {station.story && (
        <section className="card" aria-labelledby="story-heading">
          <h2 id="story-heading">驿站故事</h2>
          <p>{station.story}</p>
        </section>
      )}

      <section className="card" aria-label="位置地图">
        <div className="station-mini-map">
          <StationLocationMap lat={station.location.lat} lng={station.location.lng} name={station.name} tiles={{ url: env.TILE_URL, attribution: env.TILE_ATTRIBUTION }} />
        </div>
      </section>
    </main>
  );
}
