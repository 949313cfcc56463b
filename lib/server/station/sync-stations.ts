import "server-only";
import { getReadDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { shanghaiLocalTime } from "@/lib/opening-hours";
import type { Actor } from "@/lib/server/actor";
import { stationColumns, stationJoins, stationViewFromRow, type StationRow } from "@/lib/server/station/station-row";
import { encodeSyncCursor, type StationChanges, type StationSyncQuery } from "@/lib/validations/station-sync";

/**
 * How far `syncedAt` trails the database clock. Writes stamp `updated_at` (and tombstones `deleted_at`) with
 * their transaction's start, so a change can commit after a sync already read past its timestamp; starting
 * the next sync this much earlier picks such changes up, at the price of sending recent ones twice.
 * Covers any writing transaction shorter than this (an import of the whole province takes seconds).
 */
const SYNC_OVERLAP_MS = 5 * 60 * 1000;

type ChangeRow = { kind: "changed" | "removed"; id: string; changed_at: Date };

/**
 * Incremental sync for offline clients: stations changed and removed since `updatedSince`, in
 * (changed_at, id) order, paged. Every station is public, so the anonymous actor sees every change.
 */
export async function syncStations(actor: Actor, query: StationSyncQuery, now = new Date()): Promise<StationChanges> {
  const db = getReadDb(actor);
  const since = query.updatedSince;
  // On a read replica "now" is the commit time of the last change it has replayed: a replica lagging more
  // than the overlap below would otherwise move syncedAt past changes it has not received yet.
  const until = query.cursor
    ? new Date(query.cursor.until)
    : (await db.$queryRaw<{ now: Date }[]>`
        SELECT CASE WHEN pg_is_in_recovery()
          THEN coalesce(least(clock_timestamp(), pg_last_xact_replay_timestamp()), ${since}::timestamptz)
          ELSE clock_timestamp() END AS now`)[0].now;
  const after = query.cursor ? Prisma.sql`(${new Date(query.cursor.changedAt)}::timestamptz, ${query.cursor.id}::uuid)` : null;
  const window = (column: Prisma.Sql, id: Prisma.Sql) =>
    Prisma.sql`${column} >= ${since}::timestamptz AND ${column} < ${until}::timestamptz${after ? Prisma.sql` AND (${column}, ${id}) > ${after}` : Prisma.empty}`;

  // Each branch walks its own (timestamp, id) index; a tombstone whose id was given to a station again
  // (an import restoring it) is not a removal.
  const changes = await db.$queryRaw<ChangeRow[]>`
    SELECT kind, id, changed_at FROM (
      SELECT 'changed' AS kind, s.id, s.updated_at AS changed_at FROM stations s
      WHERE ${window(Prisma.sql`s.updated_at`, Prisma.sql`s.id`)}
      UNION ALL
      SELECT 'removed', d.station_id, d.deleted_at FROM station_deletions d
      WHERE ${window(Prisma.sql`d.deleted_at`, Prisma.sql`d.station_id`)}
        AND NOT EXISTS (SELECT 1 FROM stations s WHERE s.id = d.station_id)
    ) c
    ORDER BY changed_at, id
    LIMIT ${query.limit + 1}`;

  const page = changes.slice(0, query.limit);
  const changedIds = page.filter((c) => c.kind === "changed").map((c) => c.id);
  const at = shanghaiLocalTime(now);
  const rows = changedIds.length
    ? await db.$queryRaw<StationRow[]>`
        SELECT ${stationColumns(at.date)}, NULL::float8 AS distance_m
        ${stationJoins}
        WHERE s.id = ANY(${changedIds}::uuid[])`
    : [];
  // A station deleted between the two queries is left out here and arrives in `removed` next time.
  const byId = new Map(rows.map((row) => [row.id, row]));

  const last = page.at(-1);
  const syncedAt = new Date(Math.max(since.getTime(), until.getTime() - SYNC_OVERLAP_MS));
  return {
    data: changedIds.flatMap((id) => {
      const row = byId.get(id);
      return row ? [stationViewFromRow(row, at)] : [];
    }),
    removed: page.filter((c) => c.kind === "removed").map((c) => c.id),
    nextCursor:
      changes.length > query.limit && last
        ? encodeSyncCursor({ since: since.toISOString(), until: until.toISOString(), changedAt: last.changed_at.toISOString(), id: last.id })
        : null,
    syncedAt: syncedAt.toISOString(),
  };
}
