import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import { editableStationsCondition } from "@/lib/server/station/station-scope";
import { requireExportAccess } from "@/lib/server/transfer/transfer-access";

export type PosterStation = { id: string; name: string; address: string };

/** A city's stations the actor may edit, for door posters; stations closed for good get none. */
export async function listPosterStations(actor: Actor, cityAdcode: number): Promise<PosterStation[]> {
  const user = requireExportAccess(actor);
  return getDb().$queryRaw<PosterStation[]>(Prisma.sql`
    SELECT s.id, s.name, s.address FROM stations s
    WHERE s.city_adcode = ${cityAdcode} AND s.status <> 'CLOSED' AND ${editableStationsCondition(user)}
    ORDER BY s.district_adcode, s.code`);
}
