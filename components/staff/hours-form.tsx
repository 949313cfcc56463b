"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { ConflictNotice, FieldError, SaveBar, fieldAria } from "@/components/staff/form-parts";
import { useStationSave } from "@/components/staff/use-station-save";
import { shanghaiLocalTime, type OpeningExceptionView, type OpeningHours } from "@/lib/opening-hours";
import { openingHoursEditSchema } from "@/lib/validations/station-edit";

type Kind = OpeningExceptionView["kind"];
type Period = { key: number; day: number; opens: string; closes: string };
type Exception = { key: number; kind: Kind; startsOn: string; endsOn: string; closed: boolean; opens: string; closes: string; note: string };

const DAYS = [1, 2, 3, 4, 5, 6, 7];
const KINDS: Kind[] = ["holiday", "temporary_closure", "special_hours"];

/**
 * Weekly opening intervals (several a day allowed) and dated exceptions, saved together as the server
 * replaces them together. Times are typed "HH:MM" rather than picked, so "24:00" (closes at midnight)
 * can be entered too.
 */
export function HoursForm({ stationId, initial }: { stationId: string; initial: OpeningHours }) {
  const t = useTranslations("staff.hours");
  const weekdays = useTranslations("common").raw("weekdays") as string[];
  const format = useFormatter();
  const { outcome, errors, hydrated, save: send, formProps } = useStationSave<{ openingHours: OpeningHours }>();
  const nextKey = useRef(0);
  const key = () => nextKey.current++;
  const [weekly, setWeekly] = useState<Period[]>(() => initial.weekly.map((p) => ({ key: key(), ...p })));
  const [exceptions, setExceptions] = useState<Exception[]>(() =>
    initial.exceptions.map((e) => ({ key: key(), ...e, opens: e.opens ?? "", closes: e.closes ?? "", note: e.note ?? "" })),
  );

  const updatePeriod = (k: number, change: Partial<Period>) => setWeekly((all) => all.map((p) => (p.key === k ? { ...p, ...change } : p)));
  const updateException = (k: number, change: Partial<Exception>) => setExceptions((all) => all.map((e) => (e.key === k ? { ...e, ...change } : e)));

  function addPeriod(day: number) {
    const first = !weekly.some((p) => p.day === day);
    setWeekly((all) => [...all, { key: key(), day, opens: first ? "09:00" : "", closes: first ? "17:00" : "" }]);
  }
  function copyMondayToWeekdays() {
    const monday = weekly.filter((p) => p.day === 1);
    setWeekly((all) => [...all.filter((p) => p.day === 1 || p.day > 5), ...[2, 3, 4, 5].flatMap((day) => monday.map((p) => ({ ...p, key: key(), day })))]);
  }
  function addException(kind: Kind) {
    const today = shanghaiLocalTime(new Date()).date;
    setExceptions((all) => [...all, { key: key(), kind, startsOn: today, endsOn: today, closed: kind !== "special_hours", opens: "", closes: "", note: "" }]);
  }

  const save = (againstVersion: number) =>
    send(
      openingHoursEditSchema,
      {
        version: againstVersion,
        weekly: weekly.map(({ day, opens, closes }) => ({ day, opens: opens.trim(), closes: closes.trim() })),
        exceptions: exceptions.map((e) => ({
          kind: e.kind,
          startsOn: e.startsOn,
          endsOn: e.endsOn,
          closed: e.closed,
          opens: e.closed ? null : e.opens.trim() || null,
          closes: e.closed ? null : e.closes.trim() || null,
          note: e.note.trim() || null,
        })),
      },
      `/api/v1/staff/stations/${stationId}/hours`,
      "PUT",
      // Problems come back by position in the lists sent ("weekly.3.closes"); the form shows them by row.
      (path) =>
        path.replace(/^weekly\.(\d+)\./, (_, i) => `w${weekly[Number(i)]?.key}.`).replace(/^exceptions\.(\d+)\./, (_, i) => `e${exceptions[Number(i)]?.key}.`),
    );

  const calendarDate = (isoDate: string) => format.dateTime(new Date(`${isoDate}T12:00:00+08:00`), { dateStyle: "medium" });
  const timeInput = (id: string, label: string, field: string, value: string, onChange: (value: string) => void) => (
    <div className="staff-time">
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} inputMode="numeric" placeholder="09:00" maxLength={5} autoComplete="off" {...fieldAria(errors, field, id)} />
      <FieldError errors={errors} field={field} id={id} />
    </div>
  );

  return (
    <form {...formProps(save)}>
      <h3>{t("weeklyTitle")}</h3>
      <p className="muted">{t("weeklyHelp")}</p>
      {errors.weekly && <p className="staff-field-error">{errors.weekly}</p>}
      <div className="staff-days">
        {DAYS.map((day) => {
          const periods = weekly.filter((p) => p.day === day);
          return (
            <fieldset key={day} className="staff-day" data-testid={`day-${day}`}>
              <legend>{weekdays[day - 1]}</legend>
              {periods.length === 0 && <p className="muted">{t("rest")}</p>}
              {periods.map((p) => (
                <div key={p.key} className="staff-period">
                  {timeInput(`period-${p.key}-opens`, t("opens"), `w${p.key}.opens`, p.opens, (opens) => updatePeriod(p.key, { opens }))}
                  {timeInput(`period-${p.key}-closes`, t("closes"), `w${p.key}.closes`, p.closes, (closes) => updatePeriod(p.key, { closes }))}
                  <button
                    type="button"
                    className="button secondary staff-remove"
                    aria-label={t("removePeriodLabel", { day: weekdays[day - 1], opens: p.opens, closes: p.closes })}
                    onClick={() => setWeekly((all) => all.filter((x) => x.key !== p.key))}
                  >
                    {t("removePeriod")}
                  </button>
                </div>
              ))}
              <button type="button" className="button secondary" onClick={() => addPeriod(day)}>
                {t("addPeriod")}
              </button>
            </fieldset>
          );
        })}
      </div>
      <div className="staff-actions">
        <button type="button" className="button secondary" onClick={copyMondayToWeekdays}>
          {t("copyMonday")}
        </button>
      </div>

      <h3>{t("exceptionsTitle")}</h3>
      <p className="muted">{t("exceptionsHelp")}</p>
      {errors.exceptions && <p className="staff-field-error">{errors.exceptions}</p>}
      {exceptions.map((e, index) => {
        const id = (field: string) => `exception-${e.key}-${field}`;
        const field = (name: string) => `e${e.key}.${name}`;
        return (
          <fieldset key={e.key} className="staff-exception" data-testid="exception">
            <legend>{t("exceptionLegend", { number: index + 1 })}</legend>
            <label htmlFor={id("kind")}>{t("kind")}</label>
            <select id={id("kind")} value={e.kind} onChange={(event) => { const kind = event.target.value as Kind; updateException(e.key, { kind, closed: kind !== "special_hours" }); }}>
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kinds.${kind}`)}
                </option>
              ))}
            </select>
            <div className="staff-dates">
              <div className="staff-time">
                <label htmlFor={id("startsOn")}>{t("startsOn")}</label>
                <input id={id("startsOn")} type="date" value={e.startsOn} onChange={(event) => updateException(e.key, { startsOn: event.target.value })} {...fieldAria(errors, field("startsOn"), id("startsOn"))} />
                <FieldError errors={errors} field={field("startsOn")} id={id("startsOn")} />
              </div>
              <div className="staff-time">
                <label htmlFor={id("endsOn")}>{t("endsOn")}</label>
                <input id={id("endsOn")} type="date" value={e.endsOn} onChange={(event) => updateException(e.key, { endsOn: event.target.value })} {...fieldAria(errors, field("endsOn"), id("endsOn"))} />
                <FieldError errors={errors} field={field("endsOn")} id={id("endsOn")} />
              </div>
            </div>
            {e.kind === "holiday" && (
              <label className="staff-check">
                <input type="checkbox" checked={e.closed} onChange={(event) => updateException(e.key, { closed: event.target.checked })} />
                {t("closedAllDay")}
              </label>
            )}
            {!e.closed && (
              <div className="staff-period">
                {timeInput(id("opens"), t("opens"), field("opens"), e.opens, (opens) => updateException(e.key, { opens }))}
                {timeInput(id("closes"), t("closes"), field("closes"), e.closes, (closes) => updateException(e.key, { closes }))}
              </div>
            )}
            <label htmlFor={id("note")}>{t("note")}</label>
            <input id={id("note")} value={e.note} maxLength={200} onChange={(event) => updateException(e.key, { note: event.target.value })} {...fieldAria(errors, field("note"), id("note"))} />
            <FieldError errors={errors} field={field("note")} id={id("note")} />
            <div className="staff-actions">
              <button type="button" className="button secondary" onClick={() => setExceptions((all) => all.filter((x) => x.key !== e.key))}>
                {t("removeException")}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div className="staff-actions">
        {KINDS.map((kind) => (
          <button key={kind} type="button" className="button secondary" onClick={() => addException(kind)}>
            {t(`add.${kind}`)}
          </button>
        ))}
      </div>

      <SaveBar label={t("save")} hydrated={hydrated} outcome={outcome} />
      {outcome.kind === "conflict" && (
        <ConflictNotice onReapply={() => void save(outcome.current.version)}>
          <p>{t("conflictNow")}</p>
          <ul>
            {DAYS.map((day) => {
              const periods = outcome.current.openingHours.weekly.filter((p) => p.day === day);
              return (
                <li key={day}>
                  {weekdays[day - 1]}：{periods.length ? periods.map((p) => `${p.opens}–${p.closes}`).join(t("separator")) : t("rest")}
                </li>
              );
            })}
            {outcome.current.openingHours.exceptions.map((e, index) => (
              <li key={`e${index}`}>
                {t("exceptionSummary", {
                  kind: t(`kinds.${e.kind}`),
                  dates: e.startsOn === e.endsOn ? calendarDate(e.startsOn) : t("dateRange", { from: calendarDate(e.startsOn), to: calendarDate(e.endsOn) }),
                  hours: e.closed ? t("closedAllDay") : `${e.opens}–${e.closes}`,
                })}
                {e.note && ` · ${e.note}`}
              </li>
            ))}
          </ul>
        </ConflictNotice>
      )}
    </form>
  );
}
