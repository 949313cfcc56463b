import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import { viewableCitiesWithin } from "@/lib/server/coverage/area-scope";

export type StaleStation = {
  id: string;
  code: string;
  name: string;
  districtName: string;
  status: "open" | "temporarily_closed";
  /** Null when nobody has ever verified it. */
  verifiedAt: string | null;
  /** The station's active branch staff: who to ask. */
  staff: { username: string | null; name: string }[];
};

export type StaleStations = {
  days: number;
  /** Verified before this instant (or never) counts as stale. */
  cutoff: string;
  total: number;
  cities: { adcode: number; name: string; stations: StaleStation[] }[];
};

/**
 * Stations in service not verified in the last `days` days (or never), per city, the longest unverified
 * first, with the branch staff to follow up with. Stations closed for good are left out: there is nothing
 * to check. Deactivated accounts are left out of the staff: they cannot act on it.
 */
export async function listStaleStations(actor: Actor, options: { days: number; city?: number; now?: Date }): Promise<StaleStations> {
  const cities = viewableCitiesWithin(actor, options.city);
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.days * 86_400_000);
  const scope = cities === null ? Prisma.sql`TRUE` : Prisma.sql`s.city_adcode IN (${Prisma.join(cities)})`;
  const rows = await getDb().$queryRaw<
    { id: string; code: string; name: string; status: string; verified_at: Date | null; city_adcode: number; city_name: string; district_name: string; staff: StaleStation["staff"] }[]
  >`
    SELECT s.id, s.code, s.name, s.status::text AS status, s.verified_at, s.city_adcode, c.name AS city_name, d.name AS district_name,
           coalesce((SELECT json_agg(json_build_object('username', u.username, 'name', u.name) ORDER BY u.name, u.username)
                     FROM role_assignments r JOIN users u ON u.id = r.user_id
                     WHERE r.station_id = s.id AND r.role = 'BRANCH_STAFF' AND u.deactivated_at IS NULL), '[]') AS staff
    FROM stations s
    JOIN cities c ON c.adcode = s.city_adcode
    JOIN districts d ON d.adcode = s.district_adcode
    WHERE ${scope} AND s.status <> 'CLOSED' AND (s.verified_at IS NULL OR s.verified_at < ${cutoff})
    ORDER BY s.city_adcode, s.verified_at ASC NULLS FIRST, s.code`;

  const result: StaleStations["cities"] = [];
  for (const r of rows) {
    if (result.at(-1)?.adcode !== r.city_adcode) result.push({ adcode: r.city_adcode, name: r.city_name, stations: [] });
    result.at(-1)!.stations.push({
      id: r.id,
      code: r.code,
      name: r.name,
      districtName: r.district_name,
      status: r.status.toLowerCase() as StaleStation["status"],
      verifiedAt: r.verified_at?.toISOString() ?? null,
      staff: r.staff,
    });
  }
  return { days: options.days, cutoff: cutoff.toISOString(), total: rows.length, cities: result };
}
