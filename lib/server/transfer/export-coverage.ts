import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { Actor } from "@/lib/server/actor";
import { getAreaStatistics } from "@/lib/server/coverage/get-area-statistics";
import { getCoverage } from "@/lib/server/coverage/get-coverage";
import { loadTransferContext } from "@/lib/server/transfer/load-transfer-context";
import { writeCsv, writeXlsx, type Cell } from "@/lib/transfer/write-table";
import type { AreaFigures } from "@/lib/validations/admin-responses";
import { COVERAGE_THRESHOLD_DEFAULT_M } from "@/lib/validations/coverage";

export type CoverageExportFormat = "csv" | "xlsx" | "geojson";

/** Shares as percentages with one decimal, the way a report reads them; empty where there is no station. */
const percent = (part: number, whole: number): Cell => (whole ? Math.round((part / whole) * 1000) / 10 : null);

type Reach = { residents: number; residentsOutside: number };

/**
 * Coverage per city and district for province admins and city managers: the dashboard's figures
 * (getAreaStatistics and getCoverage check who may see which city), with the modelled urban residents
 * beyond 1 km on foot of an open station (docs/COVERAGE.md; counties are not modelled, so empty there).
 * CSV (with a BOM) and XLSX: one row per city, then its districts. GeoJSON: one feature per city and per
 * district, the bundled WGS-84 boundaries the dashboard's map draws, with the same figures as properties.
 */
export async function exportCoverage(actor: Actor, format: CoverageExportFormat, cityAdcode?: number): Promise<Uint8Array> {
  const [statistics, coverage, context] = await Promise.all([
    getAreaStatistics(actor),
    getCoverage(actor, { thresholdMeters: COVERAGE_THRESHOLD_DEFAULT_M }),
    loadTransferContext(),
  ]);
  const reach = new Map<number, Reach>([...coverage.cities, ...coverage.districts].map((a) => [a.adcode, a]));
  const cities = statistics.cities.filter((c) => cityAdcode === undefined || c.adcode === cityAdcode);
  const figures = cities.flatMap((c) => [c, ...c.districts].map((area): { city: AreaFigures; district: AreaFigures | null } => ({ city: c, district: area === c ? null : area })));
  const modelled = (area: AreaFigures): Reach | null => {
    const found = reach.get(area.adcode);
    return found && found.residents > 0 ? found : null;
  };

  if (format === "geojson") return coverageGeoJson(figures.map(({ city, district }) => ({ city, area: district ?? city, reach: modelled(district ?? city) })), context.amenityTypes);

  const header = [
    "城市",
    "城市代码",
    "区县（空为全市合计）",
    "区县代码",
    "常住人口（2020年普查）",
    "驿站数（不含已关闭）",
    "每个驿站对应人口",
    "90天内核实的驿站占比（%）",
    "城区常住人口（覆盖模型）",
    "步行1公里内无驿站的城区常住人口（覆盖模型）",
    "步行1公里内无驿站的人口占比（%）",
    ...context.amenityTypes.map((t) => `有${t.nameZh}的驿站占比（%）`),
  ];
  const rows = figures.map(({ city, district }): Cell[] => {
    const area = district ?? city;
    const areaReach = modelled(area);
    return [
      city.name,
      city.adcode,
      district?.name ?? "",
      district?.adcode ?? null,
      area.population,
      area.stations,
      area.residentsPerStation,
      percent(area.verifiedRecently, area.stations),
      areaReach?.residents ?? null,
      areaReach?.residentsOutside ?? null,
      areaReach ? percent(areaReach.residentsOutside, areaReach.residents) : null,
      ...context.amenityTypes.map((t) => percent(area.amenityStations[t.code] ?? 0, area.stations)),
    ];
  });
  if (format === "csv") return writeCsv(header, rows);
  return writeXlsx([{ name: "覆盖情况", header, rows, widths: header.map((h, i) => (i < 4 ? 12 : Math.min(24, h.length + 4))) }]);
}

type Boundary = Feature<Geometry, { adcode: number }>;

/** The bundled boundaries (public/geo, WGS-84: GeoJSON's datum), read once. */
let boundaries: Promise<Map<number, Geometry>> | undefined;
function loadBoundaries(): Promise<Map<number, Geometry>> {
  boundaries ??= Promise.all(
    ["liaoning-cities.wgs84.json", "liaoning-districts.wgs84.json"].map(async (file) => {
      const collection = JSON.parse(await readFile(path.join(process.cwd(), "public", "geo", file), "utf8")) as FeatureCollection<Geometry, { adcode: number }>;
      return collection.features.map((f: Boundary): [number, Geometry] => [f.properties.adcode, f.geometry]);
    }),
  ).then((lists) => new Map(lists.flat()));
  return boundaries;
}

async function coverageGeoJson(
  areas: { city: AreaFigures; area: AreaFigures; reach: Reach | null }[],
  amenityTypes: { code: string }[],
): Promise<Uint8Array> {
  const shapes = await loadBoundaries();
  const share = (part: number, whole: number) => (whole ? part / whole : null);
  // An area without a bundled boundary (none today) keeps its figures with a null geometry, as RFC 7946 allows.
  const collection: FeatureCollection<Geometry | null> = {
    type: "FeatureCollection",
    features: areas.map(({ city, area, reach }): Feature<Geometry | null> => ({
      type: "Feature",
      id: area.adcode,
      geometry: shapes.get(area.adcode) ?? null,
      properties: {
        adcode: area.adcode,
        name: area.name,
        level: area === city ? "city" : "district",
        cityAdcode: city.adcode,
        population2020: area.population,
        stations: area.stations,
        openStations: area.openStations,
        residentsPerStation: area.residentsPerStation,
        verifiedRecentlyShare: share(area.verifiedRecently, area.stations),
        modelledResidents: reach?.residents ?? null,
        residentsBeyond1km: reach?.residentsOutside ?? null,
        shareBeyond1km: reach ? share(reach.residentsOutside, reach.residents) : null,
        amenityShares: Object.fromEntries(amenityTypes.map((t) => [t.code, share(area.amenityStations[t.code] ?? 0, area.stations)])),
        openFeedback: area.openFeedback,
      },
    })),
  };
  return new TextEncoder().encode(JSON.stringify(collection));
}
