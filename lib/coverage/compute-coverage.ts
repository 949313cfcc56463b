import { around } from "geokdbush";
import KDBush from "kdbush";
import { runBounds, type CoverageGrid, type GridCell, type GridFrame } from "@/lib/coverage/grid";
import { haversineMeters, WALKING_DETOUR_FACTOR, type LatLng } from "@/lib/geo";

export type CoverageStation = LatLng & {
  status: "open" | "temporarily_closed" | "closed";
  amenities: readonly { code: string; availability: "available" | "limited" | "unavailable" }[];
};

/**
 * A station counts when it is open and, if an amenity is asked for, offers it (`limited` counts: a
 * restricted service is still one a worker can walk to; `unavailable` does not).
 */
export function qualifies(station: CoverageStation, amenity: string | null): boolean {
  if (station.status !== "open") return false;
  return amenity === null || station.amenities.some((a) => a.code === amenity && a.availability !== "unavailable");
}

/** Residents counted by the analysis: the census population times the urban share (2020). */
export type CoverageDistrict = { adcode: number; cityAdcode: number; residents: number };

export type AreaCoverage = {
  cells: number;
  cellsOutside: number;
  residents: number;
  residentsOutside: number;
  /** residentsOutside / residents; 0 for an area without residents. */
  shareOutside: number;
};

export type CoverageResult = {
  thresholdMeters: number;
  detourFactor: number;
  amenity: string | null;
  /** Stations that qualified and were searched. */
  stations: number;
  province: AreaCoverage;
  cities: (AreaCoverage & { adcode: number })[];
  /** Most residents outside reach first. */
  districts: (AreaCoverage & { adcode: number; cityAdcode: number })[];
  gapCells: GridCell[];
};

/**
 * Walking distance from each cell's centre to its nearest station: the great-circle distance (on the mean
 * Earth radius, like the rest of the project) times the detour factor. Infinity when there is no station.
 */
export function nearestWalkingMeters(cells: readonly LatLng[], stations: readonly LatLng[], detourFactor = WALKING_DETOUR_FACTOR): Float64Array {
  const result = new Float64Array(cells.length).fill(Infinity);
  if (stations.length === 0) return result;
  const index = new KDBush(stations.length);
  for (const s of stations) index.add(s.lng, s.lat);
  index.finish();
  cells.forEach((cell, i) => {
    // geokdbush ranks by great-circle distance on a 6371 km sphere: the same order as any radius, so
    // its nearest is ours; the distance itself is recomputed with the project's formula.
    const [nearest] = around(index, cell.lng, cell.lat, 1);
    result[i] = haversineMeters(cell, stations[nearest]) * detourFactor;
  });
  return result;
}

function emptyArea(): AreaCoverage {
  return { cells: 0, cellsOutside: 0, residents: 0, residentsOutside: 0, shareOutside: 0 };
}

function withShare<T extends AreaCoverage>(area: T): T {
  return { ...area, shareOutside: area.residents > 0 ? area.residentsOutside / area.residents : 0 };
}

/**
 * Who lives farther than `thresholdMeters` on foot from the nearest qualifying station. A district's residents are
 * spread over its cells in proportion to the cells' weights; a cell is outside reach when its walking
 * distance is strictly greater than the threshold (exactly the threshold is within reach). Cells of
 * districts not listed are ignored, so a caller can pass the districts it wants counted.
 */
export function computeCoverage(input: {
  grid: Pick<CoverageGrid, "cells">;
  districts: readonly CoverageDistrict[];
  stations: readonly CoverageStation[];
  amenity: string | null;
  thresholdMeters: number;
  detourFactor?: number;
}): CoverageResult {
  const detourFactor = input.detourFactor ?? WALKING_DETOUR_FACTOR;
  const districtByAdcode = new Map(input.districts.map((d) => [d.adcode, d]));
  const cells = input.grid.cells.filter((c) => districtByAdcode.has(c.districtAdcode));
  const weightSum = new Map<number, number>();
  for (const c of cells) weightSum.set(c.districtAdcode, (weightSum.get(c.districtAdcode) ?? 0) + c.weight);

  const stations = input.stations.filter((s) => qualifies(s, input.amenity));
  const walking = nearestWalkingMeters(cells, stations, detourFactor);
  const perDistrict = new Map(input.districts.map((d) => [d.adcode, { ...emptyArea(), adcode: d.adcode, cityAdcode: d.cityAdcode }]));
  const gapCells: GridCell[] = [];
  cells.forEach((cell, i) => {
    const district = districtByAdcode.get(cell.districtAdcode)!;
    const area = perDistrict.get(cell.districtAdcode)!;
    const residents = (district.residents * cell.weight) / weightSum.get(cell.districtAdcode)!;
    area.cells += 1;
    area.residents += residents;
    if (walking[i] > input.thresholdMeters) {
      area.cellsOutside += 1;
      area.residentsOutside += residents;
      gapCells.push(cell);
    }
  });

  const districts = [...perDistrict.values()].filter((d) => d.cells > 0).map(withShare);
  const perCity = new Map<number, AreaCoverage & { adcode: number }>();
  const province = emptyArea();
  for (const d of districts) {
    const city = perCity.get(d.cityAdcode) ?? { ...emptyArea(), adcode: d.cityAdcode };
    for (const target of [city, province]) {
      target.cells += d.cells;
      target.cellsOutside += d.cellsOutside;
      target.residents += d.residents;
      target.residentsOutside += d.residentsOutside;
    }
    perCity.set(d.cityAdcode, city);
  }

  return {
    amenity: input.amenity,
    thresholdMeters: input.thresholdMeters,
    detourFactor,
    stations: stations.length,
    province: withShare(province),
    cities: [...perCity.values()].map(withShare).sort((a, b) => a.adcode - b.adcode),
    districts: districts.sort((a, b) => b.residentsOutside - a.residentsOutside || a.adcode - b.adcode),
    gapCells,
  };
}

/**
 * Gap cells for the map: consecutive cells of a row merged into one rectangle [south, west, north, east],
 * rounded to 5 decimals (about 1 m), which keeps the whole province's layer to some tens of kilobytes.
 */
export function mergeGapRuns(frame: GridFrame, cells: readonly Pick<GridCell, "row" | "col">[]): [number, number, number, number][] {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
  const runs: [number, number, number, number][] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    const previous = sorted[i - 1];
    const current = sorted[i];
    if (current && current.row === previous.row && current.col === previous.col + 1) continue;
    const first = sorted[start];
    const bounds = runBounds(frame, first.row, first.col, previous.col - first.col + 1);
    runs.push(bounds.map((v) => Math.round(v * 1e5) / 1e5) as [number, number, number, number]);
    start = i;
  }
  return runs;
}
