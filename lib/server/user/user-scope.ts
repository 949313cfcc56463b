import "server-only";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import type { SystemActor } from "@/lib/server/user/create-user";
import { userIdParamSchema } from "@/lib/validations/user";

/**
 * Whose accounts an actor may manage. A province admin (or a system script) manages everyone. A city
 * manager manages the branch staff of their city: people whose every role is a station in one of the
 * manager's cities, so a manager can never reach an admin, another manager, or someone who also works
 * in another city. Everyone else manages nobody.
 */
export type UserAdminScope = { kind: "province"; actorUserId: string | null; actorLabel: string } | { kind: "city"; cities: number[]; actorUserId: string; actorLabel: string };

export function userAdminScope(actor: Actor | SystemActor): UserAdminScope {
  if (actor.kind === "anonymous") throw new AppError("unauthenticated", "请先登录");
  if (actor.kind === "system") return { kind: "province", actorUserId: null, actorLabel: actor.label };
  if (actor.roles.some((r) => r.role === "PROVINCE_ADMIN")) return { kind: "province", actorUserId: actor.userId, actorLabel: actor.label };
  const cities = actor.roles.flatMap((r) => (r.role === "CITY_MANAGER" && r.cityAdcode !== null ? [r.cityAdcode] : []));
  if (!cities.length) throw new AppError("forbidden", "您没有管理账号的权限");
  return { kind: "city", cities, actorUserId: actor.userId, actorLabel: actor.label };
}

/** The users a scope may manage, as a Prisma condition, for lists and for the check before every write. */
export function manageableUsersWhere(scope: UserAdminScope): Prisma.UserWhereInput {
  if (scope.kind === "province") return {};
  return { roles: { some: {}, every: { role: "BRANCH_STAFF", station: { cityAdcode: { in: scope.cities } } } } };
}

const lockedUserSelect = {
  id: true,
  username: true,
  displayUsername: true,
  name: true,
  email: true,
  deactivatedAt: true,
  roles: {
    select: { id: true, role: true, cityAdcode: true, stationId: true, station: { select: { cityAdcode: true } } },
    orderBy: { createdAt: "asc" },
  },
} satisfies Prisma.UserSelect;

export type LockedUser = Prisma.UserGetPayload<{ select: typeof lockedUserSelect }>;

/**
 * The first step of every write to an account, inside its transaction: lock the user's row, so two
 * administrators changing one person take turns, then check the scope may manage them (404 for nobody,
 * 403 for someone out of reach).
 */
export async function lockManageableUser(tx: Prisma.TransactionClient, scope: UserAdminScope, userId: string): Promise<LockedUser> {
  requireUserIdText(userId);
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
  if (!locked.length) throw new AppError("not_found", "没有找到这个账号");
  const user = await tx.user.findFirst({ where: { id: userId, ...manageableUsersWhere(scope) }, select: lockedUserSelect });
  if (!user) throw new AppError("forbidden", "您没有权限管理这个账号");
  return user;
}

/** An id from the URL that cannot name an account answers 404, before it reaches the database. */
export function requireUserIdText(userId: string): void {
  if (!userIdParamSchema.safeParse(userId).success) throw new AppError("not_found", "没有找到这个账号");
}

/** The city a role is about: a manager's city, a station's city, none for a province admin. */
export function roleCityAdcode(role: LockedUser["roles"][number]): number | null {
  return role.cityAdcode ?? role.station?.cityAdcode ?? null;
}

/**
 * The one city an account works in, if it has one, for the audit row of a change to it: so a city
 * manager, who reads the city's log, sees what was done to their city's staff.
 */
export function userCityAdcode(user: LockedUser): number | null {
  const cities = new Set(user.roles.map(roleCityAdcode));
  return cities.size === 1 ? [...cities][0] : null;
}

/** What the audit log keeps of an account: never the password or its hash. */
export function userSnapshot(user: Pick<LockedUser, "id" | "username" | "name" | "email" | "deactivatedAt">) {
  return { id: user.id, username: user.username, name: user.name, email: user.email, deactivatedAt: user.deactivatedAt?.toISOString() ?? null };
}

/**
 * Refuses a change that would leave the province without an active administrator (nobody could then
 * create accounts or grant roles again). Every province-admin role row is locked, in one order, so two
 * administrators removing each other at the same moment cannot both succeed.
 */
export async function assertAnotherActiveProvinceAdmin(tx: Prisma.TransactionClient, losingUserId: string): Promise<void> {
  const admins = await tx.$queryRaw<{ user_id: string; active: boolean }[]>`
    SELECT r.user_id, u.deactivated_at IS NULL AS active
    FROM role_assignments r JOIN users u ON u.id = r.user_id
    WHERE r.role = 'PROVINCE_ADMIN'
    ORDER BY r.id
    FOR UPDATE OF r`;
  if (!admins.some((a) => a.active && a.user_id !== losingUserId)) {
    throw new AppError("conflict", "这是最后一位在用的省级管理员，至少要保留一位，否则没有人能再管理账号");
  }
}

/** The audit row of an account or role change, named for the acting scope, in the change's transaction. */
export async function auditUserChange(
  tx: Prisma.TransactionClient,
  scope: UserAdminScope,
  event: { entity: "user" | "role_assignment"; entityId: string; action: "CREATE" | "UPDATE" | "DELETE"; cityAdcode: number | null; stationId?: string | null; before?: Prisma.InputJsonValue; after?: Prisma.InputJsonValue },
): Promise<void> {
  await tx.auditEvent.create({ data: { actorUserId: scope.actorUserId, actorLabel: scope.actorLabel, ...event } });
}

/** The audit row of a change to an account's own fields: its snapshot before, and what it is after. */
export function auditAccountUpdate(tx: Prisma.TransactionClient, scope: UserAdminScope, before: LockedUser, after: Prisma.InputJsonValue): Promise<void> {
  return auditUserChange(tx, scope, { entity: "user", entityId: before.id, action: "UPDATE", cityAdcode: userCityAdcode(before), before: userSnapshot(before), after });
}
