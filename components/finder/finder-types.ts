import type { LatLng } from "@/lib/geo";

/** Where distances are measured from, and how the reader chose it. */
export type Origin = LatLng & {
  source: "gps" | "district" | "map";
  /** What to call the place: a city or district name; empty for GPS and map points. */
  name: string;
  accuracy?: number;
};

export type MapBounds = { south: number; west: number; north: number; east: number };

export type AmenityOption = { code: string; name: string; icon: string };

export type PlaceOption = { adcode: number; name: string; center: LatLng; districts: { adcode: number; name: string; center: LatLng }[] };

/** Tile source; `datum` says which coordinates the tiles are drawn in (WGS-84 when absent). */
export type TileConfig = { url: string; attribution: string; datum?: "wgs84" | "gcj02" };

/** Ask the map to show these points (a new `seq` each time, so the same request can repeat). */
export type ViewRequest = { points: LatLng[]; seq: number };
