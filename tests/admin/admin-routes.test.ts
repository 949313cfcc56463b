import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as deactivatePost } from "@/app/api/v1/admin/users/[id]/deactivate/route";
import { DELETE as roleDelete } from "@/app/api/v1/admin/users/[id]/roles/[roleId]/route";
import { POST as rolesPost } from "@/app/api/v1/admin/users/[id]/roles/route";
import { PATCH as userPatch } from "@/app/api/v1/admin/users/[id]/route";
import { GET as usersGet, POST as usersPost, PUT as usersPut } from "@/app/api/v1/admin/users/route";
import { getDb } from "@/lib/db";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";
import { createStations } from "../../e2e/support/station-fixtures";
import { callRoute } from "../support/call-route";
import { signInCookie } from "../support/sign-in";

const system: SystemActor = { kind: "system", label: "system:test-admin-routes" };
const password = "admin routes password";
const suffix = randomUUID().slice(0, 8);
let fixture: Awaited<ReturnType<typeof createStations>>;
let adminId: string;
let staffId: string;
let cookie: string;

beforeAll(async () => {
  fixture = await createStations([{ name: "工行测试接口驿站" }]);
  const admin = await createUser(system, { username: `routes_admin_${suffix}`, email: `routes.admin.${suffix}@example.cn`, password, name: "管理员", role: { role: "PROVINCE_ADMIN" } });
  const staff = await createUser(system, { username: `routes_staff_${suffix}`, email: `routes.staff.${suffix}@example.cn`, password, name: "员工", role: { role: "BRANCH_STAFF", stationId: fixture.ids[0] } });
  [adminId, staffId] = [admin.id, staff.id];
  cookie = await signInCookie(admin.username, password);
});

afterAll(async () => {
  await getDb().user.deleteMany({ where: { username: { endsWith: `_${suffix}` } } });
  await fixture.remove();
});

function init(method: string, body?: unknown, contentType = "application/json"): RequestInit {
  return { method, headers: { cookie, "content-type": contentType, "sec-fetch-site": "same-origin" }, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) };
}

describe("admin user routes", () => {
  it("list users in pages, and refuse bad filters with 400 details", async () => {
    const list = await callRoute(usersGet, `/api/v1/admin/users?q=${suffix}&role=BRANCH_STAFF`, {}, init("GET"));
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 20, data: [{ id: staffId, roles: [{ stationName: "工行测试接口驿站" }] }] });
    const bad = await callRoute(usersGet, "/api/v1/admin/users?role=KING&page=0&extra=1", {}, init("GET"));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["extra", "page", "role"]);
  });

  it("create a user (201), and answer bad input with 400 on each field, a taken name with 409, never 500", async () => {
    const body = { username: `created_${suffix}`, email: `created.${suffix}@example.cn`, password, name: "新人", role: { role: "BRANCH_STAFF", stationId: fixture.ids[0] } };
    expect((await callRoute(usersPost, "/api/v1/admin/users", {}, init("POST", body))).status).toBe(201);
    expect((await callRoute(usersPost, "/api/v1/admin/users", {}, init("POST", body))).body.error.code).toBe("conflict");
    const invalid = await callRoute(usersPost, "/api/v1/admin/users", {}, init("POST", { username: "a b", email: "nope", password: "short", name: "", role: { role: "BRANCH_STAFF", stationId: "x" } }));
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["email", "name", "password", "role.stationId", "username"]);
    for (const raw of ["not json", "[]", "null", JSON.stringify({ ...body, role: { role: "KING" } })]) {
      expect((await callRoute(usersPost, "/api/v1/admin/users", {}, init("POST", raw))).status, raw).toBe(400);
    }
    expect((await callRoute(usersPost, "/api/v1/admin/users", {}, init("POST", body, "text/plain"))).status).toBe(400);
  });

  it("grant: 409 for a duplicate, 400 on the field for an unknown station or city, 404 for an unknown account", async () => {
    const grant = (id: string, body: unknown) => callRoute(rolesPost, `/api/v1/admin/users/${id}/roles`, { id }, init("POST", body));
    const duplicate = await grant(staffId, { role: "BRANCH_STAFF", stationId: fixture.ids[0] });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.message).toBe("这个账号已经有这个角色");
    expect((await grant(staffId, { role: "BRANCH_STAFF", stationId: randomUUID() })).body.error.details).toEqual([{ path: "stationId", message: "没有这个驿站" }]);
    expect((await grant(staffId, { role: "CITY_MANAGER", cityAdcode: 100000 })).body.error.details).toEqual([{ path: "cityAdcode", message: "没有这个城市" }]);
    expect((await grant(staffId, { role: "CITY_MANAGER" })).status).toBe(400);
    expect((await grant("nobody", { role: "PROVINCE_ADMIN" })).status).toBe(404);
  });

  it("revoke: 404 for a role the account does not have, whatever the id looks like", async () => {
    for (const roleId of ["not-a-uuid", randomUUID()]) {
      const response = await callRoute(roleDelete, `/api/v1/admin/users/${staffId}/roles/${roleId}`, { id: staffId, roleId }, init("DELETE"));
      expect(response.status, roleId).toBe(404);
    }
  });

  it("refuses an admin deactivating themselves or revoking their own admin role with a 409 that says why", async () => {
    const self = await callRoute(deactivatePost, `/api/v1/admin/users/${adminId}/deactivate`, { id: adminId }, init("POST"));
    expect(self.status).toBe(409);
    expect(self.body.error.message).toMatch(/不能停用自己的账号/);
    const role = await getDb().roleAssignment.findFirstOrThrow({ where: { userId: adminId } });
    const revoke = await callRoute(roleDelete, `/api/v1/admin/users/${adminId}/roles/${role.id}`, { id: adminId, roleId: role.id }, init("DELETE"));
    expect(revoke.status).toBe(409);
    expect(revoke.body.error.message).toMatch(/不能撤销自己的省级管理员角色/);
  });

  it("update: 400 for nothing to change, other methods 405 in the one error shape", async () => {
    expect((await callRoute(userPatch, `/api/v1/admin/users/${staffId}`, { id: staffId }, init("PATCH", {}))).status).toBe(400);
    const put = await callRoute(usersPut, "/api/v1/admin/users", {}, init("PUT", {}));
    expect(put).toMatchObject({ status: 405, body: { error: { code: "method_not_allowed" } } });
  });
});
