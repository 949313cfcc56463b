import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the reporter's contact from feedback reports sent more than `retentionDays` ago, open or
 * resolved: the privacy page promises a reporter that their contact is kept that long at most, which
 * only holds if the clock starts when they send it. The report itself (kind, message, outcome) stays.
 *
 * A system action, not a person's: it is not written to the audit log, which records people's changes
 * to stations, accounts and roles. The caller logs the count.
 */
export async function purgeExpiredContacts(
  now = new Date(),
  retentionDays = env.FEEDBACK_CONTACT_RETENTION_DAYS,
): Promise<{ cleared: number }> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const { count } = await getDb().feedbackReport.updateMany({
    where: { contact: { not: null }, createdAt: { lt: cutoff } },
    data: { contact: null },
  });
  return { cleared: count };
}
