import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/server/actor";
import { assertAnotherActiveProvinceAdmin, auditUserChange, lockManageableUser, roleCityAdcode, userAdminScope } from "@/lib/server/user/user-scope";

/**
 * Takes a role away; it stops working on the user's next request (roles are read on every request).
 * Nobody takes away their own province-admin role (another admin must), and the province's last active
 * admin keeps theirs.
 */
export async function revokeRole(actor: Actor, userId: string, roleId: string) {
  const scope = userAdminScope(actor);
  return getDb().$transaction(async (tx) => {
    const user = await lockManageableUser(tx, scope, userId);
    const role = user.roles.find((r) => r.id === roleId);
    if (!role) throw new AppError("not_found", "这个账号没有这个角色");
    if (role.role === "PROVINCE_ADMIN") {
      if (userId === scope.actorUserId) throw new AppError("conflict", "不能撤销自己的省级管理员角色，请另一位省级管理员操作");
      await assertAnotherActiveProvinceAdmin(tx, userId);
    }
    await tx.roleAssignment.delete({ where: { id: role.id } });
    const before = { id: role.id, userId, role: role.role, cityAdcode: role.cityAdcode, stationId: role.stationId };
    await auditUserChange(tx, scope, {
      entity: "role_assignment",
      entityId: role.id,
      action: "DELETE",
      stationId: role.stationId,
      cityAdcode: roleCityAdcode(role),
      before,
    });
    return before;
  });
}
