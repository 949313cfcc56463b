import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import { requireUser } from "@/lib/server/station/lock-editable-station";
import type { AuditQuery } from "@/lib/validations/station-edit";

/**
 * The audit log as an actor may read it: all of it for a province admin, a city's for its manager, the
 * assigned stations' history for branch staff. Filters narrow it further; newest first.
 */
export async function listAuditEvents(actor: Actor, query: AuditQuery) {
  const user = requireUser(actor);
  const conditions: Prisma.Sql[] = [];
  if (!user.roles.some((r) => r.role === "PROVINCE_ADMIN")) {
    const cities = user.roles.flatMap((r) => (r.role === "CITY_MANAGER" && r.cityAdcode !== null ? [r.cityAdcode] : []));
    const stations = user.roles.flatMap((r) => (r.role === "BRANCH_STAFF" && r.stationId !== null ? [r.stationId] : []));
    const scope: Prisma.Sql[] = [];
    if (cities.length) scope.push(Prisma.sql`a.city_adcode IN (${Prisma.join(cities)})`);
    if (stations.length) scope.push(Prisma.sql`a.station_id IN (${Prisma.join(stations.map((id) => Prisma.sql`${id}::uuid`))})`);
    conditions.push(scope.length ? Prisma.sql`(${Prisma.join(scope, " OR ")})` : Prisma.sql`FALSE`);
  }
  if (query.stationId) conditions.push(Prisma.sql`a.station_id = ${query.stationId}::uuid`);
  if (query.cityAdcode !== undefined) conditions.push(Prisma.sql`a.city_adcode = ${query.cityAdcode}`);
  if (query.actorUserId) conditions.push(Prisma.sql`a.actor_user_id = ${query.actorUserId}`);
  if (query.entity) conditions.push(Prisma.sql`a.entity = ${query.entity}`);
  if (query.from) conditions.push(Prisma.sql`a.occurred_at >= ${query.from}::timestamptz`);
  if (query.to) conditions.push(Prisma.sql`a.occurred_at < ${query.to}::timestamptz`);
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const rows = await getDb().$queryRaw<
    {
      id: bigint;
      occurred_at: Date;
      actor_user_id: string | null;
      actor_label: string;
      entity: string;
      entity_id: string;
      action: string;
      station_id: string | null;
      city_adcode: number | null;
      before: unknown;
      after: unknown;
    }[]
  >`
    SELECT a.id, a.occurred_at, a.actor_user_id, a.actor_label, a.entity, a.entity_id, a.action::text AS action,
           a.station_id, a.city_adcode, a.before, a.after
    FROM audit_events a
    ${where}
    ORDER BY a.occurred_at DESC, a.id DESC
    LIMIT ${query.limit}`;
  return rows.map((r) => ({
    id: r.id.toString(),
    occurredAt: r.occurred_at.toISOString(),
    actorUserId: r.actor_user_id,
    actorLabel: r.actor_label,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action.toLowerCase(),
    stationId: r.station_id,
    cityAdcode: r.city_adcode,
    before: r.before,
    after: r.after,
  }));
}
