import "server-only";
import { generateId } from "better-auth";
import { getAuth } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import { z } from "@/lib/validations/zod";

/** A script or the seed acting for nobody in particular; the audit log names it by `label`. */
export type SystemActor = { kind: "system"; label: string };

// The username rules are better-auth's username plugin defaults (3–30 of a-z, 0-9, _ and .): a name it
// would refuse at sign-in must not be created here.
export const createUserInputSchema = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3)
    .max(30)
    .regex(/^[a-zA-Z0-9_.]+$/, "只能包含字母、数字、下划线和点"),
  email: z.email().max(254),
  // better-auth's default bounds (8–128); it hashes with scrypt.
  password: z.string().min(8).max(128),
  name: z.string().trim().min(1).max(100),
  role: z
    .discriminatedUnion("role", [
      z.strictObject({ role: z.literal("PROVINCE_ADMIN") }),
      z.strictObject({ role: z.literal("CITY_MANAGER"), cityAdcode: z.number().int() }),
      z.strictObject({ role: z.literal("BRANCH_STAFF"), stationId: z.uuid() }),
    ])
    .optional(),
});

export type CreateUserInput = z.input<typeof createUserInputSchema>;

export type CreatedUser = { id: string; username: string; email: string; name: string };

/**
 * Creates an account that can sign in with its username or email and password, with an optional first
 * role. The user, its credential, the role and their audit rows are written in one transaction, so a
 * failure leaves neither a half-made account nor an unaudited one. Only a province administrator (or a
 * system script such as `npm run admin:create`) may create accounts.
 */
export async function createUser(actor: Actor | SystemActor, input: CreateUserInput): Promise<CreatedUser> {
  if (actor.kind === "anonymous") throw new AppError("unauthenticated", "请先登录");
  if (actor.kind === "user" && !actor.roles.some((r) => r.role === "PROVINCE_ADMIN")) {
    throw new AppError("forbidden", "只有省级管理员可以创建账号");
  }
  const parsed = createUserInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { password, role, ...fields } = parsed.data;

  // better-auth looks usernames and emails up in lower case; its display name keeps the case as typed.
  const username = fields.username.toLowerCase();
  const email = fields.email.toLowerCase();
  // The hash comes from better-auth's own configured hasher, so sign-in verifies what we store.
  const passwordHash = await (await getAuth().$context).password.hash(password);
  const actorUserId = actor.kind === "user" ? actor.userId : null;
  const userId = generateId();

  try {
    return await getDb().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { id: userId, name: fields.name, email, username, displayUsername: fields.username },
        select: { id: true, username: true, displayUsername: true, email: true, name: true, createdAt: true },
      });
      // better-auth finds a password sign-in's credential as provider "credential", account id = user id.
      await tx.account.create({
        data: { id: generateId(), accountId: userId, providerId: "credential", userId, password: passwordHash },
      });
      const after = { ...user, createdAt: user.createdAt.toISOString(), role: role ?? null };
      await tx.auditEvent.create({
        data: { actorUserId, actorLabel: actor.label, entity: "user", entityId: userId, action: "CREATE", after },
      });
      if (role) {
        const assignment = await tx.roleAssignment.create({
          data: {
            userId,
            role: role.role,
            cityAdcode: role.role === "CITY_MANAGER" ? role.cityAdcode : null,
            stationId: role.role === "BRANCH_STAFF" ? role.stationId : null,
          },
          select: { id: true, userId: true, role: true, cityAdcode: true, stationId: true },
        });
        await tx.auditEvent.create({
          data: {
            actorUserId,
            actorLabel: actor.label,
            entity: "role_assignment",
            entityId: assignment.id,
            action: "CREATE",
            stationId: assignment.stationId,
            cityAdcode: assignment.cityAdcode,
            after: assignment,
          },
        });
      }
      return { id: user.id, username: user.username ?? username, email: user.email, name: user.name };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError) {
      // Which of username and email is taken is the administrator's business, not a secret from them.
      if (error.code === "P2002") throw new AppError("conflict", "用户名或邮箱已被使用");
      // An unknown city or station for the role.
      if (error.code === "P2003") {
        throw new AppError("validation_failed", "请求参数无效", [{ path: "role", message: "没有这个城市或驿站" }]);
      }
    }
    throw error;
  }
}
