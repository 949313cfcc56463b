import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import { requireUser } from "@/lib/server/station/lock-editable-station";
import { editableStationsCondition } from "@/lib/server/station/station-scope";
import type { FeedbackQueueQuery } from "@/lib/validations/feedback";

export type FeedbackQueueItem = {
  id: string;
  stationId: string;
  stationName: string;
  kind: string;
  message: string | null;
  amenityCode: string | null;
  /** The reporter's optional contact: this queue is the only place it is ever shown. */
  contact: string | null;
  status: string;
  resolution: string | null;
  resolutionNote: string | null;
  createdAt: string;
  resolvedAt: string | null;
};

/**
 * The feedback queue for the stations an actor looks after (their own for branch staff, their city's
 * for a manager, all for an admin), newest first.
 */
export async function listFeedbackQueue(actor: Actor, query: FeedbackQueueQuery): Promise<FeedbackQueueItem[]> {
  const user = requireUser(actor);
  const conditions = [editableStationsCondition(user)];
  if (query.status !== "all") conditions.push(Prisma.sql`f.status = ${query.status.toUpperCase()}::feedback_status`);
  if (query.stationId) conditions.push(Prisma.sql`f.station_id = ${query.stationId}::uuid`);
  const rows = await getDb().$queryRaw<
    { id: string; station_id: string; station_name: string; kind: string; message: string | null; amenity_code: string | null; contact: string | null; status: string; resolution: string | null; resolution_note: string | null; created_at: Date; resolved_at: Date | null }[]
  >`
    SELECT f.id, f.station_id, s.name AS station_name, f.kind::text AS kind, f.message, f.amenity_code, f.contact,
           f.status::text AS status, f.resolution::text AS resolution, f.resolution_note, f.created_at, f.resolved_at
    FROM feedback_reports f JOIN stations s ON s.id = f.station_id
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY f.created_at DESC
    LIMIT 500`;
  return rows.map((r) => ({
    id: r.id,
    stationId: r.station_id,
    stationName: r.station_name,
    kind: r.kind.toLowerCase(),
    message: r.message,
    amenityCode: r.amenity_code,
    contact: r.contact,
    status: r.status.toLowerCase(),
    resolution: r.resolution?.toLowerCase() ?? null,
    resolutionNote: r.resolution_note,
    createdAt: r.created_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString() ?? null,
  }));
}
