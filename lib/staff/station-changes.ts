import { minutesToClock, type OpeningExceptionView } from "@/lib/opening-hours";

type Availability = "available" | "limited" | "unavailable";
type AmenityState = { availability: Availability; note: string | null; checkedAt: string | null };
export type ExceptionSummary = OpeningExceptionView;

/** One readable difference between an audit event's before and after; the page words it. */
export type StationChange =
  | { kind: "field"; field: "phone" | "notice" | "status" | "verifiedAt"; before: string | null; after: string | null }
  | { kind: "amenityAdded"; code: string; after: AmenityState }
  | { kind: "amenityRemoved"; code: string }
  | { kind: "amenityChanged"; code: string; before: AmenityState; after: AmenityState }
  | { kind: "weekday"; day: number; before: string[]; after: string[] }
  | { kind: "exceptionAdded"; exception: ExceptionSummary }
  | { kind: "exceptionRemoved"; exception: ExceptionSummary }
  | { kind: "feedbackResolved"; resolution: string | null; note: string | null }
  | { kind: "other"; key: string; before: string; after: string };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

const STATION_FIELDS = ["phone", "notice", "status", "verifiedAt"] as const;

function detailChanges(before: Json, after: Json): StationChange[] {
  return STATION_FIELDS.filter((field) => text(before[field]) !== text(after[field])).map((field) => ({
    kind: "field",
    field,
    before: text(before[field]),
    after: text(after[field]),
  }));
}

function amenityStates(list: unknown): Map<string, AmenityState> {
  const states = new Map<string, AmenityState>();
  if (!Array.isArray(list)) return states;
  for (const item of list) {
    if (!isObject(item) || typeof item.amenityCode !== "string") continue;
    states.set(item.amenityCode, {
      availability: String(item.availability).toLowerCase() as Availability,
      note: text(item.note),
      checkedAt: text(item.checkedAt),
    });
  }
  return states;
}

function amenityChanges(before: unknown, after: unknown): StationChange[] {
  const was = amenityStates(before);
  const now = amenityStates(after);
  const changes: StationChange[] = [];
  for (const [code, state] of now) {
    const old = was.get(code);
    if (!old) changes.push({ kind: "amenityAdded", code, after: state });
    else if (old.availability !== state.availability || old.note !== state.note || old.checkedAt !== state.checkedAt) {
      changes.push({ kind: "amenityChanged", code, before: old, after: state });
    }
  }
  for (const code of was.keys()) if (!now.has(code)) changes.push({ kind: "amenityRemoved", code });
  return changes;
}

function weeklyByDay(weekly: unknown): Map<number, string[]> {
  const days = new Map<number, string[]>();
  if (!Array.isArray(weekly)) return days;
  for (const period of weekly) {
    if (!Array.isArray(period) || period.length !== 3) continue;
    const [day, opens, closes] = period.map(Number);
    days.set(day, [...(days.get(day) ?? []), `${minutesToClock(opens)}–${minutesToClock(closes)}`]);
  }
  return days;
}

function exceptionSummaries(list: unknown): ExceptionSummary[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((e) => ({
    kind: String(e.kind).toLowerCase() as ExceptionSummary["kind"],
    startsOn: String(e.startsOn),
    endsOn: String(e.endsOn),
    closed: Boolean(e.closed),
    opens: typeof e.opensAt === "number" ? minutesToClock(e.opensAt) : null,
    closes: typeof e.closesAt === "number" ? minutesToClock(e.closesAt) : null,
    note: text(e.note),
  }));
}

function hoursChanges(before: Json, after: Json): StationChange[] {
  const was = weeklyByDay(before.weekly);
  const now = weeklyByDay(after.weekly);
  const changes: StationChange[] = [];
  for (let day = 1; day <= 7; day++) {
    const old = was.get(day) ?? [];
    const current = now.get(day) ?? [];
    if (old.join() !== current.join()) changes.push({ kind: "weekday", day, before: old, after: current });
  }
  const key = (e: ExceptionSummary) => JSON.stringify(e);
  const oldExceptions = exceptionSummaries(before.exceptions);
  const newExceptions = exceptionSummaries(after.exceptions);
  const oldKeys = new Set(oldExceptions.map(key));
  const newKeys = new Set(newExceptions.map(key));
  for (const exception of oldExceptions) if (!newKeys.has(key(exception))) changes.push({ kind: "exceptionRemoved", exception });
  for (const exception of newExceptions) if (!oldKeys.has(key(exception))) changes.push({ kind: "exceptionAdded", exception });
  return changes;
}

function otherChanges(before: Json, after: Json): StationChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .map((key) => ({ key, before: JSON.stringify(before[key] ?? null), after: JSON.stringify(after[key] ?? null) }))
    .filter((change) => change.before !== change.after)
    .map((change) => ({ kind: "other", ...change }));
}

/**
 * What an audit event changed, field by field, from the snapshots the station writes record (station,
 * station_amenities, opening_hours, feedback_report); any other entity falls back to its changed keys.
 */
export function describeStationChanges(entity: string, before: unknown, after: unknown): StationChange[] {
  const was = isObject(before) ? before : {};
  const now = isObject(after) ? after : {};
  switch (entity) {
    case "station":
      return detailChanges(was, now);
    case "station_amenities":
      return amenityChanges(before, after);
    case "opening_hours":
      return hoursChanges(was, now);
    case "feedback_report":
      return [{ kind: "feedbackResolved", resolution: text(now.resolution), note: text(now.note) }];
    default:
      return otherChanges(was, now);
  }
}
