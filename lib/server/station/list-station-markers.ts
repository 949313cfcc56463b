import "server-only";
import { getDb } from "@/lib/db";
import { shanghaiLocalTime } from "@/lib/opening-hours";
import type { Actor } from "@/lib/server/actor";
import { stationColumns, stationJoins, stationViewFromRow, type StationRow } from "@/lib/server/station/station-row";
import type { StationView } from "@/lib/validations/station";

export type StationMarker = Pick<StationView, "id" | "name" | "address" | "status" | "openNow"> & {
  lat: number;
  lng: number;
  cityAdcode: number;
  districtName: string;
};

/** Every station in the small shape the map and list need; the hours are used for `openNow` and dropped. */
export async function listStationMarkers(_actor: Actor, now = new Date()): Promise<StationMarker[]> {
  const at = shanghaiLocalTime(now);
  const rows = await getDb().$queryRaw<StationRow[]>`
    SELECT ${stationColumns(at.date)}, NULL::float8 AS distance_m
    ${stationJoins}
    ORDER BY s.city_adcode, s.district_adcode, s.code`;
  return rows.map((row) => {
    const view = stationViewFromRow(row, at);
    return {
      id: view.id,
      name: view.name,
      address: view.address,
      status: view.status,
      openNow: view.openNow,
      lat: view.location.lat,
      lng: view.location.lng,
      cityAdcode: view.city.adcode,
      districtName: view.district.name,
    };
  });
}
