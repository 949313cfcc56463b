import "server-only";
import { getDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { buildAuditEventsQuery } from "@/lib/server/audit/audit-events-query";
import { requireUser } from "@/lib/server/station/lock-editable-station";
import type { AuditQuery } from "@/lib/validations/station-edit";

type AuditRow = {
  id: bigint;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_label: string;
  entity: string;
  entity_id: string;
  action: string;
  station_id: string | null;
  station_name: string | null;
  city_adcode: number | null;
  city_name: string | null;
  before: unknown;
  after: unknown;
};

/**
 * The audit log as an actor may read it: all of it for a province admin, a city's for its manager, the
 * assigned stations' history for branch staff. Filters narrow it further; newest first, `query.cursor`
 * continuing after the previous page's last event.
 */
export async function listAuditEvents(actor: Actor, query: AuditQuery) {
  const user = requireUser(actor);
  const rows = await getDb().$queryRaw<AuditRow[]>(buildAuditEventsQuery(user, query));
  return rows.map((r) => ({
    id: r.id.toString(),
    occurredAt: r.occurred_at.toISOString(),
    actorUserId: r.actor_user_id,
    actorLabel: r.actor_label,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action.toLowerCase(),
    stationId: r.station_id,
    stationName: r.station_name,
    cityAdcode: r.city_adcode,
    cityName: r.city_name,
    before: r.before,
    after: r.after,
  }));
}

export type AuditEventView = Awaited<ReturnType<typeof listAuditEvents>>[number];

/** The cursor of the page after `events`, or null when it was the last (fewer than a full page). */
export function nextAuditCursor(events: AuditEventView[], limit: number) {
  const last = events.at(-1);
  return events.length === limit && last ? { occurredAt: last.occurredAt, id: last.id } : null;
}
