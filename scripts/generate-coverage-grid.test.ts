import { readFileSync } from "node:fs";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { decodeGrid, type GridFile } from "@/lib/coverage/grid";
import { haversineMeters } from "@/lib/geo";
import { formatGrid, generateCoverageGrid } from "./generate-coverage-grid";

const root = new URL("../", import.meta.url);
const readText = (path: string) => readFileSync(new URL(path, root), "utf8");
const committed = readText("data/coverage-grid.json");
const file: GridFile = JSON.parse(committed);
const grid = decodeGrid(file);

describe("data/coverage-grid.json", () => {
  it("is exactly what the script generates (deterministic, and not edited by hand)", () => {
    expect(formatGrid(generateCoverageGrid())).toBe(committed);
  });

  it("stays small: under 150 KB", () => {
    expect(Buffer.byteLength(committed)).toBeLessThan(150 * 1024);
  });

  it("covers every 区 and 县级市 and nothing else", () => {
    const [header, ...lines] = readText("data/geo/liaoning_admin_points.csv").trim().split(/\r?\n/);
    const col = header.split(",");
    const rows = lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [col[i], v])));
    const expected = rows.filter((r) => r.level === "county" && ["区", "县级市"].includes(r.county_type)).map((r) => Number(r.adcode));
    expect(file.districts.map((d) => d.adcode)).toEqual(expected.sort((a, b) => a - b));
    expect(expected).toHaveLength(75);
  });

  it("places every cell centre inside its own district, within 3σ of the seat, once", () => {
    const counties: FeatureCollection<Polygon | MultiPolygon, { adcode: number }> = JSON.parse(readText("data/geo/liaoning_counties.wgs84.geojson"));
    const polygon = new Map(counties.features.map((f) => [f.properties.adcode, f]));
    const district = new Map(file.districts.map((d) => [d.adcode, d]));
    const keys = new Set<string>();
    for (const cell of grid.cells) {
      const d = district.get(cell.districtAdcode)!;
      expect(booleanPointInPolygon([cell.lng, cell.lat], polygon.get(cell.districtAdcode)!)).toBe(true);
      expect(haversineMeters({ lat: d.seat[0], lng: d.seat[1] }, cell)).toBeLessThanOrEqual(3 * d.sigmaMeters);
      keys.add(`${cell.row}:${cell.col}`);
    }
    expect(keys.size).toBe(grid.cells.length);
  });

  it("has cells 500 m apart along a row and between rows", () => {
    const [first, second] = grid.cells;
    expect(second.row).toBe(first.row);
    expect(haversineMeters(first, second)).toBeCloseTo(500, 0);
    const below = decodeGrid({ ...file, districts: [{ ...file.districts[0], runs: [[first.row + 1, first.col, 1]] }] }).cells[0];
    expect(haversineMeters(first, { lat: below.lat, lng: first.lng })).toBeCloseTo(500, 6);
  });
});
