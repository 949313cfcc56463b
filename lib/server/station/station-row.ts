import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { isOpenAt, minutesToClock, type LocalTime, type OpeningHours, type StationStatus } from "@/lib/opening-hours";
import type { StationView } from "@/lib/validations/station";

/** A station as the listing SQL returns it: one row with its hours and amenity codes aggregated as JSON. */
export type StationRow = {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  address: string;
  lat: number;
  lng: number;
  phone: string | null;
  status: "OPEN" | "TEMPORARILY_CLOSED" | "CLOSED";
  notice: string | null;
  updated_at: Date;
  verified_at: Date | null;
  city_adcode: number;
  city_name: string;
  district_adcode: number;
  district_name: string;
  weekly: [number, number, number][];
  exceptions: {
    kind: "HOLIDAY" | "TEMPORARY_CLOSURE" | "SPECIAL_HOURS";
    starts_on: string;
    ends_on: string;
    closed: boolean;
    opens_at: number | null;
    closes_at: number | null;
    note: string | null;
  }[];
  amenities: string[];
  distance_m: number | null;
};

/**
 * The select list shared by every station listing. The aggregates are correlated subqueries so that
 * PostgreSQL evaluates them only for the rows that survive ORDER BY … LIMIT. Exceptions that ended
 * before `today` are history, not hours, and are left out.
 */
export function stationColumns(today: string): Prisma.Sql {
  return Prisma.sql`
    s.id, s.code, s.name, s.name_en, s.address, s.lat, s.lng, s.phone, s.status::text AS status, s.notice,
    s.updated_at, s.verified_at,
    c.adcode AS city_adcode, c.name AS city_name, d.adcode AS district_adcode, d.name AS district_name,
    COALESCE((SELECT json_agg(json_build_array(p.weekday, p.opens_at, p.closes_at) ORDER BY p.weekday, p.opens_at)
              FROM opening_periods p WHERE p.station_id = s.id), '[]'::json) AS weekly,
    COALESCE((SELECT json_agg(json_build_object('kind', e.kind, 'starts_on', e.starts_on, 'ends_on', e.ends_on,
                'closed', e.closed, 'opens_at', e.opens_at, 'closes_at', e.closes_at, 'note', e.note) ORDER BY e.starts_on)
              FROM opening_exceptions e WHERE e.station_id = s.id AND e.ends_on >= ${today}::date), '[]'::json) AS exceptions,
    COALESCE((SELECT array_agg(sa.amenity_code ORDER BY t.sort_order)
              FROM station_amenities sa JOIN amenity_types t ON t.code = sa.amenity_code
              WHERE sa.station_id = s.id AND sa.availability <> 'UNAVAILABLE'), ARRAY[]::text[]) AS amenities`;
}

export const stationJoins = Prisma.sql`
  FROM stations s
  JOIN cities c ON c.adcode = s.city_adcode
  JOIN districts d ON d.adcode = s.district_adcode`;

export function openingHoursFromRow(row: Pick<StationRow, "weekly" | "exceptions">): OpeningHours {
  return {
    weekly: row.weekly.map(([day, opensAt, closesAt]) => ({ day, opens: minutesToClock(opensAt), closes: minutesToClock(closesAt) })),
    exceptions: row.exceptions.map((e) => ({
      kind: e.kind.toLowerCase() as OpeningHours["exceptions"][number]["kind"],
      startsOn: e.starts_on,
      endsOn: e.ends_on,
      closed: e.closed,
      opens: e.opens_at === null ? null : minutesToClock(e.opens_at),
      closes: e.closes_at === null ? null : minutesToClock(e.closes_at),
      note: e.note,
    })),
  };
}

export function stationViewFromRow(row: StationRow, at: LocalTime): StationView {
  const status = row.status.toLowerCase() as StationStatus;
  const openingHours = openingHoursFromRow(row);
  const view: StationView = {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    address: row.address,
    city: { adcode: row.city_adcode, name: row.city_name },
    district: { adcode: row.district_adcode, name: row.district_name },
    location: { lat: row.lat, lng: row.lng },
    amenities: row.amenities,
    openingHours,
    openNow: isOpenAt(status, openingHours, at),
    status,
    notice: row.notice,
    phone: row.phone,
    updatedAt: row.updated_at.toISOString(),
    verifiedAt: row.verified_at?.toISOString() ?? null,
  };
  if (row.distance_m !== null) view.distanceMeters = Math.round(row.distance_m * 10) / 10;
  return view;
}
