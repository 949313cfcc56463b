import "server-only";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor, UserActor } from "@/lib/server/actor";
import { requireUser } from "@/lib/server/station/lock-editable-station";
import { contactSearchKey } from "@/lib/validations/feedback";

/**
 * Erasing a reporter's contact reaches every station's reports, so it is the province admins' alone:
 * a city manager asked to erase one passes the request on.
 */
export function requireProvinceAdmin(actor: Actor): UserActor {
  const user = requireUser(actor);
  if (!user.roles.some((r) => r.role === "PROVINCE_ADMIN")) throw new AppError("forbidden", "只有省分行管理员可以删除反馈中的联系方式");
  return user;
}

const SEPARATORS = "[[:space:]()（）-]*";

/**
 * The contact as a PostgreSQL regular expression (used with ~*, case-insensitive) that finds it inside a
 * contact or a message however it was spaced: "13800138000" also finds "138 0013 8000" and "138-0013-8000".
 */
export function reporterContactPattern(contact: string): string {
  return [...contactSearchKey(contact)].map((char) => char.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&")).join(SEPARATORS);
}

/** Reports that hold the contact, in their contact field or written into their message. */
export function reporterContactCondition(contact: string): Prisma.Sql {
  const pattern = reporterContactPattern(contact);
  return Prisma.sql`(f.contact ~* ${pattern} OR f.message ~* ${pattern})`;
}
