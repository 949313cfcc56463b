import "server-only";
import { generateId } from "better-auth";
import { getAuth } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import { checkRoleGrant, insertRoleAssignment } from "@/lib/server/user/role-grant-scope";
import { auditUserChange, userAdminScope } from "@/lib/server/user/user-scope";
import type { CreatedUser } from "@/lib/validations/admin-responses";
import { createUserInputSchema, type CreateUserInput } from "@/lib/validations/user";

/** A script or the seed acting for nobody in particular; the audit log names it by `label`. */
export type SystemActor = { kind: "system"; label: string };

/**
 * Creates an account that can sign in with its username or email and password, with an optional first
 * role. The user, its credential, the role and their audit rows are written in one transaction, so a
 * failure leaves neither a half-made account nor an unaudited one. A province administrator (or a
 * system script such as `npm run admin:create`) may create any account; a city manager only branch
 * staff of a station in their city.
 */
export async function createUser(actor: Actor | SystemActor, input: CreateUserInput): Promise<CreatedUser> {
  const scope = userAdminScope(actor);
  const parsed = createUserInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { password, role, ...fields } = parsed.data;
  // An account without a role would be out of the manager's own reach the moment it exists.
  if (scope.kind === "city" && !role) throw new AppError("forbidden", "城市管理员只能创建驿站员工账号，请选择驿站");

  // better-auth looks usernames and emails up in lower case; its display name keeps the case as typed.
  const username = fields.username.toLowerCase();
  const email = fields.email.toLowerCase();
  // The hash comes from better-auth's own configured hasher, so sign-in verifies what we store.
  const passwordHash = await (await getAuth().$context).password.hash(password);
  const userId = generateId();

  try {
    return await getDb().$transaction(async (tx) => {
      const grant = role ? await checkRoleGrant(tx, scope, role, "role.") : null;
      const user = await tx.user.create({
        data: { id: userId, name: fields.name, email, username, displayUsername: fields.username },
        select: { id: true, username: true, displayUsername: true, email: true, name: true, createdAt: true },
      });
      // better-auth finds a password sign-in's credential as provider "credential", account id = user id.
      await tx.account.create({
        data: { id: generateId(), accountId: userId, providerId: "credential", userId, password: passwordHash },
      });
      const after = { ...user, createdAt: user.createdAt.toISOString(), role: role ?? null };
      await auditUserChange(tx, scope, {
        entity: "user",
        entityId: userId,
        action: "CREATE",
        cityAdcode: grant?.auditCityAdcode ?? null,
        after,
      });
      if (grant) await insertRoleAssignment(tx, scope, userId, grant);
      return { id: user.id, username: user.username ?? username, email: user.email, name: user.name };
    });
  } catch (error) {
    // Which of username and email is taken is the administrator's business, not a secret from them.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "用户名或邮箱已被使用");
    }
    throw error;
  }
}
