import type { Prisma } from "@/lib/generated/prisma/client";
import { clockToMinutes } from "@/lib/opening-hours";
import { stationSearchKeys } from "@/lib/search-keys";
import type { StationRecord } from "@/lib/validations/station-import";

type Upper<T extends string> = Uppercase<T>;
const upper = <T extends string>(value: T) => value.toUpperCase() as Upper<T>;

/**
 * The rows a validated station record becomes. Kept apart from any one caller: the sample seed uses it
 * now and the import of the bank's real list will use it later.
 */
export function stationRecordToRows(record: StationRecord, id: string, source: "SAMPLE" | "IMPORT" | "STAFF") {
  const searchKeys = stationSearchKeys(record.name, record.address);
  const station: Prisma.StationCreateManyInput = {
    id,
    code: record.code,
    name: record.name,
    nameEn: record.nameEn ?? null,
    address: record.address,
    cityAdcode: record.cityAdcode,
    districtAdcode: record.districtAdcode,
    lat: record.lat,
    lng: record.lng,
    phone: record.phone ?? null,
    status: upper(record.status),
    notice: record.notice ?? null,
    story: record.story ?? null,
    searchPinyin: searchKeys.pinyin,
    searchInitials: searchKeys.initials,
    verifiedAt: record.verifiedAt ? new Date(record.verifiedAt) : null,
    source,
  };
  const { periods, exceptions } = openingHoursRows(record.openingHours, id);
  return { station, periods, exceptions, amenities: amenityRows(record.amenities, id) };
}

/** A station's amenities as rows, for a new station or a staff edit of an existing one. */
export function amenityRows(amenities: StationRecord["amenities"], stationId: string): Prisma.StationAmenityCreateManyInput[] {
  return amenities.map((a) => ({
    stationId,
    amenityCode: a.code,
    availability: upper(a.availability),
    note: a.note ?? null,
    checkedAt: a.checkedAt ? new Date(a.checkedAt) : null,
  }));
}

/** Weekly hours and dated exceptions as rows, for a new station or a staff edit of an existing one. */
export function openingHoursRows(hours: StationRecord["openingHours"], stationId: string) {
  const periods: Prisma.OpeningPeriodCreateManyInput[] = hours.weekly.map((p) => ({
    stationId,
    weekday: p.day,
    opensAt: clockToMinutes(p.opens),
    closesAt: clockToMinutes(p.closes),
  }));
  const exceptions: Prisma.OpeningExceptionCreateManyInput[] = hours.exceptions.map((e) => ({
    stationId,
    kind: upper(e.kind),
    startsOn: new Date(`${e.startsOn}T00:00:00Z`),
    endsOn: new Date(`${e.endsOn}T00:00:00Z`),
    closed: e.closed,
    opensAt: e.opens ? clockToMinutes(e.opens) : null,
    closesAt: e.closes ? clockToMinutes(e.closes) : null,
    note: e.note ?? null,
  }));
  return { periods, exceptions };
}
