import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { UserActor } from "@/lib/server/actor";

/**
 * The audit rows an actor may read, as a SQL condition on `a` (audit_events): all of them for a province
 * admin, a city's for its manager, the assigned stations' for branch staff, none otherwise. Rows are
 * matched on their own denormalised station and city, so history outlives a deleted station.
 */
export function auditScopeCondition(user: UserActor): Prisma.Sql {
  if (user.roles.some((r) => r.role === "PROVINCE_ADMIN")) return Prisma.sql`TRUE`;
  const { cities, stations } = scopedPlaces(user);
  const scope: Prisma.Sql[] = [];
  if (cities.length) scope.push(Prisma.sql`a.city_adcode IN (${Prisma.join(cities)})`);
  if (stations.length) scope.push(Prisma.sql`a.station_id IN (${Prisma.join(stations.map((id) => Prisma.sql`${id}::uuid`))})`);
  return scope.length ? Prisma.sql`(${Prisma.join(scope, " OR ")})` : Prisma.sql`FALSE`;
}

/** The cities whose history an actor reads, as a SQL condition on `c` (cities): managed or holding an assigned station. */
export function auditCityScopeCondition(user: UserActor): Prisma.Sql {
  if (user.roles.some((r) => r.role === "PROVINCE_ADMIN")) return Prisma.sql`TRUE`;
  const { cities, stations } = scopedPlaces(user);
  const scope: Prisma.Sql[] = [];
  if (cities.length) scope.push(Prisma.sql`c.adcode IN (${Prisma.join(cities)})`);
  if (stations.length) {
    scope.push(Prisma.sql`c.adcode IN (SELECT st.city_adcode FROM stations st WHERE st.id IN (${Prisma.join(stations.map((id) => Prisma.sql`${id}::uuid`))}))`);
  }
  return scope.length ? Prisma.sql`(${Prisma.join(scope, " OR ")})` : Prisma.sql`FALSE`;
}

function scopedPlaces(user: UserActor) {
  return {
    cities: user.roles.flatMap((r) => (r.role === "CITY_MANAGER" && r.cityAdcode !== null ? [r.cityAdcode] : [])),
    stations: user.roles.flatMap((r) => (r.role === "BRANCH_STAFF" && r.stationId !== null ? [r.stationId] : [])),
  };
}
