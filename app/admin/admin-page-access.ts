import "server-only";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import type { UserActor } from "@/lib/server/actor";
import { getPageActor } from "@/lib/server/auth/get-page-actor";
import { listCities } from "@/lib/server/city/list-cities";
import { userAdminScope, type UserAdminScope } from "@/lib/server/user/user-scope";

/**
 * Who is looking at an admin page: anonymous visitors are sent to sign in; signed-in users come back with
 * the accounts they may manage, or null when they may manage none (the page then says so).
 */
export async function adminPageAccess(): Promise<{ actor: UserActor; scope: UserAdminScope | null }> {
  const actor = await getPageActor();
  if (actor.kind !== "user") redirect("/login");
  try {
    return { actor, scope: userAdminScope(actor) };
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") return { actor, scope: null };
    throw error;
  }
}

/** The cities the forms and filters offer: all 14 to a province admin, their own to a city manager. */
export async function scopeCities(actor: UserActor, scope: UserAdminScope): Promise<{ adcode: number; name: string }[]> {
  const cities = await listCities(actor);
  return cities.filter((c) => scope.kind === "province" || scope.cities.includes(c.adcode)).map((c) => ({ adcode: c.adcode, name: c.name }));
}
