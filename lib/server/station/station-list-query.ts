import "server-only";
import { escapeLike } from "@/lib/server/escape-like";
import { Prisma } from "@/lib/generated/prisma/client";
import { MEAN_EARTH_RADIUS_M } from "@/lib/geo";
import type { LocalTime } from "@/lib/opening-hours";
import { searchTokens } from "@/lib/search-keys";
import { stationColumns } from "@/lib/server/station/station-row";
import { NEAREST_SEARCH_HORIZON, type StationFilters } from "@/lib/validations/station-query";

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

/**
 * Whether a station is open at `at`: true, false, or NULL when its hours are unknown. The same rules
 * as `isOpenAt` in lib/opening-hours.ts; tests/api/open-now.test.ts holds the two to each other.
 */
export function openStateSql(at: LocalTime): Prisma.Sql {
  const today = Prisma.sql`${at.date}::date`;
  const exceptionToday = Prisma.sql`FROM opening_exceptions e WHERE e.station_id = s.id AND ${today} BETWEEN e.starts_on AND e.ends_on`;
  // OFFSET 0 keeps each EXISTS a per-station index probe. Without it PostgreSQL may turn one into a hash
  // of every station's matching rows, built before the nearest-neighbour walk even starts: 142 ms of a
  // 250 ms "open now" search at 100,000 stations, growing with the table, where 20 probes take 0.2 ms.
  return Prisma.sql`(CASE
    WHEN s.status <> 'OPEN' THEN false
    WHEN EXISTS (SELECT 1 ${exceptionToday} OFFSET 0)
      THEN NOT EXISTS (SELECT 1 ${exceptionToday} AND e.closed OFFSET 0)
       AND EXISTS (SELECT 1 ${exceptionToday} AND e.opens_at <= ${at.minutes} AND ${at.minutes} < e.closes_at OFFSET 0)
    WHEN NOT EXISTS (SELECT 1 FROM opening_periods p WHERE p.station_id = s.id OFFSET 0) THEN NULL
    ELSE EXISTS (SELECT 1 FROM opening_periods p WHERE p.station_id = s.id AND p.weekday = ${at.weekday}
                 AND p.opens_at <= ${at.minutes} AND ${at.minutes} < p.closes_at OFFSET 0)
  END)`;
}

export type ListQueryOptions = {
  /** Fetch every station at exactly this distance key, instead of a page (see listStations). */
  tiesAtKey?: number;
  /** Overrides NEAREST_SEARCH_HORIZON (the tests use a small one). */
  horizon?: number;
};

/**
 * The listing SQL for a set of filters. Exported apart from listStations so the plan test can EXPLAIN
 * exactly what runs, and the benchmark's floor can issue the very same SQL.
 *
 * The inner query finds the page's ids using one index order (the GiST nearest-neighbour scan, or the
 * code index); the outer one decorates just those rows. It orders by the distance key alone: a second
 * ORDER BY key would stop PostgreSQL from using the nearest-neighbour scan.
 */
export function buildStationListQuery(filters: StationFilters, at: LocalTime, options: ListQueryOptions = {}): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  const { near, cursor } = filters;

  if (near && filters.radius !== undefined) {
    // earth_box is the index-backed pre-filter; the haversine test makes it exact. The 1% margin covers
    // earthdistance measuring on a 6378 km sphere where the haversine uses the 6371 km mean radius.
    conditions.push(Prisma.sql`earth_box(ll_to_earth(${near.lat}::float8, ${near.lng}::float8), ${filters.radius}::float8 * 1.01) @> ll_to_earth(s.lat, s.lng)`);
    conditions.push(Prisma.sql`${haversineMeters(near.lat, near.lng)} <= ${filters.radius}::float8`);
  }
  if (filters.bbox) {
    const b = filters.bbox;
    // Containment, edges included, in the form the GiST index on point(lng, lat) serves.
    conditions.push(Prisma.sql`point(s.lng, s.lat) <@ box(point(${b.minLng}::float8, ${b.minLat}::float8), point(${b.maxLng}::float8, ${b.maxLat}::float8))`);
  }
  if (filters.city !== undefined) conditions.push(Prisma.sql`s.city_adcode = ${filters.city}`);
  if (filters.district !== undefined) conditions.push(Prisma.sql`s.district_adcode = ${filters.district}`);
  for (const code of filters.amenities ?? []) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM station_amenities sa WHERE sa.station_id = s.id AND sa.amenity_code = ${code} AND sa.availability <> 'UNAVAILABLE')`);
  }
  // Every word must match the name or address; Latin words may also match the pinyin or its initials.
  for (const { text, latin } of filters.q ? searchTokens(filters.q) : []) {
    const pattern = `%${escapeLike(text)}%`;
    const pinyinPattern = `%${escapeLike(text.toLowerCase())}%`;
    if (latin) {
      conditions.push(Prisma.sql`(s.name ILIKE ${pattern} OR s.address ILIKE ${pattern} OR s.search_pinyin LIKE ${pinyinPattern} OR s.search_initials LIKE ${pinyinPattern})`);
      continue;
    }
    conditions.push(Prisma.sql`(s.name ILIKE ${pattern} OR s.address ILIKE ${pattern})`);
    // Words too short for trigrams: the index of single characters and pairs (see the migration).
    if ([...text].length <= 2) conditions.push(Prisma.sql`station_search_grams_manual(s.name, s.address) @> ARRAY[lower(${text})]`);
  }
  if (filters.openNow !== undefined) {
    conditions.push(filters.openNow ? Prisma.sql`${openStateSql(at)} IS TRUE` : Prisma.sql`${openStateSql(at)} IS FALSE`);
  }

  // The horizon: the nearest stations by the index alone, then the filters on those (see NEAREST_SEARCH_HORIZON).
  // The subquery hands on its distance key so that the outer ORDER BY is its order and the walk still stops
  // as soon as the page is full.
  const filtered = filters.bbox || filters.city !== undefined || filters.district !== undefined || filters.amenities?.length || filters.q || filters.openNow !== undefined;
  const horizon = near && filters.radius === undefined && filtered ? (options.horizon ?? NEAREST_SEARCH_HORIZON) : undefined;

  let key: Prisma.Sql;
  let distance = Prisma.sql`NULL::float8`;
  if (near) {
    key = horizon === undefined ? knnKey(near.lat, near.lng) : Prisma.sql`s.horizon_key`;
    distance = haversineMeters(near.lat, near.lng);
    if (cursor?.mode === "near") conditions.push(Prisma.sql`(${key} > ${cursor.key}::float8 OR (${key} = ${cursor.key}::float8 AND s.id > ${cursor.id}::uuid))`);
    if (options.tiesAtKey !== undefined) conditions.push(Prisma.sql`${key} = ${options.tiesAtKey}::float8`);
  } else {
    key = Prisma.sql`s.code`;
    if (cursor?.mode === "code") conditions.push(Prisma.sql`s.code > ${cursor.code}`);
  }

  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const source =
    near && horizon !== undefined
      ? Prisma.sql`(SELECT h.*, ll_to_earth(h.lat, h.lng) <-> ll_to_earth(${near.lat}::float8, ${near.lng}::float8) AS horizon_key
          FROM stations h ORDER BY horizon_key LIMIT ${horizon}) s`
      : Prisma.sql`stations s`;
  const limit = options.tiesAtKey === undefined ? Prisma.sql`LIMIT ${filters.limit + 1}` : Prisma.empty;
  return Prisma.sql`
    SELECT ${stationColumns(at.date)}, page.distance_m, page.knn_key
    FROM (
      SELECT s.id, ${distance} AS distance_m, ${near ? key : Prisma.sql`NULL::float8`} AS knn_key, ${key} AS sort_key
      FROM ${source}
      ${where}
      ORDER BY ${key}
      ${limit}
    ) page
    JOIN stations s ON s.id = page.id
    JOIN cities c ON c.adcode = s.city_adcode
    JOIN districts d ON d.adcode = s.district_adcode
    ORDER BY page.sort_key`;
}
