import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { shanghaiLocalTime, type LocalTime } from "@/lib/opening-hours";
import type { Actor } from "@/lib/server/actor";
import { stationColumns, stationViewFromRow, type StationRow } from "@/lib/server/station/station-row";
import { encodeCursor, type StationCursor } from "@/lib/validations/station-query";
import type { StationView } from "@/lib/validations/station";

export type StationFilters = {
  near?: { lat: number; lng: number };
  radius?: number;
  bbox?: { minLng: number; minLat: number; maxLng: number; maxLat: number };
  city?: number;
  district?: number;
  amenities?: string[];
  q?: string;
  openNow?: boolean;
  cursor?: StationCursor;
  limit: number;
};

export type StationPage = { data: StationView[]; nextCursor: string | null };

const MEAN_EARTH_RADIUS_M = 6_371_008.8;

/** Haversine on the mean Earth radius, in SQL, so `distanceMeters` is a true great-circle distance. */
function haversineMeters(lat: number, lng: number): Prisma.Sql {
  return Prisma.sql`(2 * ${MEAN_EARTH_RADIUS_M}::float8 * asin(sqrt(
    power(sin(radians(s.lat - ${lat}::float8) / 2), 2) +
    cos(radians(${lat}::float8)) * cos(radians(s.lat)) * power(sin(radians(s.lng - ${lng}::float8) / 2), 2))))`;
}

/**
 * The GiST index on ll_to_earth(lat, lng) serves this operator as a nearest-neighbour scan. Its value is
 * the chord length in earthdistance's units, which grows with great-circle distance, so ordering and
 * paging by it is ordering by distance.
 */
function knnKey(lat: number, lng: number): Prisma.Sql {
  return Prisma.sql`(ll_to_earth(s.lat, s.lng) <-> ll_to_earth(${lat}::float8, ${lng}::float8))`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function openNowCondition(at: LocalTime): Prisma.Sql {
  const today = Prisma.sql`${at.date}::date`;
  return Prisma.sql`(s.status = 'OPEN' AND CASE
    WHEN EXISTS (SELECT 1 FROM opening_exceptions e WHERE e.station_id = s.id AND ${today} BETWEEN e.starts_on AND e.ends_on)
    THEN NOT EXISTS (SELECT 1 FROM opening_exceptions e WHERE e.station_id = s.id AND ${today} BETWEEN e.starts_on AND e.ends_on AND e.closed)
     AND EXISTS (SELECT 1 FROM opening_exceptions e WHERE e.station_id = s.id AND ${today} BETWEEN e.starts_on AND e.ends_on
                 AND e.opens_at <= ${at.minutes} AND ${at.minutes} < e.closes_at)
    ELSE EXISTS (SELECT 1 FROM opening_periods p WHERE p.station_id = s.id AND p.weekday = ${at.weekday}
                 AND p.opens_at <= ${at.minutes} AND ${at.minutes} < p.closes_at)
  END)`;
}

async function assertKnownAmenities(codes: string[]): Promise<void> {
  const known = await getDb().amenityType.findMany({ where: { code: { in: codes } }, select: { code: true } });
  const unknown = codes.filter((code) => !known.some((k) => k.code === code));
  if (unknown.length > 0) {
    throw new AppError("validation_failed", "未知的设施代码", [{ path: "amenities", message: `未知的设施代码：${unknown.join(", ")}` }]);
  }
}

/** The listing SQL for a set of filters, exported so the plan test can EXPLAIN exactly what runs. */
export function buildStationListQuery(filters: StationFilters, at: LocalTime): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  const { near } = filters;

  if (near && filters.radius !== undefined) {
    // earth_box is the index-backed pre-filter; the haversine test makes it exact. The 1% margin covers
    // earthdistance measuring on a 6378 km sphere where the haversine uses the 6371 km mean radius.
    conditions.push(Prisma.sql`earth_box(ll_to_earth(${near.lat}::float8, ${near.lng}::float8), ${filters.radius}::float8 * 1.01) @> ll_to_earth(s.lat, s.lng)`);
    conditions.push(Prisma.sql`${haversineMeters(near.lat, near.lng)} <= ${filters.radius}::float8`);
  }
  if (filters.bbox) {
    const b = filters.bbox;
    conditions.push(Prisma.sql`s.lng BETWEEN ${b.minLng}::float8 AND ${b.maxLng}::float8 AND s.lat BETWEEN ${b.minLat}::float8 AND ${b.maxLat}::float8`);
  }
  if (filters.city !== undefined) conditions.push(Prisma.sql`s.city_adcode = ${filters.city}`);
  if (filters.district !== undefined) conditions.push(Prisma.sql`s.district_adcode = ${filters.district}`);
  for (const code of filters.amenities ?? []) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM station_amenities sa WHERE sa.station_id = s.id AND sa.amenity_code = ${code} AND sa.availability <> 'UNAVAILABLE')`);
  }
  if (filters.q) {
    const pattern = `%${escapeLike(filters.q)}%`;
    conditions.push(Prisma.sql`(s.name ILIKE ${pattern} OR s.address ILIKE ${pattern})`);
  }
  if (filters.openNow !== undefined) {
    conditions.push(filters.openNow ? openNowCondition(at) : Prisma.sql`NOT ${openNowCondition(at)}`);
  }

  // The inner query finds the page's ids using one index order (the GiST nearest-neighbour scan, or
  // the code index); the outer one decorates just those rows. A second ORDER BY key would stop
  // PostgreSQL from using the nearest-neighbour scan, so ties in distance are paged by excluding the
  // ids already returned at the boundary distance instead.
  const cursor = filters.cursor;
  let key: Prisma.Sql;
  let distance = Prisma.sql`NULL::float8`;
  if (near) {
    key = knnKey(near.lat, near.lng);
    distance = haversineMeters(near.lat, near.lng);
    if (cursor?.mode === "near") {
      conditions.push(Prisma.sql`(${key} > ${cursor.key}::float8 OR (${key} = ${cursor.key}::float8 AND s.id <> ALL(${cursor.seen}::uuid[])))`);
    }
  } else {
    key = Prisma.sql`s.code`;
    if (cursor?.mode === "code") conditions.push(Prisma.sql`s.code > ${cursor.code}`);
  }

  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  return Prisma.sql`
    SELECT ${stationColumns(at.date)}, page.distance_m, page.knn_key
    FROM (
      SELECT s.id, ${distance} AS distance_m, ${near ? key : Prisma.sql`NULL::float8`} AS knn_key, ${key} AS sort_key
      FROM stations s
      ${where}
      ORDER BY ${key}
      LIMIT ${filters.limit + 1}
    ) page
    JOIN stations s ON s.id = page.id
    JOIN cities c ON c.adcode = s.city_adcode
    JOIN districts d ON d.adcode = s.district_adcode
    ORDER BY page.sort_key`;
}

/**
 * Public station search. Every station is public, closed ones included (they stay visible as closed),
 * so the anonymous actor's scope is the whole table.
 */
export async function listStations(_actor: Actor, filters: StationFilters, now = new Date()): Promise<StationPage> {
  if (filters.amenities?.length) await assertKnownAmenities(filters.amenities);
  const at = shanghaiLocalTime(now);
  const rows = await getDb().$queryRaw<(StationRow & { knn_key: number | null })[]>(buildStationListQuery(filters, at));

  const page = rows.slice(0, filters.limit);
  const last = page.at(-1);
  let nextCursor: string | null = null;
  if (rows.length > filters.limit && last) {
    if (filters.near && last.knn_key !== null) {
      const boundary = last.knn_key;
      const earlierAtBoundary = filters.cursor?.mode === "near" && filters.cursor.key === boundary ? filters.cursor.seen : [];
      const seen = [...earlierAtBoundary, ...page.filter((r) => r.knn_key === boundary).map((r) => r.id)];
      nextCursor = encodeCursor({ mode: "near", key: boundary, seen });
    } else {
      nextCursor = encodeCursor({ mode: "code", code: last.code });
    }
  }
  return { data: page.map((row) => stationViewFromRow(row, at)), nextCursor };
}
