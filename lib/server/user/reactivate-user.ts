import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/server/actor";
import { lockManageableUser, userAdminScope, userCityAdcode, userSnapshot } from "@/lib/server/user/user-scope";

/** Lets a deactivated account sign in again, with the password and roles it had. */
export async function reactivateUser(actor: Actor, userId: string) {
  const scope = userAdminScope(actor);
  return getDb().$transaction(async (tx) => {
    const before = await lockManageableUser(tx, scope, userId);
    if (!before.deactivatedAt) throw new AppError("conflict", "这个账号没有停用");
    const after = await tx.user.update({ where: { id: userId }, data: { deactivatedAt: null } });
    await tx.auditEvent.create({
      data: {
        actorUserId: scope.actorUserId,
        actorLabel: scope.actorLabel,
        entity: "user",
        entityId: userId,
        action: "UPDATE",
        cityAdcode: userCityAdcode(before),
        before: userSnapshot(before),
        after: userSnapshot(after),
      },
    });
    return userSnapshot(after);
  });
}
