import gcoord from "gcoord";
import type { LatLng } from "@/lib/geo";

/**
 * Stations are stored in WGS-84 (GPS, OpenStreetMap). Chinese tile services (Amap, Tencent) draw in
 * GCJ-02, about 500 m off in Liaoning, so on their tiles every point is converted for display and
 * every tap converted back.
 */
export type MapDatum = "wgs84" | "gcj02";

export function toDisplay(point: LatLng, datum: MapDatum): LatLng {
  if (datum === "wgs84") return point;
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.WGS84, gcoord.GCJ02);
  return { lat, lng };
}

export function fromDisplay(point: LatLng, datum: MapDatum): LatLng {
  if (datum === "wgs84") return point;
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.GCJ02, gcoord.WGS84);
  return { lat, lng };
}
