"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { AmenityIcon } from "@/components/amenity-icon";
import type { AmenityOption } from "@/components/finder/finder-types";

/** The amenities people ask for most come first; the rest wait behind "more". */
const PRIMARY = ["drinking_water", "phone_charging", "wifi", "rest", "toilet", "hot_water_microwave", "emergency_medicine", "umbrella_loan"];

export function FilterChips({
  amenities,
  selected,
  openNow,
  onToggleAmenity,
  onToggleOpenNow,
  onClear,
}: {
  amenities: AmenityOption[];
  selected: string[];
  openNow: boolean;
  onToggleAmenity: (code: string) => void;
  onToggleOpenNow: () => void;
  onClear: () => void;
}) {
  const t = useTranslations("finder.filters");
  const [expanded, setExpanded] = useState(false);
  const primary = amenities.filter((a) => PRIMARY.includes(a.code)).sort((a, b) => PRIMARY.indexOf(a.code) - PRIMARY.indexOf(b.code));
  const others = amenities.filter((a) => !PRIMARY.includes(a.code));
  const visible = expanded ? [...primary, ...others] : [...primary, ...others.filter((a) => selected.includes(a.code))];

  return (
    <div role="group" aria-label={t("label")} className="chips">
      <button type="button" className="chip" aria-pressed={openNow} onClick={onToggleOpenNow}>
        <AmenityIcon icon="clock" />
        {t("openNow")}
      </button>
      {visible.map((a) => (
        <button key={a.code} type="button" className="chip" aria-pressed={selected.includes(a.code)} onClick={() => onToggleAmenity(a.code)}>
          <AmenityIcon icon={a.icon} />
          {a.name}
        </button>
      ))}
      <button type="button" className="chip chip-more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
        {expanded ? t("fewer") : t("more")}
      </button>
      {(selected.length > 0 || openNow) && (
        <button type="button" className="chip chip-clear" onClick={onClear}>
          {t("clearAll")}
        </button>
      )}
    </div>
  );
}
