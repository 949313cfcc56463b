import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import { applyStationChange, lockEditableStation, requireUser } from "@/lib/server/station/lock-editable-station";

/** "Everything is still correct": records that staff checked the station now (verifiedAt), audited. */
export async function verifyStation(actor: Actor, stationId: string, version: number) {
  const user = requireUser(actor);
  return getDb().$transaction(async (tx) => {
    const current = await lockEditableStation(tx, user, stationId, version);
    return applyStationChange(tx, user, current, [Prisma.sql`verified_at = now()`]);
  });
}
