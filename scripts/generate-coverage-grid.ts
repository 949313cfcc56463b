/**
 * `npm run data:coverage-grid`: writes data/coverage-grid.json, the grid the coverage analysis counts
 * residents on (method: docs/COVERAGE.md; provenance: data/PROVENANCE.md section 7). A pure function of
 * the boundaries and census figures in data/geo, so two runs give byte-identical files.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import { parse } from "csv-parse/sync";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { cellCenter, rowLatStep, rowLngStep, type GridFile } from "@/lib/coverage/grid";
import { haversineMeters } from "@/lib/geo";
import { anchorInside } from "./generate-sample-stations";

const GEO_DIR = new URL("../data/geo/", import.meta.url);
const OUTPUT = new URL("../data/coverage-grid.json", import.meta.url);

export const CELL_METERS = 500;
/** South-west of Liaoning (38.72°N–43.49°N, 118.84°E–125.78°E), so every row and column index is positive. */
const ORIGIN = { originLat: 38.5, originLng: 118.5 };
/** 区 and 县级市: see docs/COVERAGE.md for why 县 and 自治县 are left out. */
export const COVERED_COUNTY_TYPES = ["区", "县级市"];
/**
 * Residents thin out from the seat as a Gaussian whose spread grows with the urban population:
 * σ = 3 km × √(urban population in millions), within 0.8–4 km. The same spread the sample generator
 * uses for its stations (scripts/generate-sample-stations.ts), so both model one built-up area.
 */
const SIGMA_KM_PER_SQRT_MILLION = 3;
const SIGMA_MIN_M = 800;
const SIGMA_MAX_M = 4000;
/** Beyond 3σ a cell would hold under 1.1 % of the seat's density: left out, the rest renormalised. */
const CUTOFF_SIGMAS = 3;
/** Weights are integers: the Gaussian × 1000, so the file stays small and exact to read back. */
const WEIGHT_SCALE = 1000;

type AreaFeature = Feature<Polygon | MultiPolygon, Record<string, unknown>>;

function readCsv(fileName: string): Record<string, string>[] {
  return parse(readFileSync(new URL(fileName, GEO_DIR), "utf8"), { columns: true, skip_empty_lines: true, bom: true });
}

function bbox(feature: AreaFeature): [number, number, number, number] {
  const rings = feature.geometry.type === "Polygon" ? feature.geometry.coordinates : feature.geometry.coordinates.flat();
  const points = rings.flat();
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
}

export function sigmaMeters(urbanPopulation: number): number {
  const sigma = SIGMA_KM_PER_SQRT_MILLION * 1000 * Math.sqrt(urbanPopulation / 1e6);
  return Math.round(Math.min(SIGMA_MAX_M, Math.max(SIGMA_MIN_M, sigma)));
}

export function generateCoverageGrid(): GridFile {
  const urbanShare = new Map(readCsv("liaoning_population_2020.csv").map((r) => [Number(r.adcode), Number(r.urban_share_2020)]));
  const polygons: FeatureCollection<Polygon | MultiPolygon, Record<string, unknown>> = JSON.parse(
    readFileSync(new URL("liaoning_counties.wgs84.geojson", GEO_DIR), "utf8"),
  );
  const byAdcode = new Map(polygons.features.map((f) => [Number(f.properties.adcode), f]));
  const counties = readCsv("liaoning_admin_points.csv")
    .filter((r) => r.level === "county" && COVERED_COUNTY_TYPES.includes(r.county_type))
    .map((r) => ({ adcode: Number(r.adcode), population: Number(r.pop_2020), seat: { lat: Number(r.center_lat_wgs84), lng: Number(r.center_lng_wgs84) } }))
    .sort((a, b) => a.adcode - b.adcode);

  const frame = { cellMeters: CELL_METERS, ...ORIGIN };
  const dLat = rowLatStep(frame);
  // A centre on a shared border could test inside both neighbours: the first (lower adcode) keeps it.
  const taken = new Set<string>();
  const districts = counties.map((county) => {
    const feature = byAdcode.get(county.adcode);
    const share = urbanShare.get(county.adcode);
    if (!feature || share === undefined || Number.isNaN(share)) throw new Error(`No polygon or urban share for ${county.adcode}`);
    const sigma = sigmaMeters(county.population * share);
    // 文圣区 and 太子河区 are governed from a neighbouring district: centre them on their nearest edge inside.
    const [seatLng, seatLat] = anchorInside([county.seat.lng, county.seat.lat], feature);
    const seat = { lat: seatLat, lng: seatLng };
    const reach = CUTOFF_SIGMAS * sigma;
    const [west, south, east, north] = bbox(feature);
    const runs: number[][] = [];
    for (let row = Math.floor((south - ORIGIN.originLat) / dLat); row <= Math.ceil((north - ORIGIN.originLat) / dLat); row++) {
      const dLng = rowLngStep(frame, row);
      let run: number[] | null = null;
      for (let col = Math.floor((west - ORIGIN.originLng) / dLng); col <= Math.ceil((east - ORIGIN.originLng) / dLng); col++) {
        const center = cellCenter(frame, row, col);
        const d = haversineMeters(seat, center);
        const key = `${row}:${col}`;
        const inside = d <= reach && !taken.has(key) && booleanPointInPolygon([center.lng, center.lat], feature);
        if (!inside) {
          run = null;
          continue;
        }
        taken.add(key);
        const weight = Math.max(1, Math.round(WEIGHT_SCALE * Math.exp(-(d * d) / (2 * sigma * sigma))));
        if (run) run.push(weight);
        else runs.push((run = [row, col, weight]));
      }
    }
    if (runs.length === 0) throw new Error(`District ${county.adcode} has no cell within ${reach} m of its seat`);
    return { adcode: county.adcode, seat: [Number(seat.lat.toFixed(6)), Number(seat.lng.toFixed(6))] as [number, number], sigmaMeters: sigma, runs };
  });

  return {
    description:
      "Coverage grid: 500 m cells over the 区 and 县级市 of Liaoning within 3σ of each seat, weighted by a Gaussian around the seat. " +
      "Cell (row, col) centre: lat = originLat + (row + 0.5)·dLat, lng = originLng + (col + 0.5)·dLng(row); see lib/coverage/grid.ts and docs/COVERAGE.md.",
    generatedBy: "scripts/generate-coverage-grid.ts (npm run data:coverage-grid)",
    ...frame,
    districts,
  };
}

/** One district per line: small, and a change shows up in a diff as the districts it touched. */
export function formatGrid(grid: GridFile): string {
  const { districts, ...header } = grid;
  const head = JSON.stringify(header, null, 2).slice(0, -2);
  return `${head},\n  "districts": [\n${districts.map((d) => `    ${JSON.stringify(d)}`).join(",\n")}\n  ]\n}\n`;
}

function main(): void {
  const grid = generateCoverageGrid();
  const text = formatGrid(grid);
  writeFileSync(OUTPUT, text);
  const cells = grid.districts.reduce((sum, d) => sum + d.runs.reduce((s, r) => s + r.length - 2, 0), 0);
  console.log(`wrote ${fileURLToPath(OUTPUT)}: ${grid.districts.length} districts, ${cells} cells (${Math.round(Buffer.byteLength(text) / 1024)} KB)`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
