import { describe, expect, it } from "vitest";
import { computeCoverage, mergeGapRuns, nearestWalkingMeters, type CoverageStation } from "@/lib/coverage/compute-coverage";
import type { GridCell } from "@/lib/coverage/grid";

/*
 * A hand-checked fixture. Every station and cell lies on the meridian 123°E, so each distance is an arc
 * of latitude: metres = Δlat° × 6 371 008.8 m × π / 180 = Δlat° × 111 195.0802 m, walking = × 1.3.
 *
 *   Δlat 0.0025° →   277.9877 m straight →   361.3840 m walking
 *   Δlat 0.005°  →   555.9754 m           →   722.7680 m
 *   Δlat 0.01°   → 1 111.9508 m           → 1 445.5360 m
 *   Δlat 0.0175° → 1 945.9139 m           → 2 529.6881 m
 *   Δlat 0.045°  → 5 003.7786 m           → 6 504.9122 m
 *
 * Stations: S1 41.000 open, toilet limited; S2 41.020 open, no toilet; S3 41.030 temporarily closed, toilet;
 *           S4 41.040 open, toilet unavailable.
 * Districts: 1 (city 10, 4 000 residents): A 41.005 w1, B 41.010 w1, C 41.030 w2 → 1 000, 1 000, 2 000 residents
 *            2 (city 10,   900 residents): D 41.045 w2, E 41.0175 w1       →   600,   300
 *            3 (city 20,   500 residents): F 40.990 w5                     →   500
 */
const standard = [{ code: "rest", availability: "available" as const }];
const station = (lat: number, status: CoverageStation["status"], toilet?: "available" | "limited" | "unavailable"): CoverageStation => ({
  lat,
  lng: 123,
  status,
  amenities: toilet ? [...standard, { code: "toilet", availability: toilet }] : standard,
});
const stations = [station(41.0, "open", "limited"), station(41.02, "open"), station(41.03, "temporarily_closed", "available"), station(41.04, "open", "unavailable")];

const cell = (name: string, lat: number, districtAdcode: number, weight: number): GridCell & { name: string } => ({
  name,
  row: 0,
  col: name.charCodeAt(0),
  lat,
  lng: 123,
  districtAdcode,
  weight,
});
const cells = [cell("A", 41.005, 1, 1), cell("B", 41.01, 1, 1), cell("C", 41.03, 1, 2), cell("D", 41.045, 2, 2), cell("E", 41.0175, 2, 1), cell("F", 40.99, 3, 5)];
const districts = [
  { adcode: 1, cityAdcode: 10, residents: 4000 },
  { adcode: 2, cityAdcode: 10, residents: 900 },
  { adcode: 3, cityAdcode: 20, residents: 500 },
];
const grid = { cells };
const names = (gaps: GridCell[]) => gaps.map((g) => (g as (typeof cells)[number]).name).sort();

describe("nearestWalkingMeters", () => {
  it("is the straight distance to the nearest station times 1.3", () => {
    const open = [41.0, 41.02, 41.04].map((lat) => ({ lat, lng: 123 }));
    const walking = nearestWalkingMeters(cells, open);
    // A→S1 0.005°, B→S1 (or S2) 0.01°, C→S2 (or S4) 0.01°, D→S4 0.005°, E→S2 0.0025°, F→S1 0.01°
    expect([...walking].map((m) => Number(m.toFixed(4)))).toEqual([722.768, 1445.536, 1445.536, 722.768, 361.384, 1445.536]);
  });

  it("is infinite everywhere without a station", () => {
    expect([...nearestWalkingMeters(cells, [])]).toEqual(cells.map(() => Infinity));
  });
});

describe("computeCoverage on the hand-checked fixture", () => {
  it("counts residents outside 1 km of any open station", () => {
    // S3 is temporarily closed, so C (0.01° from S2 and S4) is outside although S3 stands on it.
    // Outside: B (1 000), C (2 000) in district 1; F (500) in district 3. D and E are within reach.
    const result = computeCoverage({ grid, districts, stations, amenity: null, thresholdMeters: 1000 });
    expect(result.stations).toBe(3);
    expect(names(result.gapCells)).toEqual(["B", "C", "F"]);
    expect(result.districts).toEqual([
      { adcode: 1, cityAdcode: 10, cells: 3, cellsOutside: 2, residents: 4000, residentsOutside: 3000, shareOutside: 0.75 },
      { adcode: 3, cityAdcode: 20, cells: 1, cellsOutside: 1, residents: 500, residentsOutside: 500, shareOutside: 1 },
      { adcode: 2, cityAdcode: 10, cells: 2, cellsOutside: 0, residents: 900, residentsOutside: 0, shareOutside: 0 },
    ]);
    expect(result.cities).toEqual([
      { adcode: 10, cells: 5, cellsOutside: 2, residents: 4900, residentsOutside: 3000, shareOutside: 3000 / 4900 },
      { adcode: 20, cells: 1, cellsOutside: 1, residents: 500, residentsOutside: 500, shareOutside: 1 },
    ]);
    expect(result.province).toEqual({ cells: 6, cellsOutside: 3, residents: 5400, residentsOutside: 3500, shareOutside: 3500 / 5400 });
  });

  it("with an amenity, counts only open stations offering it (limited counts, unavailable does not)", () => {
    // Only S1 (toilet limited) qualifies: S2 has none, S3 is closed, S4's is unavailable.
    // A stays within reach (722.768 m); D (0.045° → 6 504.9 m) and E (0.0175° → 2 529.7 m) fall outside.
    const result = computeCoverage({ grid, districts, stations, amenity: "toilet", thresholdMeters: 1000 });
    expect(result.stations).toBe(1);
    expect(names(result.gapCells)).toEqual(["B", "C", "D", "E", "F"]);
    expect(result.districts.map((d) => [d.adcode, d.residentsOutside])).toEqual([
      [1, 3000],
      [2, 900],
      [3, 500],
    ]);
    expect(result.province.residentsOutside).toBe(4400);
  });

  it("puts everything outside reach when no station qualifies", () => {
    const result = computeCoverage({ grid, districts, stations, amenity: "quiet_study", thresholdMeters: 5000 });
    expect(result.stations).toBe(0);
    expect(result.gapCells).toHaveLength(6);
    expect(result.province).toEqual({ cells: 6, cellsOutside: 6, residents: 5400, residentsOutside: 5400, shareOutside: 1 });
  });

  it("counts a cell exactly at the threshold as within reach, and one a millimetre beyond as outside", () => {
    const [exactlyA] = nearestWalkingMeters([cells[0]], [stations[0]]);
    expect(exactlyA).toBeCloseTo(722.768, 3);
    const at = computeCoverage({ grid, districts, stations, amenity: "toilet", thresholdMeters: exactlyA });
    expect(names(at.gapCells)).not.toContain("A");
    const below = computeCoverage({ grid, districts, stations, amenity: "toilet", thresholdMeters: exactlyA - 0.001 });
    expect(names(below.gapCells)).toContain("A");
  });

  it("a longer threshold brings cells back within reach", () => {
    // 1 445.536 m (B, C, F) ≤ 1 500 m: nothing is outside.
    const result = computeCoverage({ grid, districts, stations, amenity: null, thresholdMeters: 1500 });
    expect(result.province.residentsOutside).toBe(0);
    expect(result.province.shareOutside).toBe(0);
  });

  it("ignores cells of districts it was not given", () => {
    const result = computeCoverage({ grid, districts: [districts[2]], stations, amenity: null, thresholdMeters: 1000 });
    expect(result.districts.map((d) => d.adcode)).toEqual([3]);
    expect(result.province.residents).toBe(500);
  });
});

describe("mergeGapRuns", () => {
  it("merges consecutive cells of a row into one rectangle", () => {
    // Frame: 500 m cells from 40°N 120°E. dLat = 500 / 111 195.0802 = 0.0044966°; row 0's centre is at
    // 40.0022483°N, where dLng = 0.0044966 / cos(40.0022483°) = 0.0044966 / 0.7660192 = 0.0058701°.
    // Row 0 columns 0–2 → 120 … 120 + 3 × 0.0058701 = 120.01761; column 5 alone → 120.02935 … 120.03522.
    // Row 1 (centre 40.0067449°N) has dLng 0.0058705° → 120 … 120.00587.
    const frame = { cellMeters: 500, originLat: 40, originLng: 120 };
    const runs = mergeGapRuns(frame, [
      { row: 1, col: 0 },
      { row: 0, col: 2 },
      { row: 0, col: 0 },
      { row: 0, col: 1 },
      { row: 0, col: 5 },
    ]);
    expect(runs).toEqual([
      [40, 120, 40.0045, 120.01761],
      [40, 120.02935, 40.0045, 120.03522],
      [40.0045, 120, 40.00899, 120.00587],
    ]);
    expect(mergeGapRuns(frame, [])).toEqual([]);
  });
});
