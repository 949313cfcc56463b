import "server-only";
import { queryRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";

/**
 * Whether the directory holds more than `limit` stations (all public): decides whether the finder page
 * can carry them all. It reads at most limit + 1 index entries, so the finder's every visit costs the
 * same at 571 stations as at a million, where a full count(*) would read the whole table.
 */
export async function hasMoreStationsThan(actor: Actor, limit: number): Promise<boolean> {
  const [row] = await queryRows<{ more: boolean }>(
    actor,
    Prisma.sql`SELECT count(*) > ${limit} AS more FROM (SELECT 1 FROM stations LIMIT ${limit + 1}) AS first_stations`,
  );
  return row.more;
}
