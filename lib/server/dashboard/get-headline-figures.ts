import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { shanghaiLocalTime } from "@/lib/opening-hours";
import type { Actor } from "@/lib/server/actor";
import { viewableCitiesWithin } from "@/lib/server/coverage/area-scope";
import { VERIFIED_RECENTLY_DAYS } from "@/lib/server/coverage/get-area-statistics";
import { openStateSql } from "@/lib/server/station/station-list-query";

const DAY_MS = 86_400_000;

export type HeadlineFigures = {
  asOf: string;
  /** Stations in service: open or temporarily closed; those closed for good do not count. */
  stations: number;
  /** Open at `asOf` by their hours and exceptions (Asia/Shanghai), the finder's and the API's rule. */
  openNow: number;
  /** Open stations whose weekly hours are unknown: neither open nor closed now. */
  hoursUnknown: number;
  /** Stations in service verified within the last 90 days, and their share of `stations`. */
  verifiedRecently: number;
  verifiedRecentlyShare: number;
  /** Open problem reports (confirmations left out: they ask nobody to act). */
  openReports: number;
  /** Audit events (every recorded change) in the last 7 and 30 days. */
  changesLast7Days: number;
  changesLast30Days: number;
};

/**
 * The dashboard's headline: one query over the actor's cities (one city when `city` is given). Audit
 * events count by their own city, so a city manager's figure is their city's changes; a province admin's
 * includes changes to accounts and roles, which belong to no city.
 */
export async function getHeadlineFigures(actor: Actor, options: { city?: number; now?: Date } = {}): Promise<HeadlineFigures> {
  const cities = viewableCitiesWithin(actor, options.city);
  const now = options.now ?? new Date();
  const stationScope = cities === null ? Prisma.sql`TRUE` : Prisma.sql`s.city_adcode IN (${Prisma.join(cities)})`;
  const auditScope = cities === null ? Prisma.sql`TRUE` : Prisma.sql`a.city_adcode IN (${Prisma.join(cities)})`;
  const open = openStateSql(shanghaiLocalTime(now));
  const since = (days: number) => new Date(now.getTime() - days * DAY_MS);

  const [row] = await getDb().$queryRaw<
    { stations: number; open_now: number; hours_unknown: number; verified: number; open_reports: number; changes_7: number; changes_30: number }[]
  >`
    SELECT
      (SELECT count(*)::int FROM stations s WHERE ${stationScope} AND s.status <> 'CLOSED') AS stations,
      (SELECT count(*)::int FROM stations s WHERE ${stationScope} AND ${open} IS TRUE) AS open_now,
      (SELECT count(*)::int FROM stations s WHERE ${stationScope} AND ${open} IS NULL) AS hours_unknown,
      (SELECT count(*)::int FROM stations s
        WHERE ${stationScope} AND s.status <> 'CLOSED' AND s.verified_at >= ${since(VERIFIED_RECENTLY_DAYS)}) AS verified,
      (SELECT count(*)::int FROM feedback_reports f JOIN stations s ON s.id = f.station_id
        WHERE ${stationScope} AND f.status = 'OPEN' AND f.kind <> 'CONFIRMATION') AS open_reports,
      (SELECT count(*)::int FROM audit_events a WHERE ${auditScope} AND a.occurred_at > ${since(7)} AND a.occurred_at <= ${now}) AS changes_7,
      (SELECT count(*)::int FROM audit_events a WHERE ${auditScope} AND a.occurred_at > ${since(30)} AND a.occurred_at <= ${now}) AS changes_30`;

  return {
    asOf: now.toISOString(),
    stations: row.stations,
    openNow: row.open_now,
    hoursUnknown: row.hours_unknown,
    verifiedRecently: row.verified,
    verifiedRecentlyShare: row.stations > 0 ? row.verified / row.stations : 0,
    openReports: row.open_reports,
    changesLast7Days: row.changes_7,
    changesLast30Days: row.changes_30,
  };
}
