import "server-only";
import { queryRows } from "@/lib/db";
import { finderStationFromView, type FinderStation } from "@/lib/finder-station";
import { Prisma } from "@/lib/generated/prisma/client";
import { shanghaiLocalTime } from "@/lib/opening-hours";
import type { Actor } from "@/lib/server/actor";
import { stationColumns, stationJoins, stationViewFromRow, type StationRow } from "@/lib/server/station/station-row";

/** Every station for the finder page, which carries them (see FinderStation), in a stable order. */
export async function listFinderStations(actor: Actor, now = new Date()): Promise<FinderStation[]> {
  const at = shanghaiLocalTime(now);
  const rows = await queryRows<StationRow & { search_pinyin: string; search_initials: string }>(
    actor,
    Prisma.sql`
      SELECT ${stationColumns(at.date)}, NULL::float8 AS distance_m, s.search_pinyin, s.search_initials
      ${stationJoins}
      ORDER BY s.city_adcode, s.district_adcode, s.code`,
  );
  return rows.map((row) => finderStationFromView(stationViewFromRow(row, at), { pinyin: row.search_pinyin, initials: row.search_initials }));
}
