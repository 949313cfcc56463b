import "server-only";
import { AppError } from "@/lib/errors";
import type { Actor, UserActor } from "@/lib/server/actor";
import { requireUser } from "@/lib/server/station/lock-editable-station";

/** The cities an actor may import into: all of them for a province admin, their own for a city manager. */
export type ImportScope = { user: UserActor; cities: number[] | "all" };

/** Import and the coverage table are for province admins and city managers; anyone else is refused. */
export function requireImportAccess(actor: Actor): ImportScope {
  const user = requireUser(actor);
  if (user.roles.some((r) => r.role === "PROVINCE_ADMIN")) return { user, cities: "all" };
  const cities = user.roles.flatMap((r) => (r.role === "CITY_MANAGER" && r.cityAdcode !== null ? [r.cityAdcode] : []));
  if (!cities.length) throw new AppError("forbidden", "只有省级管理员和城市管理员可以导入驿站数据");
  return { user, cities };
}

/** Exports need a role; what they contain is scoped in their query (editableStationsCondition). */
export function requireExportAccess(actor: Actor): UserActor {
  const user = requireUser(actor);
  if (!user.roles.length) throw new AppError("forbidden", "您没有可以导出的驿站");
  return user;
}
