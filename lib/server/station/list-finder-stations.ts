import "server-only";
import { getReadDb } from "@/lib/db";
import type { OpeningHours, StationStatus } from "@/lib/opening-hours";
import { shanghaiLocalTime } from "@/lib/opening-hours";
import type { Actor } from "@/lib/server/actor";
import { stationColumns, stationJoins, stationViewFromRow, type StationRow } from "@/lib/server/station/station-row";

/**
 * Every station with what the finder needs to search, filter and rank on the phone itself: hours (open
 * now is computed on the device, at the device's moment), amenity codes and pinyin keys. The page
 * embeds it, so a cached copy of the page keeps the finder working offline.
 */
export type FinderStation = {
  id: string;
  name: string;
  address: string;
  lat: number;
  lng: number;
  status: StationStatus;
  amenities: string[];
  openingHours: OpeningHours;
  notice: string | null;
  searchPinyin: string;
  searchInitials: string;
};

export async function listFinderStations(actor: Actor, now = new Date()): Promise<FinderStation[]> {
  const at = shanghaiLocalTime(now);
  const rows = await getReadDb(actor).$queryRaw<(StationRow & { search_pinyin: string; search_initials: string })[]>`
    SELECT ${stationColumns(at.date)}, NULL::float8 AS distance_m, s.search_pinyin, s.search_initials
    ${stationJoins}
    ORDER BY s.city_adcode, s.district_adcode, s.code`;
  return rows.map((row) => {
    const view = stationViewFromRow(row, at);
    return {
      id: view.id,
      name: view.name,
      address: view.address,
      lat: view.location.lat,
      lng: view.location.lng,
      status: view.status,
      amenities: view.amenities,
      openingHours: view.openingHours,
      notice: view.notice,
      searchPinyin: row.search_pinyin,
      searchInitials: row.search_initials,
    };
  });
}
