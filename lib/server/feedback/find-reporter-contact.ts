import "server-only";
import { getDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { reporterContactCondition, reporterContactPattern, requireProvinceAdmin } from "@/lib/server/feedback/reporter-contact";
import type { ContactErasure, ContactMatch, FeedbackKind } from "@/lib/validations/feedback";

/**
 * The reports an erasure of this contact would change, newest first, for the administrator to check
 * before erasing. Province admins only.
 */
export async function findReporterContact(actor: Actor, input: ContactErasure): Promise<ContactMatch[]> {
  requireProvinceAdmin(actor);
  const rows = await getDb().$queryRaw<{ id: string; station_name: string; kind: string; contact: string | null; message_mentions: boolean; created_at: Date }[]>`
    SELECT f.id, s.name AS station_name, f.kind::text AS kind, f.contact,
           coalesce(f.message ~* ${reporterContactPattern(input.contact)}, false) AS message_mentions, f.created_at
    FROM feedback_reports f JOIN stations s ON s.id = f.station_id
    WHERE ${reporterContactCondition(input.contact)}
    ORDER BY f.created_at DESC`;
  return rows.map((r) => ({
    id: r.id,
    stationName: r.station_name,
    kind: r.kind.toLowerCase() as FeedbackKind,
    contact: r.contact,
    messageMentionsContact: r.message_mentions,
    createdAt: r.created_at.toISOString(),
  }));
}
