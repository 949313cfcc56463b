"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { AmenityIcon } from "@/components/amenity-icon";
import type { AmenityOption } from "@/components/finder/finder-types";
import { OpenStateBadge } from "@/components/open-state-badge";
import { walkingEstimate } from "@/lib/geo";
import { openStateAt, type LocalTime } from "@/lib/opening-hours";
import type { FinderStation } from "@/lib/finder-station";

export type ListedStation = { station: FinderStation; distanceMeters: number | null };

const MAX_ICONS = 6;
/** Past an hour on foot a walking time stops helping; the distance alone says "too far to walk". */
const MAX_WALK_MINUTES = 60;

export function StationList({
  items,
  at,
  amenities,
  selectedId,
  onShowOnMap,
}: {
  items: ListedStation[];
  at: LocalTime | null;
  amenities: Map<string, AmenityOption>;
  selectedId: string | null;
  onShowOnMap: (id: string) => void;
}) {
  const t = useTranslations("finder.results");
  const tFinder = useTranslations("finder");
  const format = useFormatter();
  const selectedRef = useRef<HTMLLIElement>(null);

  // A marker tapped on the map brings its card into view, so list and map stay in step.
  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [selectedId]);

  const distance = (meters: number) =>
    meters < 1000
      ? t("meters", { value: format.number(meters) })
      : t("kilometers", { value: format.number(meters / 1000, { maximumFractionDigits: 1 }) });

  return (
    <ul className="station-list" aria-label={tFinder("listLabel")} data-testid="station-list">
      {items.map(({ station, distanceMeters }) => {
        const walk = distanceMeters === null ? null : walkingEstimate(distanceMeters);
        const selected = station.id === selectedId;
        return (
          <li
            key={station.id}
            ref={selected ? selectedRef : undefined}
            className={`station-item${selected ? " is-selected" : ""}`}
            data-testid="station-item"
            data-station-id={station.id}
            data-distance={distanceMeters ?? undefined}
          >
            <div className="row">
              <h3>
                <a href={`/stations/${station.id}`}>{station.name}</a>
              </h3>
              {at && <OpenStateBadge state={openStateAt(station.status, station.openingHours, at)} />}
            </div>
            {walk && (
              <p className="walk" data-testid="walk">
                <AmenityIcon icon="walk" size={18} />
                {walk.minutes <= MAX_WALK_MINUTES
                  ? t("walk", { distance: distance(walk.meters), minutes: walk.minutes })
                  : t("farAway", { distance: distance(walk.meters) })}
              </p>
            )}
            <p className="address">{station.address}</p>
            {station.notice && station.status !== "open" && (
              <p className="item-notice">
                <AmenityIcon icon="alert" size={18} />
                {station.notice}
              </p>
            )}
            <div className="row">
              <ul className="item-amenities" aria-label={station.amenities.map((code) => amenities.get(code)?.name ?? code).join("、")}>
                {station.amenities.slice(0, MAX_ICONS).map((code) => (
                  <li key={code} title={amenities.get(code)?.name}>
                    <AmenityIcon icon={amenities.get(code)?.icon ?? ""} size={18} />
                  </li>
                ))}
                {station.amenities.length > MAX_ICONS && <li aria-hidden="true">+{station.amenities.length - MAX_ICONS}</li>}
              </ul>
              <button type="button" className="link-button" onClick={() => onShowOnMap(station.id)}>
                {t("viewOnMap")}
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
