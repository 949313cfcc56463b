import { MEAN_EARTH_RADIUS_M } from "@/lib/geo";

/**
 * The coverage grid: square cells of `cellMeters` on the sphere of the mean Earth radius (the sphere
 * every distance in this project is measured on). Rows are `cellMeters` of latitude apart; within a row
 * the longitude step is widened by 1/cos(latitude of the row's centre), so every cell is the same size
 * wherever it lies in Liaoning, at the price of columns not lining up from one row to the next.
 * Pure: no file access, so the map on the client can draw cells from the same arithmetic.
 */
export type GridFrame = { cellMeters: number; originLat: number; originLng: number };

const METRES_PER_DEGREE = (MEAN_EARTH_RADIUS_M * Math.PI) / 180;

export function rowLatStep(frame: GridFrame): number {
  return frame.cellMeters / METRES_PER_DEGREE;
}

export function rowCenterLat(frame: GridFrame, row: number): number {
  return frame.originLat + (row + 0.5) * rowLatStep(frame);
}

export function rowLngStep(frame: GridFrame, row: number): number {
  return frame.cellMeters / (METRES_PER_DEGREE * Math.cos((rowCenterLat(frame, row) * Math.PI) / 180));
}

export function cellCenter(frame: GridFrame, row: number, col: number): { lat: number; lng: number } {
  return { lat: rowCenterLat(frame, row), lng: frame.originLng + (col + 0.5) * rowLngStep(frame, row) };
}

/** Bounds of `count` consecutive cells of one row starting at `col`: [south, west, north, east]. */
export function runBounds(frame: GridFrame, row: number, col: number, count = 1): [number, number, number, number] {
  const dLat = rowLatStep(frame);
  const dLng = rowLngStep(frame, row);
  const south = frame.originLat + row * dLat;
  const west = frame.originLng + col * dLng;
  return [south, west, south + dLat, west + count * dLng];
}

/**
 * The bundled file (data/coverage-grid.json): per district, runs of consecutive cells in one row, each
 * `[row, firstColumn, weight, weight, …]`. A weight is the relative share of the district's residents the
 * cell holds; only ratios within a district matter.
 */
export type GridFile = GridFrame & {
  description: string;
  generatedBy: string;
  districts: { adcode: number; seat: [number, number]; sigmaMeters: number; runs: number[][] }[];
};

export type GridCell = { row: number; col: number; lat: number; lng: number; districtAdcode: number; weight: number };

export type CoverageGrid = GridFrame & { cells: GridCell[] };

export function decodeGrid(file: GridFile): CoverageGrid {
  const cells: GridCell[] = [];
  for (const district of file.districts) {
    for (const [row, firstCol, ...weights] of district.runs) {
      weights.forEach((weight, k) => {
        const col = firstCol + k;
        cells.push({ row, col, ...cellCenter(file, row, col), districtAdcode: district.adcode, weight });
      });
    }
  }
  return { cellMeters: file.cellMeters, originLat: file.originLat, originLng: file.originLng, cells };
}
