import "server-only";
import { getAuth } from "@/lib/auth";
import { getDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";

/**
 * Who sent this request: the session cookie's user with the roles they hold now, or anonymous. Roles and
 * deactivation are read from the database on every call, not from the session, so taking a role away or
 * deactivating someone takes effect on their next request rather than when the session ends.
 */
export async function getRequestActor(headers: Headers): Promise<Actor> {
  const session = await getAuth().api.getSession({ headers });
  if (!session) return { kind: "anonymous" };
  const user = await getDb().user.findUnique({
    where: { id: session.user.id },
    select: {
      id: true,
      username: true,
      deactivatedAt: true,
      roles: { select: { role: true, cityAdcode: true, stationId: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!user || user.deactivatedAt) return { kind: "anonymous" };
  // Every account made by createUser has a username; the id stands in for one made some other way.
  return { kind: "user", userId: user.id, label: `user:${user.username ?? user.id}`, roles: user.roles };
}
