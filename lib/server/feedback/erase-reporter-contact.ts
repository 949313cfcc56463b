import "server-only";
import { getDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { reporterContactCondition, reporterContactPattern, requireProvinceAdmin } from "@/lib/server/feedback/reporter-contact";
import type { ContactErased, ContactErasure } from "@/lib/validations/feedback";

/** What replaces the contact where a reporter wrote it into their message. */
export const ERASED_MARK = "[已删除]";

/**
 * A reporter's request to delete their details: every report holding the contact loses it — the contact
 * field emptied, the contact cut out of the message wherever it was written there — in one transaction,
 * with one audit row per report. The audit rows say that the contact was erased, never what it was.
 * The rest of each report (kind, station, outcome) stays, as after the retention purge.
 */
export async function eraseReporterContact(actor: Actor, input: ContactErasure): Promise<ContactErased> {
  const user = requireProvinceAdmin(actor);
  const pattern = reporterContactPattern(input.contact);
  return getDb().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; station_id: string; city_adcode: number; had_contact: boolean; message_mentions: boolean }[]>`
      SELECT f.id, f.station_id, s.city_adcode, coalesce(f.contact ~* ${pattern}, false) AS had_contact,
             coalesce(f.message ~* ${pattern}, false) AS message_mentions
      FROM feedback_reports f JOIN stations s ON s.id = f.station_id
      WHERE ${reporterContactCondition(input.contact)}
      FOR UPDATE OF f`;
    if (!rows.length) return { erased: 0, redactedMessages: 0 };
    const ids = rows.map((r) => r.id);
    // A contact field holding the contact goes whole: whatever else it says ("张先生") is theirs too.
    await tx.$executeRaw`
      UPDATE feedback_reports f SET
        contact = CASE WHEN f.contact ~* ${pattern} THEN NULL ELSE f.contact END,
        message = CASE WHEN f.message ~* ${pattern} THEN regexp_replace(f.message, ${pattern}, ${ERASED_MARK}, 'gi') ELSE f.message END
      WHERE f.id = ANY(${ids}::uuid[])`;
    await tx.auditEvent.createMany({
      data: rows.map((r) => ({
        actorUserId: user.userId,
        actorLabel: user.label,
        entity: "feedback_report",
        entityId: r.id,
        action: "UPDATE" as const,
        stationId: r.station_id,
        cityAdcode: r.city_adcode,
        before: { contact: r.had_contact ? "present" : "none", messageMentionsContact: r.message_mentions },
        after: { contact: r.had_contact ? "erased on request" : "none", messageMentionsContact: false },
      })),
    });
    return { erased: rows.filter((r) => r.had_contact).length, redactedMessages: rows.filter((r) => r.message_mentions).length };
  });
}
