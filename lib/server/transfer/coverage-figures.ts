import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ImportScope } from "@/lib/server/transfer/transfer-access";

export type CoverageFigure = {
  cityAdcode: number;
  cityName: string;
  /** Null on a city's own row, which sums its districts. */
  districtAdcode: number | null;
  districtName: string | null;
  population2020: number;
  stations: number;
  verifiedWithin90Days: number;
  /** Stations offering each amenity type (available or limited), by amenity code. */
  amenityStations: Record<string, number>;
};

/**
 * Stations per city and per district against the 2020 census, in one query. Stations closed for good do
 * not count; temporarily closed ones do (they reopen). Kept on its own so the dashboard's figures can
 * replace it later without touching the export.
 */
export async function queryCoverageFigures(scope: ImportScope, cityAdcode?: number): Promise<CoverageFigure[]> {
  const allowed = scope.cities === "all" ? Prisma.sql`TRUE` : Prisma.sql`a.city_adcode IN (${Prisma.join(scope.cities)})`;
  const cities = cityAdcode === undefined ? allowed : Prisma.sql`${allowed} AND a.city_adcode = ${cityAdcode}`;
  return getDb().$queryRaw<CoverageFigure[]>`
    WITH counted AS (
      SELECT s.id, s.city_adcode, s.district_adcode, s.verified_at >= now() - interval '90 days' AS fresh
      FROM stations s WHERE s.status <> 'CLOSED'
    ), areas AS (
      SELECT c.adcode AS city_adcode, c.name AS city_name, NULL::int AS district_adcode, NULL::text AS district_name, c.population_2020
      FROM cities c
      UNION ALL
      SELECT d.city_adcode, c.name, d.adcode, d.name, d.population_2020
      FROM districts d JOIN cities c ON c.adcode = d.city_adcode
    )
    SELECT a.city_adcode AS "cityAdcode", a.city_name AS "cityName", a.district_adcode AS "districtAdcode", a.district_name AS "districtName",
      a.population_2020 AS "population2020",
      count(x.id)::int AS stations,
      (count(x.id) FILTER (WHERE x.fresh))::int AS "verifiedWithin90Days",
      COALESCE((
        SELECT json_object_agg(t.code, (
          SELECT count(*)::int FROM counted y JOIN station_amenities sa ON sa.station_id = y.id
          WHERE sa.amenity_code = t.code AND sa.availability <> 'UNAVAILABLE'
            AND y.city_adcode = a.city_adcode AND (a.district_adcode IS NULL OR y.district_adcode = a.district_adcode)))
        FROM amenity_types t), '{}') AS "amenityStations"
    FROM areas a
    LEFT JOIN counted x ON x.city_adcode = a.city_adcode AND (a.district_adcode IS NULL OR x.district_adcode = a.district_adcode)
    WHERE ${cities}
    GROUP BY a.city_adcode, a.city_name, a.district_adcode, a.district_name, a.population_2020
    ORDER BY a.city_adcode, a.district_adcode NULLS FIRST`;
}
