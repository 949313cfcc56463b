import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditUserChange, type UserAdminScope } from "@/lib/server/user/user-scope";
import type { RoleGrant } from "@/lib/validations/user";

export type CheckedRoleGrant = {
  role: RoleGrant["role"];
  cityAdcode: number | null;
  stationId: string | null;
  /** The city the role is about (a station's city for branch staff), for the audit log's city filter. */
  auditCityAdcode: number | null;
};

/**
 * Checks, inside the writing transaction, that the grant names a real city or station (400 on the
 * field otherwise) and that the scope may give it: a province admin any role, a city manager only
 * branch staff at a station of their own city. `pathPrefix` puts the 400's detail on the form's field.
 */
export async function checkRoleGrant(tx: Prisma.TransactionClient, scope: UserAdminScope, grant: RoleGrant, pathPrefix = ""): Promise<CheckedRoleGrant> {
  if (grant.role !== "BRANCH_STAFF" && scope.kind !== "province") {
    throw new AppError("forbidden", "城市管理员只能分配驿站员工角色");
  }
  if (grant.role === "PROVINCE_ADMIN") return { role: grant.role, cityAdcode: null, stationId: null, auditCityAdcode: null };
  if (grant.role === "CITY_MANAGER") {
    if (!(await tx.city.count({ where: { adcode: grant.cityAdcode } }))) {
      throw new AppError("validation_failed", "请求参数无效", [{ path: `${pathPrefix}cityAdcode`, message: "没有这个城市" }]);
    }
    return { role: grant.role, cityAdcode: grant.cityAdcode, stationId: null, auditCityAdcode: grant.cityAdcode };
  }
  const station = await tx.station.findUnique({ where: { id: grant.stationId }, select: { cityAdcode: true } });
  if (!station) throw new AppError("validation_failed", "请求参数无效", [{ path: `${pathPrefix}stationId`, message: "没有这个驿站" }]);
  if (scope.kind === "city" && !scope.cities.includes(station.cityAdcode)) {
    throw new AppError("forbidden", "这个驿站不在您管理的城市");
  }
  return { role: grant.role, cityAdcode: null, stationId: grant.stationId, auditCityAdcode: station.cityAdcode };
}

/** Writes the role and its audit row in the caller's transaction; a role the user already holds is a 409. */
export async function insertRoleAssignment(tx: Prisma.TransactionClient, scope: UserAdminScope, userId: string, grant: CheckedRoleGrant) {
  const existing = await tx.roleAssignment.count({
    where: { userId, role: grant.role, cityAdcode: grant.cityAdcode, stationId: grant.stationId },
  });
  if (existing) throw new AppError("conflict", "这个账号已经有这个角色");
  const assignment = await tx.roleAssignment.create({
    data: { userId, role: grant.role, cityAdcode: grant.cityAdcode, stationId: grant.stationId },
    select: { id: true, userId: true, role: true, cityAdcode: true, stationId: true },
  });
  await auditUserChange(tx, scope, {
    entity: "role_assignment",
    entityId: assignment.id,
    action: "CREATE",
    stationId: assignment.stationId,
    cityAdcode: grant.auditCityAdcode,
    after: assignment,
  });
  return assignment;
}
