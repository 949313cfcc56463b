import "server-only";
import { getDb } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import { auditAccountUpdate, lockManageableUser, userAdminScope, userSnapshot } from "@/lib/server/user/user-scope";
import { userUpdateSchema, type UserUpdate } from "@/lib/validations/user";

/** Changes an account's name or email; the change and its audit row are one transaction. */
export async function updateUser(actor: Actor, userId: string, input: UserUpdate) {
  const scope = userAdminScope(actor);
  const parsed = userUpdateSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { name, email } = parsed.data;
  try {
    return await getDb().$transaction(async (tx) => {
      const before = await lockManageableUser(tx, scope, userId);
      // better-auth looks emails up in lower case.
      const after = await tx.user.update({ where: { id: userId }, data: { name, email: email?.toLowerCase() } });
      await auditAccountUpdate(tx, scope, before, userSnapshot(after));
      return userSnapshot(after);
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "这个邮箱已被其他账号使用", [{ path: "email", message: "这个邮箱已被其他账号使用" }]);
    }
    throw error;
  }
}
