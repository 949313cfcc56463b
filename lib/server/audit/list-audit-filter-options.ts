import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import { auditCityScopeCondition, auditScopeCondition } from "@/lib/server/audit/audit-scope";
import { requireUser } from "@/lib/server/station/lock-editable-station";

/**
 * What the audit browser's selects offer: the cities the actor reads history of, and the people who
 * appear as actors in the part of the log the actor may read (one index probe per user, not a log scan).
 */
export async function listAuditFilterOptions(actor: Actor) {
  const user = requireUser(actor);
  const db = getDb();
  const [cities, actors] = await Promise.all([
    db.$queryRaw<{ adcode: number; name: string }[]>`
      SELECT c.adcode, c.name FROM cities c WHERE ${auditCityScopeCondition(user)} ORDER BY c.adcode`,
    db.$queryRaw<{ id: string; username: string | null; name: string }[]>(Prisma.sql`
      SELECT u.id, u.username, u.name FROM users u
      WHERE EXISTS (SELECT 1 FROM audit_events a WHERE a.actor_user_id = u.id AND ${auditScopeCondition(user)})
      ORDER BY u.username, u.id`),
  ]);
  return { cities, actors };
}
