import "server-only";
import { escapeLike } from "@/lib/server/escape-like";
import { Prisma } from "@/lib/generated/prisma/client";
import type { UserActor } from "@/lib/server/actor";
import { auditScopeCondition } from "@/lib/server/audit/audit-scope";
import type { AuditQuery } from "@/lib/validations/station-edit";

/**
 * The audit log query, scoped and filtered, newest first, continuing after a keyset cursor. Its own
 * function so tests/audit/audit-index.test.ts can EXPLAIN the very SQL listAuditEvents runs.
 */
export function buildAuditEventsQuery(user: UserActor, query: AuditQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [auditScopeCondition(user)];
  if (query.stationId) conditions.push(Prisma.sql`a.station_id = ${query.stationId}::uuid`);
  if (query.station) {
    const pattern = `%${escapeLike(query.station.trim())}%`;
    conditions.push(Prisma.sql`a.station_id IN (SELECT st.id FROM stations st WHERE st.name ILIKE ${pattern} OR st.code ILIKE ${pattern})`);
  }
  if (query.cityAdcode !== undefined) conditions.push(Prisma.sql`a.city_adcode = ${query.cityAdcode}`);
  if (query.actorUserId) conditions.push(Prisma.sql`a.actor_user_id = ${query.actorUserId}`);
  if (query.entity) conditions.push(Prisma.sql`a.entity = ${query.entity}`);
  if (query.action) conditions.push(Prisma.sql`a.action = ${query.action.toUpperCase()}::audit_action`);
  if (query.from) conditions.push(Prisma.sql`a.occurred_at >= ${query.from}::timestamptz`);
  if (query.to) conditions.push(Prisma.sql`a.occurred_at < ${query.to}::timestamptz`);
  if (query.cursor) {
    conditions.push(Prisma.sql`(a.occurred_at, a.id) < (${query.cursor.occurredAt}::timestamptz, ${query.cursor.id}::bigint)`);
  }
  // Limit first, then join: the station and city names are looked up for one page, not the whole log.
  return Prisma.sql`
    SELECT a.id, a.occurred_at, a.actor_user_id, a.actor_label, a.entity, a.entity_id, a.action::text AS action,
           a.station_id, s.name AS station_name, a.city_adcode, c.name AS city_name, a.before, a.after
    FROM (
      SELECT * FROM audit_events a
      WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY a.occurred_at DESC, a.id DESC
      LIMIT ${query.limit}
    ) a
    LEFT JOIN stations s ON s.id = a.station_id
    LEFT JOIN cities c ON c.adcode = a.city_adcode
    ORDER BY a.occurred_at DESC, a.id DESC`;
}
