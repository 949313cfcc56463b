"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Origin, PlaceOption } from "@/components/finder/finder-types";

export type LocationError = "denied" | "unavailable" | "timeout" | "unsupported";

const errorByCode: Record<number, LocationError> = { 1: "denied", 2: "unavailable", 3: "timeout" };

/** One attempt at the phone's position: fast and coarse is better than precise and slow outdoors. */
export function requestPosition(onOrigin: (origin: Origin) => void, onError: (error: LocationError) => void): void {
  if (!window.isSecureContext || !("geolocation" in navigator)) {
    onError("unsupported");
    return;
  }
  navigator.geolocation.getCurrentPosition(
    (position) =>
      onOrigin({
        lat: position.coords.latitude,
        lng: position.coords.longitude,
        accuracy: Math.round(position.coords.accuracy),
        source: "gps",
        name: "",
      }),
    (error) => onError(errorByCode[error.code] ?? "unavailable"),
    { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 },
  );
}

/**
 * The ways to say where you are when the phone will not: a city and district, or a tap on the map.
 * (Typing a place goes through the search box, whose results offer their district as a place.)
 */
export function LocationPanel({
  places,
  error,
  open,
  picking,
  onOpenChange,
  onOrigin,
  onPickOnMap,
}: {
  places: PlaceOption[];
  error: LocationError | null;
  open: boolean;
  picking: boolean;
  onOpenChange: (open: boolean) => void;
  onOrigin: (origin: Origin) => void;
  onPickOnMap: (picking: boolean) => void;
}) {
  const t = useTranslations("finder.location");
  const [cityAdcode, setCityAdcode] = useState<number | null>(null);
  const city = places.find((p) => p.adcode === cityAdcode) ?? null;

  return (
    <div className="location-panel">
      {error && (
        <p className="location-error" role="alert" data-testid="location-error">
          {t(error)}
        </p>
      )}
      <details open={open || error !== null} onToggle={(event) => onOpenChange((event.target as HTMLDetailsElement).open)}>
        <summary>{t("otherWays")}</summary>
        <div className="place-pickers">
          <label>
            <span>{t("city")}</span>
            <select
              value={cityAdcode ?? ""}
              onChange={(event) => {
                // Choosing a city only fills the district list; the place is set by the district (or
                // "whole city"), so stepping through the cities with arrow keys does not move the map.
                const next = places.find((p) => p.adcode === Number(event.target.value));
                setCityAdcode(next?.adcode ?? null);
              }}
            >
              <option value="">{t("chooseCity")}</option>
              {places.map((p) => (
                <option key={p.adcode} value={p.adcode}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t("district")}</span>
            <select
              disabled={!city}
              defaultValue=""
              key={city?.adcode ?? "none"}
              onChange={(event) => {
                if (!city) return;
                if (event.target.value === "city") {
                  onOrigin({ ...city.center, source: "district", name: city.name });
                  return;
                }
                const district = city.districts.find((d) => d.adcode === Number(event.target.value));
                if (district) onOrigin({ ...district.center, source: "district", name: `${city.name} ${district.name}` });
              }}
            >
              <option value="">{t("chooseDistrict")}</option>
              {city && <option value="city">{t("wholeCity")}</option>}
              {city?.districts.map((d) => (
                <option key={d.adcode} value={d.adcode}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button secondary" aria-pressed={picking} onClick={() => onPickOnMap(!picking)}>
            {picking ? t("cancelPick") : t("pickOnMap")}
          </button>
        </div>
        {/* The live region stays mounted so screen readers announce the hint when it appears. */}
        <p className="pick-hint" role="status">
          {picking ? t("pickOnMapActive") : ""}
        </p>
      </details>
    </div>
  );
}
