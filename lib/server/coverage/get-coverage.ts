import "server-only";
import gridFile from "@/data/coverage-grid.json";
import { computeCoverage, mergeGapRuns, qualifies, type AreaCoverage, type CoverageDistrict, type CoverageResult, type CoverageStation } from "@/lib/coverage/compute-coverage";
import { decodeGrid, type CoverageGrid, type GridFile } from "@/lib/coverage/grid";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/server/actor";
import { findUnknownAmenityCodes } from "@/lib/server/amenity/find-unknown-amenity-codes";
import { viewableCities } from "@/lib/server/coverage/area-scope";
import type { CoverageView } from "@/lib/validations/admin-responses";
import type { CoverageQuery } from "@/lib/validations/coverage";

type Rounded<T extends AreaCoverage> = Omit<T, "residents" | "residentsOutside"> & { residents: number; residentsOutside: number };

type District = CoverageDistrict & { name: string; kind: string; cityName: string };
type StationRow = CoverageStation & { cityAdcode: number };
type Inputs = { version: string; stations: StationRow[]; districts: District[] };
type Computed = { result: CoverageResult; computedAt: string; computeMs: number };

let grid: CoverageGrid | null = null;
const coverageGrid = () => (grid ??= decodeGrid(gridFile as GridFile));

let inputs: Promise<Inputs> | null = null;
/** Per (amenity, threshold) for the current station data; small, because both come from a short list. */
const computed = new Map<string, Promise<Computed>>();
const MAX_CACHED = 64;

/**
 * Stations change rarely and every change moves `updated_at` (amenity edits included) or the count, so
 * the two together say whether the cached inputs and results still hold.
 */
async function stationDataVersion(): Promise<string> {
  const [row] = await getDb().$queryRaw<{ count: number; latest: Date | null }[]>`
    SELECT count(*)::int AS count, max(updated_at) AS latest FROM stations`;
  return `${row.count}:${row.latest?.toISOString() ?? ""}`;
}

async function loadInputs(version: string): Promise<Inputs> {
  const db = getDb();
  const [stations, districts] = await Promise.all([
    db.$queryRaw<{ lat: number; lng: number; city_adcode: number; status: string; amenities: { code: string; availability: string }[] }[]>`
      SELECT s.lat, s.lng, s.city_adcode, s.status::text AS status,
             coalesce(json_agg(json_build_object('code', a.amenity_code, 'availability', a.availability))
                      FILTER (WHERE a.amenity_code IS NOT NULL), '[]') AS amenities
      FROM stations s LEFT JOIN station_amenities a ON a.station_id = s.id
      GROUP BY s.id
      ORDER BY s.code`,
    db.$queryRaw<{ adcode: number; city_adcode: number; name: string; kind: string; city_name: string; population_2020: number; urban_share_2020: number | null }[]>`
      SELECT d.adcode, d.city_adcode, d.name, d.kind, c.name AS city_name, d.population_2020, d.urban_share_2020
      FROM districts d JOIN cities c ON c.adcode = d.city_adcode`,
  ]);
  return {
    version,
    stations: stations.map((s) => ({
      lat: s.lat,
      lng: s.lng,
      cityAdcode: s.city_adcode,
      status: s.status.toLowerCase() as CoverageStation["status"],
      amenities: s.amenities.map((a) => ({ code: a.code, availability: a.availability.toLowerCase() as CoverageStation["amenities"][number]["availability"] })),
    })),
    districts: districts.map((d) => ({
      adcode: d.adcode,
      cityAdcode: d.city_adcode,
      name: d.name,
      kind: d.kind,
      cityName: d.city_name,
      residents: d.population_2020 * (d.urban_share_2020 ?? 0),
    })),
  };
}

async function currentInputs(): Promise<Inputs> {
  const version = await stationDataVersion();
  const cached = inputs ? await inputs.catch(() => null) : null;
  if (cached?.version === version) return cached;
  inputs = loadInputs(version);
  computed.clear();
  return inputs;
}

function compute(data: Inputs, query: CoverageQuery): Promise<Computed> {
  const key = `${query.amenity ?? ""}|${query.thresholdMeters}`;
  const hit = computed.get(key);
  if (hit) return hit;
  if (computed.size >= MAX_CACHED) computed.delete(computed.keys().next().value!);
  const started = performance.now();
  // Every district and station of the province: a resident near a city's edge may walk to the next city's station.
  const result = computeCoverage({
    grid: coverageGrid(),
    districts: data.districts,
    stations: data.stations,
    amenity: query.amenity ?? null,
    thresholdMeters: query.thresholdMeters,
  });
  const entry = Promise.resolve({ result, computedAt: new Date().toISOString(), computeMs: performance.now() - started });
  computed.set(key, entry);
  return entry;
}

const round = <T extends AreaCoverage>(area: T): Rounded<T> => ({
  ...area,
  residents: Math.round(area.residents),
  residentsOutside: Math.round(area.residentsOutside),
});

/**
 * Where residents live farther than the threshold on foot from the nearest open station (offering the
 * amenity, if one is given): docs/COVERAGE.md. Province admins see the province; city managers their
 * cities' districts, gap cells and stations. The computation runs once per station-data version,
 * amenity and threshold, and is shared by every caller.
 */
export async function getCoverage(actor: Actor, query: CoverageQuery): Promise<CoverageView> {
  const cities = viewableCities(actor);
  if (query.amenity !== undefined && (await findUnknownAmenityCodes(actor, [query.amenity])).length > 0) {
    throw new AppError("validation_failed", "请求参数无效", [{ path: "amenity", message: `没有这种设施：${query.amenity}` }]);
  }
  const data = await currentInputs();
  const { result, computedAt, computeMs } = await compute(data, query);

  const inScope = (cityAdcode: number) => cities === null || cities.includes(cityAdcode);
  const districtInfo = new Map(data.districts.map((d) => [d.adcode, d]));
  const districts = result.districts.filter((d) => inScope(d.cityAdcode));
  const shownDistricts = new Set(districts.map((d) => d.adcode));
  const total = { cells: 0, cellsOutside: 0, residents: 0, residentsOutside: 0, shareOutside: 0 };
  for (const d of districts) {
    total.cells += d.cells;
    total.cellsOutside += d.cellsOutside;
    total.residents += d.residents;
    total.residentsOutside += d.residentsOutside;
  }
  total.shareOutside = total.residents > 0 ? total.residentsOutside / total.residents : 0;
  const cityName = new Map(data.districts.map((d) => [d.cityAdcode, d.cityName]));
  const stationPoints = data.stations
    .filter((s) => inScope(s.cityAdcode) && qualifies(s, result.amenity))
    .map((s): [number, number] => [s.lat, s.lng]);

  return {
    amenity: result.amenity,
    thresholdMeters: result.thresholdMeters,
    detourFactor: result.detourFactor,
    cellMeters: coverageGrid().cellMeters,
    stations: stationPoints.length,
    total: round(total),
    cities: result.cities.filter((c) => inScope(c.adcode)).map((c) => round({ ...c, name: cityName.get(c.adcode) ?? String(c.adcode) })),
    districts: districts.map((d) => {
      const info = districtInfo.get(d.adcode)!;
      return round({ ...d, name: info.name, kind: info.kind, cityName: info.cityName });
    }),
    gapRuns: mergeGapRuns(coverageGrid(), result.gapCells.filter((c) => shownDistricts.has(c.districtAdcode))),
    stationPoints,
    computedAt,
    computeMs,
  };
}
