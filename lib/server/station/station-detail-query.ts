import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { LocalTime } from "@/lib/opening-hours";
import { stationColumns, stationJoins } from "@/lib/server/station/station-row";

/**
 * The two statements behind a station's public page: the station row and its amenities. Apart from
 * getStation so the benchmark's floor issues exactly this SQL.
 */
export function buildStationDetailQueries(id: string, at: LocalTime): { station: Prisma.Sql; amenities: Prisma.Sql } {
  return {
    station: Prisma.sql`
      SELECT ${stationColumns(at.date)}, NULL::float8 AS distance_m, s.story
      ${stationJoins}
      WHERE s.id = ${id}::uuid`,
    amenities: Prisma.sql`
      SELECT t.code, t.name_zh, t.name_en, t.icon, sa.availability::text AS availability, sa.note, sa.checked_at
      FROM station_amenities sa JOIN amenity_types t ON t.code = sa.amenity_code
      WHERE sa.station_id = ${id}::uuid
      ORDER BY t.sort_order`,
  };
}
