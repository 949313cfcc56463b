import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { shanghaiLocalTime } from "@/lib/opening-hours";
import type { Actor } from "@/lib/server/actor";
import { viewableCitiesWithin } from "@/lib/server/coverage/area-scope";

export const ACTIVITY_WEEKS = 26;
const DAY_MS = 86_400_000;

export type WeeklyActivity = {
  /** The Mondays (Asia/Shanghai dates) the weeks start on, oldest first; the last is the current week. */
  weeks: string[];
  /** Per audit entity kind (station, station_amenities, opening_hours, …): events per week, as `weeks`. */
  byEntity: Record<string, number[]>;
  total: number;
};

/** The Monday of the Asia/Shanghai week `now` falls in, `back` weeks earlier, as a date string. */
function mondayOf(now: Date, back: number): string {
  const local = shanghaiLocalTime(now);
  const monday = Date.parse(`${local.date}T00:00:00Z`) - (local.weekday - 1 + back * 7) * DAY_MS;
  return new Date(monday).toISOString().slice(0, 10);
}

/**
 * Recorded changes (audit events) per week and kind of record over the last 26 weeks, weeks running
 * Monday to Sunday in Asia/Shanghai, within the actor's cities (by the event's own city; a province admin
 * also sees changes to accounts and roles, which have none).
 */
export async function getWeeklyActivity(actor: Actor, options: { city?: number; now?: Date } = {}): Promise<WeeklyActivity> {
  const cities = viewableCitiesWithin(actor, options.city);
  const now = options.now ?? new Date();
  const weeks = Array.from({ length: ACTIVITY_WEEKS }, (_, i) => mondayOf(now, ACTIVITY_WEEKS - 1 - i));
  const from = new Date(`${weeks[0]}T00:00:00+08:00`);
  const scope = cities === null ? Prisma.sql`TRUE` : Prisma.sql`a.city_adcode IN (${Prisma.join(cities)})`;
  const rows = await getDb().$queryRaw<{ week: string; entity: string; events: number }[]>`
    SELECT to_char(date_trunc('week', a.occurred_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS week, a.entity, count(*)::int AS events
    FROM audit_events a
    WHERE ${scope} AND a.occurred_at >= ${from} AND a.occurred_at <= ${now}
    GROUP BY 1, 2`;

  const index = new Map(weeks.map((w, i) => [w, i]));
  const byEntity: Record<string, number[]> = {};
  let total = 0;
  for (const r of rows) {
    // The WHERE bounds keep every row inside the 26 weeks.
    (byEntity[r.entity] ??= weeks.map(() => 0))[index.get(r.week)!] += r.events;
    total += r.events;
  }
  return { weeks, byEntity, total };
}
