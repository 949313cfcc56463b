import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/server/actor";
import { assertAnotherActiveProvinceAdmin, auditAccountUpdate, lockManageableUser, userAdminScope, userSnapshot } from "@/lib/server/user/user-scope";

/**
 * Stops an account from signing in and ends its sessions, in one transaction with the audit row. The
 * account and its history stay; reactivating it restores sign-in with the same password and roles.
 * Nobody deactivates themselves, and the province's last active admin stays active.
 */
export async function deactivateUser(actor: Actor, userId: string) {
  const scope = userAdminScope(actor);
  if (userId === scope.actorUserId) throw new AppError("conflict", "不能停用自己的账号，请另一位管理员操作");
  return getDb().$transaction(async (tx) => {
    const before = await lockManageableUser(tx, scope, userId);
    if (before.deactivatedAt) throw new AppError("conflict", "这个账号已经停用");
    if (before.roles.some((r) => r.role === "PROVINCE_ADMIN")) await assertAnotherActiveProvinceAdmin(tx, userId);
    const after = await tx.user.update({ where: { id: userId }, data: { deactivatedAt: new Date() } });
    const { count: endedSessions } = await tx.session.deleteMany({ where: { userId } });
    await auditAccountUpdate(tx, scope, before, { ...userSnapshot(after), endedSessions });
    return userSnapshot(after);
  });
}
