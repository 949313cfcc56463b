/**
 * Opening-hours arithmetic shared by the API, the pages and the finder on the phone.
 * All local times are Asia/Shanghai: China has had no daylight saving since 1991, so local time is
 * exactly UTC+8 whatever the server's own time zone is.
 */

export type WeeklyPeriod = { day: number; opens: string; closes: string };
export type OpeningExceptionView = {
  kind: "holiday" | "temporary_closure" | "special_hours";
  startsOn: string;
  endsOn: string;
  closed: boolean;
  opens: string | null;
  closes: string | null;
  note: string | null;
};
export type OpeningHours = { weekly: WeeklyPeriod[]; exceptions: OpeningExceptionView[] };
export type StationStatus = "open" | "temporarily_closed" | "closed";

export type LocalTime = { date: string; weekday: number; minutes: number };

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export function shanghaiLocalTime(instant: Date): LocalTime {
  const shifted = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  const utcDay = shifted.getUTCDay();
  return {
    date: shifted.toISOString().slice(0, 10),
    weekday: utcDay === 0 ? 7 : utcDay,
    minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

export function minutesToClock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

export function clockToMinutes(clock: string): number {
  const [h, m] = clock.split(":").map(Number);
  return h * 60 + m;
}

function covers(opens: string, closes: string, minutes: number): boolean {
  return clockToMinutes(opens) <= minutes && minutes < clockToMinutes(closes);
}

/**
 * Whether a station is open at a local time: false when it is not operating or an exception closes it,
 * null when its weekly hours are unknown (unknown is never shown as closed).
 */
export function isOpenAt(status: StationStatus, hours: OpeningHours, at: LocalTime): boolean | null {
  if (status !== "open") return false;
  const todaysExceptions = hours.exceptions.filter((e) => e.startsOn <= at.date && at.date <= e.endsOn);
  if (todaysExceptions.length > 0) {
    if (todaysExceptions.some((e) => e.closed)) return false;
    return todaysExceptions.some((e) => e.opens !== null && e.closes !== null && covers(e.opens, e.closes, at.minutes));
  }
  if (hours.weekly.length === 0) return null;
  return hours.weekly.some((p) => p.day === at.weekday && covers(p.opens, p.closes, at.minutes));
}

export type OpenStateKey = "open" | "closingSoon" | "shut" | "paused" | "closedForGood" | "unknown";

/** Minutes before closing from which an open station shows "closes soon". */
export const CLOSING_SOON_MINUTES = 30;

/**
 * The state a badge shows: operating status first, then today's hours. `closesAt` is set while open,
 * so a badge can say until when.
 */
export function openStateAt(status: StationStatus, hours: OpeningHours, at: LocalTime): { key: OpenStateKey; closesAt?: string } {
  if (status === "closed") return { key: "closedForGood" };
  if (status === "temporarily_closed") return { key: "paused" };
  const open = isOpenAt(status, hours, at);
  if (open === null) return { key: "unknown" };
  if (!open) return { key: "shut" };
  const todaysExceptions = hours.exceptions.filter((e) => e.startsOn <= at.date && at.date <= e.endsOn);
  const intervals = todaysExceptions.length
    ? todaysExceptions.flatMap((e) => (e.opens && e.closes ? [{ opens: e.opens, closes: e.closes }] : []))
    : hours.weekly.filter((p) => p.day === at.weekday);
  const current = intervals.find((p) => covers(p.opens, p.closes, at.minutes));
  if (!current) return { key: "open" };
  // Back-to-back intervals (08:00–12:00, 12:00–18:00) are one stretch of opening.
  let closes = clockToMinutes(current.closes);
  for (let next = intervals.find((p) => clockToMinutes(p.opens) === closes); next; next = intervals.find((p) => clockToMinutes(p.opens) === closes)) {
    const after = clockToMinutes(next.closes);
    if (after <= closes) break;
    closes = after;
  }
  // Open until midnight and again from midnight tomorrow (a 24-hour station) never "closes soon".
  const tomorrow = (at.weekday % 7) + 1;
  if (closes === 24 * 60 && todaysExceptions.length === 0 && hours.weekly.some((p) => p.day === tomorrow && p.opens === "00:00")) {
    return { key: "open" };
  }
  const soon = closes - at.minutes <= CLOSING_SOON_MINUTES;
  return { key: soon ? "closingSoon" : "open", closesAt: minutesToClock(closes) };
}
