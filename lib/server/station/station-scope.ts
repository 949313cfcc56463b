import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";

/**
 * The stations an actor may change, as a SQL condition on `s` (stations): everything for a province
 * admin, a city's stations for its manager, the assigned stations for branch staff, nothing otherwise.
 * Used inside the write queries themselves, so no caller can forget it.
 */
export function editableStationsCondition(actor: Actor): Prisma.Sql {
  if (actor.kind !== "user") return Prisma.sql`FALSE`;
  if (actor.roles.some((r) => r.role === "PROVINCE_ADMIN")) return Prisma.sql`TRUE`;
  const cities = actor.roles.flatMap((r) => (r.role === "CITY_MANAGER" && r.cityAdcode !== null ? [r.cityAdcode] : []));
  const stations = actor.roles.flatMap((r) => (r.role === "BRANCH_STAFF" && r.stationId !== null ? [r.stationId] : []));
  const parts: Prisma.Sql[] = [];
  if (cities.length) parts.push(Prisma.sql`s.city_adcode IN (${Prisma.join(cities)})`);
  if (stations.length) parts.push(Prisma.sql`s.id IN (${Prisma.join(stations.map((id) => Prisma.sql`${id}::uuid`))})`);
  return parts.length ? Prisma.sql`(${Prisma.join(parts, " OR ")})` : Prisma.sql`FALSE`;
}
