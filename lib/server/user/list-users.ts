import "server-only";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import { escapeLike } from "@/lib/server/escape-like";
import { manageableUsersWhere, userAdminScope } from "@/lib/server/user/user-scope";
import { toUserView, userViewSelect } from "@/lib/server/user/user-view";
import type { UserPage } from "@/lib/validations/admin-responses";
import { USERS_PAGE_SIZE, type ListUsersQuery } from "@/lib/validations/user";

/**
 * The accounts an actor manages (everyone for a province admin, their city's branch staff for a city
 * manager), filtered by a text in username, name or email, a role, a city (its manager and the staff of
 * its stations) and active or not; newest first, a page at a time.
 */
export async function listUsers(actor: Actor, query: ListUsersQuery): Promise<UserPage> {
  const scope = userAdminScope(actor);
  const filters: Prisma.UserWhereInput[] = [manageableUsersWhere(scope)];
  if (query.q) {
    const text = escapeLike(query.q);
    filters.push({
      OR: (["username", "name", "email"] as const).map((field) => ({ [field]: { contains: text, mode: "insensitive" } })),
    });
  }
  if (query.role) filters.push({ roles: { some: { role: query.role } } });
  if (query.city !== undefined) {
    filters.push({ roles: { some: { OR: [{ cityAdcode: query.city }, { station: { cityAdcode: query.city } }] } } });
  }
  if (query.status) filters.push({ deactivatedAt: query.status === "active" ? null : { not: null } });
  const where: Prisma.UserWhereInput = { AND: filters };

  const [rows, total] = await Promise.all([
    getDb().user.findMany({
      where,
      select: userViewSelect,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (query.page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
    }),
    getDb().user.count({ where }),
  ]);
  return { data: rows.map(toUserView), total, page: query.page, pageSize: USERS_PAGE_SIZE };
}
