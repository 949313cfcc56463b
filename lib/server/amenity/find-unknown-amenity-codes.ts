import "server-only";
import { getReadDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";

/** The codes among `codes` that name no amenity type (amenity types are data, so this asks the database). */
export async function findUnknownAmenityCodes(actor: Actor, codes: string[]): Promise<string[]> {
  const known = await getReadDb(actor).amenityType.findMany({ where: { code: { in: codes } }, select: { code: true } });
  const knownCodes = new Set(known.map((k) => k.code));
  return codes.filter((code) => !knownCodes.has(code));
}
