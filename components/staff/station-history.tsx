import { getFormatter, getTranslations } from "next-intl/server";
import type { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { describeStationChanges, type ExceptionSummary, type StationChange } from "@/lib/staff/station-changes";

type AuditEvent = Awaited<ReturnType<typeof listAuditEvents>>[number];
const KNOWN_ENTITIES = ["station", "station_amenities", "opening_hours", "feedback_report"];

/**
 * A station's audit events in words: when, who, what, and each changed field before → after. The
 * stored JSON stays one click away for anyone who needs the exact record.
 */
export async function StationHistory({ events, amenityNames }: { events: AuditEvent[]; amenityNames: Map<string, string> }) {
  const [t, tStaff, tCommon, format] = await Promise.all([getTranslations("staff.history"), getTranslations("staff"), getTranslations("common"), getFormatter()]);
  const weekdays = tCommon.raw("weekdays") as string[];
  if (events.length === 0) return <p>{t("none")}</p>;

  const empty = t("empty");
  const instant = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const calendarDate = (isoDate: string) => format.dateTime(new Date(`${isoDate}T12:00:00+08:00`), { dateStyle: "medium" });
  const amenity = (code: string) => amenityNames.get(code) ?? code;
  const availability = (value: string) => tStaff(`amenities.choices.${value as "available"}`);
  const exception = (e: ExceptionSummary) =>
    t("exception", {
      kind: tCommon(`exceptionKinds.${e.kind}`),
      dates: e.startsOn === e.endsOn ? calendarDate(e.startsOn) : t("dateRange", { from: calendarDate(e.startsOn), to: calendarDate(e.endsOn) }),
      hours: e.closed ? t("closedAllDay") : `${e.opens}–${e.closes}`,
    }) + (e.note ? ` · ${e.note}` : "");
  const fieldValue = (field: string, value: string | null) => {
    if (value === null || value === "") return empty;
    if (field === "status") return tStaff(`form.statuses.${value as "open"}`);
    if (field === "verifiedAt") return instant(value);
    return value;
  };
  const amenityState = (s: { availability: string; note: string | null; checkedAt: string | null }) =>
    [availability(s.availability), s.note, s.checkedAt && t("checkedOn", { date: format.dateTime(new Date(s.checkedAt), { dateStyle: "medium" }) })].filter(Boolean).join(" · ");

  function describe(change: StationChange): string {
    switch (change.kind) {
      case "field":
        return t("change", { what: t(`fields.${change.field}`), before: fieldValue(change.field, change.before), after: fieldValue(change.field, change.after) });
      case "amenityAdded":
        return t("amenityAdded", { name: amenity(change.code), state: amenityState(change.after) });
      case "amenityRemoved":
        return t("amenityRemoved", { name: amenity(change.code) });
      case "amenityChanged":
        return t("change", { what: amenity(change.code), before: amenityState(change.before), after: amenityState(change.after) });
      case "weekday":
        return t("change", {
          what: weekdays[change.day - 1],
          before: change.before.join(t("separator")) || t("rest"),
          after: change.after.join(t("separator")) || t("rest"),
        });
      case "exceptionAdded":
        return t("exceptionAdded", { exception: exception(change.exception) });
      case "exceptionRemoved":
        return t("exceptionRemoved", { exception: exception(change.exception) });
      case "feedbackResolved":
        return t("feedbackResolved", { resolution: change.resolution ? tStaff(`feedback.resolutions.${change.resolution as "fixed"}`) : empty, note: change.note ?? empty });
      case "other":
        return t("change", { what: change.key, before: change.before, after: change.after });
    }
  }

  return (
    <ol className="staff-history" data-testid="station-history">
      {events.map((event) => {
        const changes = describeStationChanges(event.entity, event.before, event.after);
        return (
          <li key={event.id}>
            <p>
              <time dateTime={event.occurredAt}>{instant(event.occurredAt)}</time> · {event.actorLabel.replace(/^(user|system):/, "")} ·{" "}
              <strong>{KNOWN_ENTITIES.includes(event.entity) ? t(`entities.${event.entity as "station"}`) : event.entity}</strong>{" "}
              {t(`actions.${event.action as "update"}`)}
            </p>
            {changes.length === 0 ? (
              <p className="muted">{t("noVisibleChange")}</p>
            ) : (
              <ul>
                {changes.map((change, index) => (
                  <li key={index}>{describe(change)}</li>
                ))}
              </ul>
            )}
            <details>
              <summary>{t("raw")}</summary>
              <pre>{JSON.stringify({ before: event.before, after: event.after }, null, 2)}</pre>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
