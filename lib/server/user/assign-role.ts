import "server-only";
import { getDb } from "@/lib/db";
import { validationError } from "@/lib/errors";
import type { Actor } from "@/lib/server/actor";
import { checkRoleGrant, insertRoleAssignment } from "@/lib/server/user/role-grant-scope";
import { lockManageableUser, userAdminScope } from "@/lib/server/user/user-scope";
import { roleGrantSchema, type RoleGrant } from "@/lib/validations/user";

/**
 * Gives an account a role. A province admin grants any role to anyone; a city manager grants branch
 * staff roles at their city's stations to their city's staff. The same role twice is a 409.
 */
export async function assignRole(actor: Actor, userId: string, input: RoleGrant) {
  const scope = userAdminScope(actor);
  const parsed = roleGrantSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  return getDb().$transaction(async (tx) => {
    await lockManageableUser(tx, scope, userId);
    const grant = await checkRoleGrant(tx, scope, parsed.data);
    return insertRoleAssignment(tx, scope, userId, grant);
  });
}
