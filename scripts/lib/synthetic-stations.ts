/**
 * Synthetic datasets of 100,000 or 1,000,000 stations spread over China's cities, for the benchmarks and
 * the large-map tests. Each lives in a database of its own (`yizhan_synthetic_<count>`) on DATABASE_URL's
 * server, never in the main one: the sample's 571 Liaoning stations (the normal seed), plus count − 571
 * invented ones around the centres of 68 further cities (data/china-cities.json) and Liaoning's 14,
 * weighted by 2020 population.
 *
 * The rows are made by PostgreSQL itself (INSERT … SELECT over generate_series): a million stations with
 * their amenities and hours arrive in minutes rather than the hour a client-side insert would take. Every
 * value is a function of the row number through md5, so two runs, on any machine, make identical data.
 */
import { readFileSync } from "node:fs";
import pg from "pg";
import { createPrismaClient } from "@/lib/db";
import { applyMigrations } from "@/lib/migrations/schema-engine";
import { stationSearchKeys } from "@/lib/search-keys";
import { seedDatabase } from "@/lib/seed/seed-database";

type ChinaCity = [adcode: number, name: string, lat: number, lng: number, populationMillions: number];

const CHINA_CITIES: ChinaCity[] = JSON.parse(readFileSync(new URL("../../data/china-cities.json", import.meta.url), "utf8")).cities;
const ROADS = ["人民路", "解放路", "中山路", "建设路", "和平路", "胜利路", "新华路", "光明街", "长江路", "黄河路", "朝阳路", "文化路", "青年大街", "友谊街", "工业路", "幸福路"];

export const SYNTHETIC_DATABASE_PREFIX = "yizhan_synthetic_";

export function syntheticDatabaseName(count: number): string {
  return `${SYNTHETIC_DATABASE_PREFIX}${count}`;
}

// The version changes with the generator, so a dataset made by an older one is made again.
const completeMark = (count: number) => `synthetic dataset v2 of ${count} stations, complete`;

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Romanised search keys of a name part, the same way the app computes a station's (lib/search-keys.ts). */
function keysOf(text: string): { pinyin: string; initials: string } {
  const keys = stationSearchKeys(text, "");
  return { pinyin: keys.pinyin.split("|")[0], initials: keys.initials.split("|")[0] };
}

/** A uniform number in [0, 1) from the row number and a salt: md5's first 32 bits. */
const UNIFORM = `CREATE FUNCTION pg_temp.u(i bigint, salt text) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT ('x' || substr(md5(salt || i::text), 1, 8))::bit(32)::bigint / 4294967296.0 $$`;

/** A valid version-4 UUID from 32 hex digits: the API refuses ids that are not RFC 9562 UUIDs. */
const UUID_V4 = `CREATE FUNCTION pg_temp.uuid_v4(hex text) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT (substr(hex, 1, 12) || '4' || substr(hex, 14, 3) || '8' || substr(hex, 18, 15))::uuid $$`;

/** A standard normal number (Box–Muller) from two uniforms of the row. */
const NORMAL = `CREATE FUNCTION pg_temp.n(i bigint, salt text) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT sqrt(-2 * ln(1 - pg_temp.u(i, salt || 'a'))) * cos(2 * pi() * pg_temp.u(i, salt || 'b')) $$`;

async function insertSyntheticRows(client: pg.Client, extra: number, log: (line: string) => void): Promise<void> {
  await client.query("SET maintenance_work_mem = '512MB'");
  await client.query(UNIFORM);
  await client.query(NORMAL);
  await client.query(UUID_V4);

  // Cities outside Liaoning, each with one district standing for its urban area (adcode + 1).
  const others = CHINA_CITIES.map(([adcode, name, lat, lng, millions]) => ({ adcode, name, lat, lng, population: Math.round(millions * 1e6) }));
  await client.query(
    `INSERT INTO cities (adcode, name, population_2020, center_lat, center_lng)
     SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::float8[], $5::float8[])`,
    [others.map((c) => c.adcode), others.map((c) => c.name), others.map((c) => c.population), others.map((c) => c.lat), others.map((c) => c.lng)],
  );
  await client.query(
    `INSERT INTO districts (adcode, city_adcode, name, kind, population_2020, center_lat, center_lng)
     SELECT adcode + 1, adcode, name || '城区', '区', population_2020, center_lat, center_lng FROM cities WHERE adcode = ANY($1::int[])`,
    [others.map((c) => c.adcode)],
  );

  // Every city (Liaoning's from the seed too), weighted by population; spread grows with the city.
  const { rows: cities } = await client.query<{ adcode: number; name: string; population_2020: number; district: number }>(
    `SELECT c.adcode, c.name, c.population_2020,
            COALESCE((SELECT min(d.adcode) FROM districts d WHERE d.city_adcode = c.adcode AND d.kind = '区'),
                     (SELECT min(d.adcode) FROM districts d WHERE d.city_adcode = c.adcode)) AS district
     FROM cities c ORDER BY c.adcode`,
  );
  const total = cities.reduce((sum, c) => sum + c.population_2020, 0);
  let cumulative = 0;
  const bounds = cities.map((c) => (cumulative += c.population_2020 / total));
  await client.query(
    `CREATE TEMP TABLE synthetic_cities AS
     SELECT ord::int AS slot, adcode, district, name, name_pinyin, name_initials,
            (SELECT center_lat FROM cities WHERE cities.adcode = t.adcode) AS lat,
            (SELECT center_lng FROM cities WHERE cities.adcode = t.adcode) AS lng,
            0.04 + 0.03 * sqrt(population_2020 / 1e6) AS spread
     FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[]) WITH ORDINALITY
          AS t(adcode, district, name, name_pinyin, name_initials, population_2020, ord)`,
    [
      cities.map((c) => c.adcode),
      cities.map((c) => c.district),
      cities.map((c) => c.name.replace(/市$/, "")),
      cities.map((c) => keysOf(c.name.replace(/市$/, "")).pinyin),
      cities.map((c) => keysOf(c.name.replace(/市$/, "")).initials),
      cities.map((c) => c.population_2020),
    ],
  );
  await client.query(
    `CREATE TEMP TABLE synthetic_roads AS
     SELECT ord::int - 1 AS slot, name, pinyin, initials FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(name, pinyin, initials, ord)`,
    [ROADS, ROADS.map((r) => keysOf(r).pinyin), ROADS.map((r) => keysOf(r).initials)],
  );

  let started = Date.now();
  // width_bucket over the cumulative shares picks the city in O(log n) per row.
  await client.query(
    `INSERT INTO stations (id, code, name, address, city_adcode, district_adcode, lat, lng, phone, status,
                           search_pinyin, search_initials, source, verified_at, updated_at)
     SELECT pg_temp.uuid_v4(md5('synthetic-station' || i)),
            'SY' || lpad(i::text, 7, '0'),
            '工行' || c.name || r.name || i || '号驿站',
            c.name || '市' || r.name || (1 + (i % 997)) || '号',
            c.adcode, c.district,
            c.lat + c.spread * pg_temp.n(i, 'lat'),
            c.lng + c.spread * pg_temp.n(i, 'lng') / cos(radians(c.lat)),
            '024-' || lpad((i % 100000000)::text, 8, '0'),
            (CASE WHEN pg_temp.u(i, 'status') < 0.96 THEN 'OPEN' WHEN pg_temp.u(i, 'status') < 0.99 THEN 'TEMPORARILY_CLOSED' ELSE 'CLOSED' END)::station_status,
            'gonghang' || c.name_pinyin || r.pinyin || i || 'haoyizhan|' || c.name_pinyin || 'shi' || r.pinyin || (1 + (i % 997)) || 'hao',
            'gh' || c.name_initials || r.initials || i || 'hyz|' || c.name_initials || 's' || r.initials || (1 + (i % 997)) || 'h',
            'SAMPLE'::record_source,
            timestamptz '2026-11-20 12:00+08' - (pg_temp.u(i, 'verified') * 300) * interval '1 day',
            timestamptz '2026-11-20 12:00+08'
     FROM generate_series(1, $1::int) AS i
     JOIN synthetic_cities c ON c.slot = width_bucket(pg_temp.u(i, 'city'), $2::float8[]) + 1
     JOIN synthetic_roads r ON r.slot = i % ${ROADS.length}`,
    [extra, bounds.slice(0, -1)],
  );
  log(`  stations: ${extra} in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  started = Date.now();
  // The standard amenities everywhere; each other kind at a rate that falls with its sort order.
  await client.query(
    `INSERT INTO station_amenities (station_id, amenity_code, availability)
     SELECT s.id, a.code,
            (CASE WHEN a.is_standard OR pg_temp.u(s.row_key, a.code || 'limited') < 0.9 THEN 'AVAILABLE' ELSE 'LIMITED' END)::amenity_availability
     FROM (SELECT id, ('x' || substr(id::text, 1, 8))::bit(32)::bigint AS row_key FROM stations WHERE code LIKE 'SY%') s
     CROSS JOIN amenity_types a
     WHERE a.is_standard OR pg_temp.u(s.row_key, a.code) < 0.6 - 0.03 * a.sort_order`,
  );
  log(`  amenities in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  started = Date.now();
  // Banking hours on weekdays; four in five stations open at weekends with shorter hours.
  await client.query(
    `INSERT INTO opening_periods (id, station_id, weekday, opens_at, closes_at)
     SELECT md5(s.id::text || d)::uuid, s.id, d, CASE WHEN d <= 5 THEN 540 ELSE 570 END, CASE WHEN d <= 5 THEN 1050 ELSE 960 END
     FROM stations s CROSS JOIN generate_series(1, 7) AS d
     WHERE s.code LIKE 'SY%' AND (d <= 5 OR ('x' || substr(replace(s.id::text, '-', ''), 9, 8))::bit(32)::bigint % 5 <> 0)`,
  );
  log(`  opening hours in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  started = Date.now();
  await client.query("ANALYZE");
  log(`  analyze in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * The database of `count` stations, made if missing. An existing one is reused when it holds exactly that
 * many stations (the data is deterministic); one left half-made by an interrupted run is made again.
 */
export async function ensureSyntheticDatabase(serverUrl: string, count: number, log: (line: string) => void = console.log): Promise<string> {
  const name = syntheticDatabaseName(count);
  const url = databaseUrl(serverUrl, name);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // The comment is written last, so a dataset without it was interrupted half-made.
    const { rows } = await admin.query<{ comment: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
      [name],
    );
    if (rows[0]?.comment === completeMark(count)) {
      // A dataset made before the latest migration gets it, so the benchmark measures today's indexes.
      await applyMigrations(url);
      return url;
    }
    if (rows.length > 0) await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    log(`synthetic: making ${name} (${count.toLocaleString("en")} stations)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }

  await applyMigrations(url);
  const db = createPrismaClient(url, 1);
  let seeded: number;
  try {
    await seedDatabase(db);
    seeded = await db.station.count();
  } finally {
    await db.$disconnect();
  }
  if (count < seeded) throw new Error(`a synthetic dataset needs at least the ${seeded} sample stations`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await insertSyntheticRows(client, count - seeded, log);
    await client.query(`COMMENT ON DATABASE "${name}" IS '${completeMark(count)}'`);
  } finally {
    await client.end();
  }
  return url;
}

/** Drops a synthetic database: they are large, and pg_basebackup copies every database of the server. */
export async function dropSyntheticDatabase(serverUrl: string, count: number): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${syntheticDatabaseName(count)}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
