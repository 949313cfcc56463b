import { getDb } from "@/lib/db";
import type { Actor, RoleGrant } from "@/lib/server/actor";

/** A signed-in actor with the given roles, as the data-access layer receives one, without an account. */
export function testUser(label: string, ...roles: RoleGrant[]): Actor {
  return { kind: "user", userId: `test-${label}`, label: `user:${label}`, roles };
}

/** The version a staff edit of the station must name now. */
export async function currentVersion(stationId: string): Promise<number> {
  return (await getDb().station.findUniqueOrThrow({ where: { id: stationId }, select: { version: true } })).version;
}
