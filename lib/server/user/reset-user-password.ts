import "server-only";
import { generateId } from "better-auth";
import { getAuth } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { validationError } from "@/lib/errors";
import type { Actor } from "@/lib/server/actor";
import { auditUserChange, lockManageableUser, userAdminScope, userCityAdcode } from "@/lib/server/user/user-scope";
import { passwordResetSchema, type PasswordReset } from "@/lib/validations/user";

/**
 * Sets a new password chosen by an administrator and ends every session of the account, so whoever
 * held the old password is signed out everywhere. The audit row says it happened, never what it is.
 */
export async function resetUserPassword(actor: Actor, userId: string, input: PasswordReset) {
  const scope = userAdminScope(actor);
  const parsed = passwordResetSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  // The hash comes from better-auth's own configured hasher, so sign-in verifies what we store.
  const passwordHash = await (await getAuth().$context).password.hash(parsed.data.password);
  return getDb().$transaction(async (tx) => {
    const user = await lockManageableUser(tx, scope, userId);
    const updated = await tx.account.updateMany({ where: { userId, providerId: "credential" }, data: { password: passwordHash } });
    // An account made for single sign-on only has no password yet; this gives it one.
    if (!updated.count) {
      await tx.account.create({ data: { id: generateId(), accountId: userId, providerId: "credential", userId, password: passwordHash } });
    }
    const { count: endedSessions } = await tx.session.deleteMany({ where: { userId } });
    await auditUserChange(tx, scope, {
      entity: "user",
      entityId: userId,
      action: "UPDATE",
      cityAdcode: userCityAdcode(user),
      before: { hadPassword: updated.count > 0, sessions: endedSessions },
      after: { passwordReset: true, sessions: 0 },
    });
    return { endedSessions };
  });
}
