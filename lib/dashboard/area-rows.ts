import type { AreaMeasure, AreaSort } from "@/lib/validations/dashboard";

/** One row of the dashboard's table and one shape on its map: a city, or a district of the chosen city. */
export type AreaRow = {
  adcode: number;
  name: string;
  /** The city the row drills down into (its own adcode for a city row). */
  cityAdcode: number;
  population: number;
  stations: number;
  residentsPerStation: number | null;
  /** Null without a station: a share of nothing is not 0 %. */
  verifiedShare: number | null;
  /** Share of modelled urban residents beyond 1 km on foot of an open station; null where not modelled (counties). */
  outsideShare: number | null;
  amenityShares: Record<string, number> | null;
};

/** The value a measure (or sort column) reads from a row; null when the row has none. */
export function measureValue(row: AreaRow, key: AreaMeasure | "stations"): number | null {
  if (key === "stations") return row.stations;
  if (key === "residentsPerStation" || key === "verifiedShare" || key === "outsideShare") return row[key];
  return row.amenityShares === null ? null : (row.amenityShares[key.slice("amenity.".length)] ?? 0);
}

const collator = new Intl.Collator("zh-CN-u-co-pinyin");

/**
 * Sorted copy of the rows. Rows without a value go last whichever the direction, since "no station"
 * is neither best nor worst; ties keep adcode order, so a sorted table never shuffles between loads.
 */
export function sortAreaRows(rows: AreaRow[], sort: AreaSort, dir: "asc" | "desc"): AreaRow[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (sort === "name") return sign * collator.compare(a.name, b.name) || a.adcode - b.adcode;
    const x = measureValue(a, sort);
    const y = measureValue(b, sort);
    if (x === null || y === null) return x === y ? a.adcode - b.adcode : x === null ? 1 : -1;
    return sign * (x - y) || a.adcode - b.adcode;
  });
}

/** Rows whose name contains the text (ignoring surrounding spaces); all rows for an empty text. */
export function filterAreaRows(rows: AreaRow[], text: string): AreaRow[] {
  const needle = text.trim();
  return needle === "" ? rows : rows.filter((r) => r.name.includes(needle));
}
