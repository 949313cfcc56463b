import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import { viewableCities } from "@/lib/server/coverage/area-scope";
import type { AreaFigures, AreaStatistics } from "@/lib/validations/admin-responses";

export const VERIFIED_RECENTLY_DAYS = 90;

type FigureRow = {
  city_adcode: number;
  city_name: string;
  adcode: number | null;
  name: string | null;
  kind: string | null;
  population: bigint;
  stations: bigint;
  open_stations: bigint;
  verified_recently: bigint;
  open_feedback: bigint;
};

type AmenityRow = { city_adcode: number; adcode: number | null; amenity_code: string; stations: bigint };

/**
 * Per city and per district: stations, residents per station, amenity shares, recent verification and
 * open reports. The one source of these figures: the dashboard's table and map, the coverage export and
 * GET /api/v1/admin/area-statistics all read them here. Two queries, each rolling districts up to cities
 * with GROUPING SETS; a city manager's queries only ever read their cities' rows.
 */
export async function getAreaStatistics(actor: Actor, now = new Date()): Promise<AreaStatistics> {
  const cities = viewableCities(actor);
  const districtScope = cities === null ? Prisma.sql`TRUE` : Prisma.sql`d.city_adcode IN (${Prisma.join(cities)})`;
  const stationScope = cities === null ? Prisma.sql`TRUE` : Prisma.sql`s.city_adcode IN (${Prisma.join(cities)})`;
  const since = new Date(now.getTime() - VERIFIED_RECENTLY_DAYS * 86_400_000);
  const db = getDb();

  const [figures, amenities] = await Promise.all([
    db.$queryRaw<FigureRow[]>`
      WITH per_district AS (
        SELECT s.district_adcode,
               count(*) FILTER (WHERE s.status <> 'CLOSED') AS stations,
               count(*) FILTER (WHERE s.status = 'OPEN') AS open_stations,
               count(*) FILTER (WHERE s.status <> 'CLOSED' AND s.verified_at >= ${since}) AS verified_recently,
               sum((SELECT count(*) FROM feedback_reports f
                    WHERE f.station_id = s.id AND f.status = 'OPEN' AND f.kind <> 'CONFIRMATION')) AS open_feedback
        FROM stations s
        WHERE ${stationScope}
        GROUP BY s.district_adcode
      )
      SELECT d.city_adcode, c.name AS city_name,
             CASE WHEN GROUPING(d.adcode) = 0 THEN d.adcode END AS adcode,
             CASE WHEN GROUPING(d.adcode) = 0 THEN d.name END AS name,
             CASE WHEN GROUPING(d.adcode) = 0 THEN d.kind END AS kind,
             sum(d.population_2020) AS population,
             coalesce(sum(p.stations), 0) AS stations,
             coalesce(sum(p.open_stations), 0) AS open_stations,
             coalesce(sum(p.verified_recently), 0) AS verified_recently,
             coalesce(sum(p.open_feedback), 0) AS open_feedback
      FROM districts d
      JOIN cities c ON c.adcode = d.city_adcode
      LEFT JOIN per_district p ON p.district_adcode = d.adcode
      WHERE ${districtScope}
      GROUP BY GROUPING SETS ((d.city_adcode, c.name), (d.city_adcode, c.name, d.adcode, d.name, d.kind))
      ORDER BY d.city_adcode, adcode NULLS FIRST`,
    db.$queryRaw<AmenityRow[]>`
      SELECT s.city_adcode, CASE WHEN GROUPING(s.district_adcode) = 0 THEN s.district_adcode END AS adcode,
             a.amenity_code, count(*) AS stations
      FROM stations s JOIN station_amenities a ON a.station_id = s.id
      WHERE ${stationScope} AND s.status <> 'CLOSED' AND a.availability IN ('AVAILABLE', 'LIMITED')
      GROUP BY GROUPING SETS ((s.city_adcode, a.amenity_code), (s.city_adcode, s.district_adcode, a.amenity_code))`,
  ]);

  const offering = new Map<string, Record<string, number>>();
  for (const row of amenities) {
    const key = `${row.city_adcode}:${row.adcode ?? ""}`;
    offering.set(key, { ...offering.get(key), [row.amenity_code]: Number(row.stations) });
  }
  const toFigures = (row: FigureRow, adcode: number, name: string): AreaFigures => {
    const stations = Number(row.stations);
    const openStations = Number(row.open_stations);
    const population = Number(row.population);
    const counts = Object.fromEntries(Object.entries(offering.get(`${row.city_adcode}:${row.adcode ?? ""}`) ?? {}).sort(([a], [b]) => a.localeCompare(b)));
    const verifiedRecently = Number(row.verified_recently);
    return {
      adcode,
      name,
      population,
      stations,
      openStations,
      residentsPerStation: stations > 0 ? Math.round(population / stations) : null,
      residentsPerOpenStation: openStations > 0 ? Math.round(population / openStations) : null,
      amenityStations: counts,
      amenityShares: Object.fromEntries(Object.entries(counts).map(([code, n]) => [code, n / stations])),
      verifiedRecently,
      verifiedRecentlyShare: stations > 0 ? verifiedRecently / stations : 0,
      openFeedback: Number(row.open_feedback),
    };
  };

  const result: AreaStatistics["cities"] = [];
  for (const row of figures) {
    if (row.adcode === null) result.push({ ...toFigures(row, row.city_adcode, row.city_name), districts: [] });
    else result[result.length - 1].districts.push({ ...toFigures(row, row.adcode, row.name!), kind: row.kind! });
  }
  return { asOf: now.toISOString(), cities: result };
}
