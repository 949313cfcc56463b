import "server-only";
import { getReadDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";

/** How many stations the directory holds, all public: decides whether the finder page can carry them all. */
export async function countStations(actor: Actor): Promise<number> {
  return getReadDb(actor).station.count();
}
