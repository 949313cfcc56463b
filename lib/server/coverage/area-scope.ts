import "server-only";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/server/actor";
import { requireUser } from "@/lib/server/station/lock-editable-station";

/**
 * Which cities' figures an actor may see: every city for a province admin (null), the cities they
 * manage for a city manager. Branch staff and anyone else are refused; anonymous callers must sign in.
 */
export function viewableCities(actor: Actor): number[] | null {
  const user = requireUser(actor);
  if (user.roles.some((r) => r.role === "PROVINCE_ADMIN")) return null;
  const cities = user.roles.flatMap((r) => (r.role === "CITY_MANAGER" && r.cityAdcode !== null ? [r.cityAdcode] : []));
  if (cities.length === 0) throw new AppError("forbidden", "只有省级管理员和城市管理员可以查看覆盖与统计");
  return cities;
}

/**
 * The cities a dashboard view covers: the actor's viewable cities, narrowed to one city when asked.
 * A city the actor may not see is refused, so a hand-edited ?city= never widens what they read.
 */
export function viewableCitiesWithin(actor: Actor, city: number | undefined): number[] | null {
  const cities = viewableCities(actor);
  if (city === undefined) return cities;
  if (cities !== null && !cities.includes(city)) throw new AppError("forbidden", "您只能查看自己负责的城市");
  return [city];
}
