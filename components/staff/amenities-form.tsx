"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ConflictNotice, FieldError, SaveBar, fieldAria } from "@/components/staff/form-parts";
import { useStationSave } from "@/components/staff/use-station-save";
import { shanghaiLocalTime } from "@/lib/opening-hours";
import type { AmenityForEdit } from "@/lib/server/station/station-parts";
import { stationAmenitiesEditSchema } from "@/lib/validations/station-edit";

type Availability = AmenityForEdit["availability"];
type Row = { code: string; availability: Availability | "absent"; note: string; checkedAt: string | null };

const CHOICES = ["available", "limited", "unavailable", "absent"] as const;

function rowsFrom(types: { code: string }[], amenities: AmenityForEdit[]): Row[] {
  const byCode = new Map(amenities.map((a) => [a.code, a]));
  return types.map(({ code }) => {
    const amenity = byCode.get(code);
    return amenity ? { code, availability: amenity.availability, note: amenity.note ?? "", checkedAt: amenity.checkedAt } : { code, availability: "absent", note: "", checkedAt: null };
  });
}

/** An ISO instant as the Shanghai calendar date a date input shows. */
const shanghaiDate = (iso: string | null) => (iso ? shanghaiLocalTime(new Date(iso)).date : "");

/**
 * Every amenity type with this station's availability, note and last check. "Not offered" leaves the
 * type out of the list the server stores; "unavailable" keeps it, as something normally here but not now.
 */
export function AmenitiesForm({ stationId, types, initial }: { stationId: string; types: { code: string; name: string }[]; initial: AmenityForEdit[] }) {
  const t = useTranslations("staff.amenities");
  const format = useFormatter();
  const { outcome, errors, hydrated, save: send, formProps } = useStationSave<{ amenities: AmenityForEdit[] }>();
  const [rows, setRows] = useState(() => rowsFrom(types, initial));
  const names = new Map(types.map((type) => [type.code, type.name]));

  const update = (code: string, change: Partial<Row>) => setRows((all) => all.map((row) => (row.code === code ? { ...row, ...change } : row)));

  function save(againstVersion: number) {
    const offered = rows.filter((row) => row.availability !== "absent");
    return send(
      stationAmenitiesEditSchema,
      {
        version: againstVersion,
        amenities: offered.map((row) => ({ code: row.code, availability: row.availability, note: row.note.trim() || null, checkedAt: row.checkedAt })),
      },
      `/api/v1/staff/stations/${stationId}/amenities`,
      "PUT",
      // Problems come back by position in the list sent ("amenities.2.note"); the form shows them by amenity.
      (path) => path.replace(/^amenities\.(\d+)\./, (_, index) => `${offered[Number(index)]?.code}.`),
    );
  }

  const today = () => new Date().toISOString();
  return (
    <form {...formProps(save)}>
      <p className="muted">{t("help")}</p>
      {errors.amenities && (
        <p className="staff-field-error" role="alert">
          {errors.amenities}
        </p>
      )}
      <div className="staff-amenities">
        {rows.map((row) => {
          const id = (field: string) => `amenity-${row.code}-${field}`;
          const offered = row.availability !== "absent";
          return (
            <fieldset key={row.code} className={`staff-amenity${offered ? "" : " is-absent"}`} data-testid={`amenity-${row.code}`}>
              <legend>{names.get(row.code)}</legend>
              <label htmlFor={id("availability")}>{t("availability")}</label>
              <select id={id("availability")} value={row.availability} onChange={(e) => update(row.code, { availability: e.target.value as Row["availability"] })}>
                {CHOICES.map((choice) => (
                  <option key={choice} value={choice}>
                    {t(`choices.${choice}`)}
                  </option>
                ))}
              </select>
              {offered && (
                <>
                  <label htmlFor={id("note")}>{t("note")}</label>
                  <input id={id("note")} value={row.note} maxLength={200} onChange={(e) => update(row.code, { note: e.target.value })} {...fieldAria(errors, `${row.code}.note`, id("note"))} />
                  <FieldError errors={errors} field={`${row.code}.note`} id={id("note")} />
                  <label htmlFor={id("checked")}>{t("checkedAt")}</label>
                  <div className="staff-inline">
                    <input
                      id={id("checked")}
                      type="date"
                      value={shanghaiDate(row.checkedAt)}
                      // Noon in Shanghai is the chosen day in every zone the date is later shown in.
                      onChange={(e) => update(row.code, { checkedAt: e.target.value ? `${e.target.value}T12:00:00+08:00` : null })}
                      {...fieldAria(errors, `${row.code}.checkedAt`, id("checked"))}
                    />
                    <button type="button" className="button secondary" onClick={() => update(row.code, { checkedAt: today() })}>
                      {t("checkedToday")}
                    </button>
                  </div>
                  <FieldError errors={errors} field={`${row.code}.checkedAt`} id={id("checked")} />
                </>
              )}
            </fieldset>
          );
        })}
      </div>
      <SaveBar label={t("save")} hydrated={hydrated} outcome={outcome} />
      {outcome.kind === "conflict" && (
        <ConflictNotice onReapply={() => void save(outcome.current.version)}>
          <p>{t("conflictNow")}</p>
          {outcome.current.amenities.length === 0 ? (
            <p>{t("conflictNone")}</p>
          ) : (
            <ul>
              {outcome.current.amenities.map((a) => (
                <li key={a.code}>
                  {t("conflictItem", { name: names.get(a.code) ?? a.code, availability: t(`choices.${a.availability}`) })}
                  {a.note && ` · ${a.note}`}
                  {a.checkedAt && ` · ${t("checkedOn", { date: format.dateTime(new Date(a.checkedAt), { dateStyle: "medium" }) })}`}
                </li>
              ))}
            </ul>
          )}
        </ConflictNotice>
      )}
    </form>
  );
}
