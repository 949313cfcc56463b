import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/server/actor";
import { auditAccountUpdate, lockManageableUser, userAdminScope, userSnapshot } from "@/lib/server/user/user-scope";

/** Lets a deactivated account sign in again, with the password and roles it had. */
export async function reactivateUser(actor: Actor, userId: string) {
  const scope = userAdminScope(actor);
  return getDb().$transaction(async (tx) => {
    const before = await lockManageableUser(tx, scope, userId);
    if (!before.deactivatedAt) throw new AppError("conflict", "这个账号没有停用");
    const after = await tx.user.update({ where: { id: userId }, data: { deactivatedAt: null } });
    await auditAccountUpdate(tx, scope, before, userSnapshot(after));
    return userSnapshot(after);
  });
}
