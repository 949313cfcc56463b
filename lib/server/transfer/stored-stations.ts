import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { minutesToClock } from "@/lib/opening-hours";
import type { StationRecord } from "@/lib/validations/station-import";

type AmenityDetail = { code: string; availability: "AVAILABLE" | "LIMITED" | "UNAVAILABLE"; note: string | null; checkedAt: string | null };

/** A station as the table sees it, with what the table does not carry (amenity notes) kept aside. */
export type StoredStation = { id: string; version: number; editable: boolean; record: StationRecord; amenityDetails: AmenityDetail[] };

type Row = {
  id: string;
  version: number;
  editable: boolean;
  code: string;
  name: string;
  name_en: string | null;
  address: string;
  city_adcode: number;
  district_adcode: number;
  lat: number;
  lng: number;
  phone: string | null;
  status: "OPEN" | "TEMPORARILY_CLOSED" | "CLOSED";
  notice: string | null;
  verified_at: Date | null;
  weekly: [number, number, number][];
  amenities: AmenityDetail[];
};

/**
 * Stations matching `where` (a condition on `s`) with their weekly hours and amenities, in one query.
 * `editable` is the actor's scope evaluated per row; `lock` takes row locks for an import's transaction.
 */
export async function queryStoredStations(db: Prisma.TransactionClient, where: Prisma.Sql, editable: Prisma.Sql, lock = false): Promise<StoredStation[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT s.id, s.version, ${editable} AS editable, s.code, s.name, s.name_en, s.address, s.city_adcode, s.district_adcode,
      s.lat, s.lng, s.phone, s.status::text AS status, s.notice, s.verified_at,
      COALESCE((SELECT json_agg(json_build_array(p.weekday, p.opens_at, p.closes_at) ORDER BY p.weekday, p.opens_at)
                FROM opening_periods p WHERE p.station_id = s.id), '[]') AS weekly,
      COALESCE((SELECT json_agg(json_build_object('code', a.amenity_code, 'availability', a.availability, 'note', a.note, 'checkedAt', a.checked_at) ORDER BY a.amenity_code)
                FROM station_amenities a WHERE a.station_id = s.id), '[]') AS amenities
    FROM stations s
    WHERE ${where}
    ORDER BY s.code
    ${lock ? Prisma.sql`FOR UPDATE OF s` : Prisma.empty}`;
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    editable: r.editable,
    amenityDetails: r.amenities,
    record: {
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      address: r.address,
      cityAdcode: r.city_adcode,
      districtAdcode: r.district_adcode,
      lat: r.lat,
      lng: r.lng,
      phone: r.phone,
      status: r.status.toLowerCase() as StationRecord["status"],
      notice: r.notice,
      verifiedAt: r.verified_at?.toISOString() ?? null,
      openingHours: { weekly: r.weekly.map(([day, opens, closes]) => ({ day, opens: minutesToClock(opens), closes: minutesToClock(closes) })), exceptions: [] },
      amenities: r.amenities.map((a) => ({ code: a.code, availability: a.availability.toLowerCase() as "available" })),
    },
  }));
}
