import type { OpeningHours, StationStatus } from "@/lib/opening-hours";
import type { StationView } from "@/lib/validations/station";

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

/** The finder's shape of a station the API or the data layer answered, with its search keys. */
export function finderStationFromView(view: StationView, searchKeys: { pinyin: string; initials: string }): FinderStation {
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
    searchPinyin: searchKeys.pinyin,
    searchInitials: searchKeys.initials,
  };
}
