import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { UserActor } from "@/lib/server/actor";
import { getRequestActor } from "@/lib/server/auth/get-request-actor";
import { assignRole } from "@/lib/server/user/assign-role";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";
import { deactivateUser } from "@/lib/server/user/deactivate-user";
import { getUser } from "@/lib/server/user/get-user";
import { listUsers } from "@/lib/server/user/list-users";
import { reactivateUser } from "@/lib/server/user/reactivate-user";
import { resetUserPassword } from "@/lib/server/user/reset-user-password";
import { revokeRole } from "@/lib/server/user/revoke-role";
import { updateUser } from "@/lib/server/user/update-user";
import { assertAnotherActiveProvinceAdmin } from "@/lib/server/user/user-scope";
import { listUsersQuerySchema } from "@/lib/validations/user";
import { createStations } from "../../e2e/support/station-fixtures";

const system: SystemActor = { kind: "system", label: "system:test-admin" };
const password = "admin test password";
const suffix = randomUUID().slice(0, 8);
const createdIds: string[] = [];
let fixture: Awaited<ReturnType<typeof createStations>>;
// 沈阳 (210100) holds both fixture stations; 大连 (210200) is another city.
let shenyang: string;
let shenyang2: string;
let admin: UserActor;
let manager: UserActor;
let counter = 0;

async function newUser(role?: Parameters<typeof createUser>[1]["role"], name = "测试员工") {
  const username = `adm${counter++}_${suffix}`;
  const user = await createUser(system, { username, email: `${username}@example.cn`, password, name, role });
  createdIds.push(user.id);
  return user;
}

async function actorFor(userId: string): Promise<UserActor> {
  const row = await getDb().user.findUniqueOrThrow({ where: { id: userId }, include: { roles: true } });
  return {
    kind: "user",
    userId,
    label: `user:${row.username}`,
    roles: row.roles.map((r) => ({ role: r.role, cityAdcode: r.cityAdcode, stationId: r.stationId })),
  };
}

function newClient(): string {
  const [a, b] = randomUUID().split("-");
  return `2001:db8:${a.slice(0, 4)}:${b}::2`;
}

/** Signs in through better-auth's own handler, each time from another address (sign-in is rate limited). */
async function signIn(username: string, pass: string): Promise<{ status: number; cookie: string }> {
  const response = await authPost(
    new Request("http://localhost/api/auth/sign-in/username", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost", "x-forwarded-for": newClient() },
      body: JSON.stringify({ username, password: pass }),
    }),
  );
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { status: response.status, cookie };
}

async function auditRowsFor(entityId: string) {
  return getDb().auditEvent.findMany({ where: { entityId }, orderBy: { id: "asc" } });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  fixture = await createStations([{ name: "工行测试管理驿站" }, { name: "工行测试管理驿站二" }]);
  [shenyang, shenyang2] = fixture.ids;
  admin = await actorFor((await newUser({ role: "PROVINCE_ADMIN" }, "省管理员")).id);
  manager = await actorFor((await newUser({ role: "CITY_MANAGER", cityAdcode: 210100 }, "沈阳经理")).id);
});

afterAll(async () => {
  await getDb().user.deleteMany({ where: { id: { in: createdIds } } });
  await fixture.remove();
});

describe("createUser by a city manager", () => {
  it("creates branch staff of a station in their city, audited with that city", async () => {
    const username = `mgrmade_${suffix}`;
    const user = await createUser(manager, { username, email: `${username}@example.cn`, password, name: "新员工", role: { role: "BRANCH_STAFF", stationId: shenyang } });
    createdIds.push(user.id);
    const events = await auditRowsFor(user.id);
    expect(events).toMatchObject([{ entity: "user", action: "CREATE", actorUserId: manager.userId, cityAdcode: 210100 }]);
    const role = await getDb().roleAssignment.findFirstOrThrow({ where: { userId: user.id } });
    expect(await auditRowsFor(role.id)).toMatchObject([{ entity: "role_assignment", action: "CREATE", stationId: shenyang, cityAdcode: 210100 }]);
  });

  it("refuses admins, managers, staff elsewhere and accounts without a role", async () => {
    const input = (n: string) => ({ username: `no${n}_${suffix}`, email: `no${n}.${suffix}@example.cn`, password, name: "某人" });
    const dalian = await getDb().station.findFirstOrThrow({ where: { cityAdcode: 210200 }, select: { id: true } });
    expect((await refusal(createUser(manager, { ...input("1"), role: { role: "PROVINCE_ADMIN" } }))).code).toBe("forbidden");
    expect((await refusal(createUser(manager, { ...input("2"), role: { role: "CITY_MANAGER", cityAdcode: 210100 } }))).code).toBe("forbidden");
    expect((await refusal(createUser(manager, { ...input("3"), role: { role: "BRANCH_STAFF", stationId: dalian.id } }))).code).toBe("forbidden");
    expect((await refusal(createUser(manager, input("4")))).code).toBe("forbidden");
    expect(await getDb().user.count({ where: { username: { startsWith: "no", endsWith: suffix } } })).toBe(0);
  });

  it("answers an unknown station or city with a 400 on the field, and leaves nothing behind", async () => {
    const station = await refusal(createUser(admin, { username: `ghost_${suffix}`, email: `ghost.${suffix}@example.cn`, password, name: "幽灵", role: { role: "BRANCH_STAFF", stationId: randomUUID() } }));
    expect(station).toMatchObject({ code: "validation_failed", details: [{ path: "role.stationId" }] });
    const city = await refusal(createUser(admin, { username: `ghost_${suffix}`, email: `ghost.${suffix}@example.cn`, password, name: "幽灵", role: { role: "CITY_MANAGER", cityAdcode: 999999 } }));
    expect(city).toMatchObject({ code: "validation_failed", details: [{ path: "role.cityAdcode" }] });
    expect(await getDb().user.count({ where: { username: `ghost_${suffix}` } })).toBe(0);
  });
});

describe("listUsers and getUser", () => {
  it("shows an admin everyone, with roles, station and city names, filtered by text, role, city and state", async () => {
    const staff = await newUser({ role: "BRANCH_STAFF", stationId: shenyang }, "列表员工");
    const page = await listUsers(admin, listUsersQuerySchema.parse({ q: staff.username.toUpperCase() }));
    expect(page.total).toBe(1);
    expect(page.data[0]).toMatchObject({
      id: staff.id,
      active: true,
      roles: [{ role: "BRANCH_STAFF", stationId: shenyang, stationName: "工行测试管理驿站", cityAdcode: 210100, cityName: "沈阳市" }],
    });
    const byRoleAndCity = await listUsers(admin, listUsersQuerySchema.parse({ q: suffix, role: "BRANCH_STAFF", city: "210100" }));
    expect(byRoleAndCity.data.map((u) => u.id)).toContain(staff.id);
    expect(byRoleAndCity.data.every((u) => u.roles.some((r) => r.role === "BRANCH_STAFF"))).toBe(true);
    expect((await listUsers(admin, listUsersQuerySchema.parse({ q: suffix, city: "210200" }))).data.map((u) => u.id)).not.toContain(staff.id);
    expect((await listUsers(admin, listUsersQuerySchema.parse({ q: suffix, status: "deactivated" }))).data.map((u) => u.id)).not.toContain(staff.id);
  });

  it("shows a city manager only their city's branch staff", async () => {
    const mine = await newUser({ role: "BRANCH_STAFF", stationId: shenyang2 });
    const both = await newUser({ role: "BRANCH_STAFF", stationId: shenyang2 });
    const dalian = await getDb().station.findFirstOrThrow({ where: { cityAdcode: 210200 }, select: { id: true } });
    await assignRole(admin, both.id, { role: "BRANCH_STAFF", stationId: dalian.id });
    const page = await listUsers(manager, listUsersQuerySchema.parse({ q: suffix }));
    const ids = page.data.map((u) => u.id);
    expect(ids).toContain(mine.id);
    // Someone who also works in 大连, the admin and the manager themselves are out of reach.
    expect(ids).not.toContain(both.id);
    expect(ids).not.toContain(admin.userId);
    expect(ids).not.toContain(manager.userId);
    expect((await getUser(manager, mine.id)).id).toBe(mine.id);
    expect((await refusal(getUser(manager, both.id))).code).toBe("forbidden");
    expect((await refusal(getUser(manager, "no-such-user"))).code).toBe("not_found");
  });

  it("refuses anonymous callers and branch staff", async () => {
    const staff = await actorFor((await newUser({ role: "BRANCH_STAFF", stationId: shenyang })).id);
    expect((await refusal(listUsers({ kind: "anonymous" }, listUsersQuerySchema.parse({})))).code).toBe("unauthenticated");
    expect((await refusal(listUsers(staff, listUsersQuerySchema.parse({})))).code).toBe("forbidden");
  });

  it("answers bad filters as validation problems", () => {
    for (const query of [{ role: "KING" }, { city: "21" }, { page: "0" }, { page: "x" }, { q: "x".repeat(101) }, { sort: "name" }, { q: ["a", "b"] }]) {
      expect(listUsersQuerySchema.safeParse(query).success, JSON.stringify(query)).toBe(false);
    }
    expect(listUsersQuerySchema.parse({ q: "", role: "", city: "", status: "" })).toEqual({ page: 1 });
  });
});

describe("updateUser", () => {
  it("changes name and email with before and after in the audit log", async () => {
    const user = await newUser({ role: "BRANCH_STAFF", stationId: shenyang }, "旧名字");
    const updated = await updateUser(manager, user.id, { name: "新名字", email: `New.${suffix}@Example.cn` });
    expect(updated).toMatchObject({ name: "新名字", email: `new.${suffix}@example.cn` });
    const [, event] = await auditRowsFor(user.id);
    // Filed under the staff member's city, so the city's manager finds it in the city's log.
    expect(event).toMatchObject({ action: "UPDATE", actorUserId: manager.userId, cityAdcode: 210100, before: { name: "旧名字" }, after: { name: "新名字" } });
  });

  it("answers a taken email with 409 and bad input with 400", async () => {
    const user = await newUser();
    const other = await newUser();
    expect(await refusal(updateUser(admin, user.id, { email: other.email }))).toMatchObject({ code: "conflict", details: [{ path: "email" }] });
    expect((await refusal(updateUser(admin, user.id, {}))).code).toBe("validation_failed");
    expect((await refusal(updateUser(admin, user.id, { name: " " }))).code).toBe("validation_failed");
  });
});

describe("assignRole and revokeRole", () => {
  it("grants and revokes, each audited in its transaction, and the actor sees the change at once", async () => {
    const user = await newUser({ role: "BRANCH_STAFF", stationId: shenyang });
    const granted = await assignRole(manager, user.id, { role: "BRANCH_STAFF", stationId: shenyang2 });
    expect(await auditRowsFor(granted.id)).toMatchObject([{ action: "CREATE", after: { stationId: shenyang2 }, cityAdcode: 210100 }]);
    const { cookie } = await signIn(user.username, password);
    const actor = await getRequestActor(new Headers({ cookie }));
    expect(actor.kind === "user" && actor.roles.map((r) => r.stationId)).toEqual([shenyang, shenyang2]);
    await revokeRole(manager, user.id, granted.id);
    expect(await auditRowsFor(granted.id)).toMatchObject([{ action: "CREATE" }, { action: "DELETE", cityAdcode: 210100, before: { stationId: shenyang2 }, after: null }]);
    const after = await getRequestActor(new Headers({ cookie }));
    expect(after.kind === "user" && after.roles.map((r) => r.stationId)).toEqual([shenyang]);
  });

  it("answers a duplicate with 409, an unknown station or city with 400, an unknown role with 404", async () => {
    const user = await newUser({ role: "BRANCH_STAFF", stationId: shenyang });
    expect((await refusal(assignRole(admin, user.id, { role: "BRANCH_STAFF", stationId: shenyang }))).code).toBe("conflict");
    expect(await refusal(assignRole(admin, user.id, { role: "BRANCH_STAFF", stationId: randomUUID() }))).toMatchObject({ code: "validation_failed", details: [{ path: "stationId" }] });
    expect(await refusal(assignRole(admin, user.id, { role: "CITY_MANAGER", cityAdcode: 123456 }))).toMatchObject({ code: "validation_failed", details: [{ path: "cityAdcode" }] });
    expect((await refusal(revokeRole(admin, user.id, "not-a-uuid"))).code).toBe("not_found");
    expect((await refusal(assignRole(admin, "no-such-user", { role: "PROVINCE_ADMIN" }))).code).toBe("not_found");
  });

  it("keeps a city manager to branch staff roles at their city's stations, for their city's staff", async () => {
    const user = await newUser({ role: "BRANCH_STAFF", stationId: shenyang });
    const dalian = await getDb().station.findFirstOrThrow({ where: { cityAdcode: 210200 }, select: { id: true } });
    expect((await refusal(assignRole(manager, user.id, { role: "CITY_MANAGER", cityAdcode: 210100 }))).code).toBe("forbidden");
    expect((await refusal(assignRole(manager, user.id, { role: "PROVINCE_ADMIN" }))).code).toBe("forbidden");
    expect((await refusal(assignRole(manager, user.id, { role: "BRANCH_STAFF", stationId: dalian.id }))).code).toBe("forbidden");
    expect((await refusal(assignRole(manager, admin.userId, { role: "BRANCH_STAFF", stationId: shenyang }))).code).toBe("forbidden");
    const adminRole = await getDb().roleAssignment.findFirstOrThrow({ where: { userId: admin.userId } });
    expect((await refusal(revokeRole(manager, admin.userId, adminRole.id))).code).toBe("forbidden");
    expect(await getDb().roleAssignment.count({ where: { userId: user.id } })).toBe(1);
  });

  it("never lets an admin take away their own province-admin role, nor the province's last one", async () => {
    const otherAdmin = await actorFor((await newUser({ role: "PROVINCE_ADMIN" })).id);
    const ownRole = await getDb().roleAssignment.findFirstOrThrow({ where: { userId: otherAdmin.userId } });
    const own = await refusal(revokeRole(otherAdmin, otherAdmin.userId, ownRole.id));
    expect(own.code).toBe("conflict");
    expect(own.message).toMatch(/自己的省级管理员角色/);
    // Another admin may, while a third stays active.
    await revokeRole(admin, otherAdmin.userId, ownRole.id);
    expect(await getDb().roleAssignment.count({ where: { userId: otherAdmin.userId } })).toBe(0);
  });
});

describe("resetUserPassword", () => {
  it("replaces the password, ends every session, and audits without the password", async () => {
    const user = await newUser({ role: "BRANCH_STAFF", stationId: shenyang });
    const { cookie } = await signIn(user.username, password);
    expect((await getRequestActor(new Headers({ cookie }))).kind).toBe("user");
    const newPassword = "a brand new password";
    expect(await resetUserPassword(manager, user.id, { password: newPassword })).toEqual({ endedSessions: 1 });
    expect(await getRequestActor(new Headers({ cookie }))).toEqual({ kind: "anonymous" });
    expect((await signIn(user.username, password)).status).toBe(401);
    expect((await signIn(user.username, newPassword)).status).toBe(200);
    const events = await auditRowsFor(user.id);
    expect(events.at(-1)).toMatchObject({ action: "UPDATE", actorUserId: manager.userId, after: { passwordReset: true } });
    expect(JSON.stringify(events.map((e) => [e.before, e.after]))).not.toContain(newPassword);
  });

  it("refuses a short password, and someone out of reach", async () => {
    const user = await newUser({ role: "BRANCH_STAFF", stationId: shenyang });
    expect(await refusal(resetUserPassword(admin, user.id, { password: "short" }))).toMatchObject({ code: "validation_failed", details: [{ path: "password" }] });
    expect((await refusal(resetUserPassword(manager, admin.userId, { password: "long enough password" }))).code).toBe("forbidden");
  });
});

describe("deactivateUser and reactivateUser", () => {
  it("deactivates: sessions are gone at once, the actor is anonymous, sign-in is refused; reactivating restores it", async () => {
    const user = await newUser({ role: "BRANCH_STAFF", stationId: shenyang });
    const { cookie } = await signIn(user.username, password);
    expect((await getRequestActor(new Headers({ cookie }))).kind).toBe("user");
    const result = await deactivateUser(manager, user.id);
    expect(result.deactivatedAt).not.toBeNull();
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
    expect(await getRequestActor(new Headers({ cookie }))).toEqual({ kind: "anonymous" });
    expect((await signIn(user.username, password)).status).toBe(401);
    const deactivation = (await auditRowsFor(user.id)).at(-1);
    expect(deactivation).toMatchObject({ action: "UPDATE", cityAdcode: 210100, before: { deactivatedAt: null }, after: { endedSessions: 1 } });
    expect((deactivation?.after as { deactivatedAt: string }).deactivatedAt).toBe(result.deactivatedAt);

    expect((await refusal(deactivateUser(manager, user.id))).code).toBe("conflict");
    await reactivateUser(manager, user.id);
    expect((await auditRowsFor(user.id)).at(-1)).toMatchObject({ action: "UPDATE", after: { deactivatedAt: null } });
    expect((await refusal(reactivateUser(manager, user.id))).code).toBe("conflict");
    expect((await signIn(user.username, password)).status).toBe(200);
  });

  it("refuses deactivating oneself, and leaves the province an active admin", async () => {
    const self = await refusal(deactivateUser(admin, admin.userId));
    expect(self.code).toBe("conflict");
    expect(self.message).toMatch(/不能停用自己的账号/);
    expect((await refusal(deactivateUser(manager, admin.userId))).code).toBe("forbidden");
    expect((await getDb().user.findUniqueOrThrow({ where: { id: admin.userId } })).deactivatedAt).toBeNull();
  });

  it("refuses a change that would leave no active province admin", async () => {
    // Everyone else's admin role is set aside in a transaction that is rolled back, so the check sees
    // `admin` as the last one without disturbing other tests' data.
    const admins = await getDb().roleAssignment.count({ where: { role: "PROVINCE_ADMIN" } });
    const last = await getDb()
      .$transaction(async (tx) => {
        await tx.roleAssignment.deleteMany({ where: { role: "PROVINCE_ADMIN", userId: { not: admin.userId } } });
        await assertAnotherActiveProvinceAdmin(tx, admin.userId);
        throw new Error("the check let the last admin go; rolling back");
      })
      .catch((e: unknown) => e);
    expect(last).toBeInstanceOf(AppError);
    expect((last as AppError).code).toBe("conflict");
    expect(await getDb().roleAssignment.count({ where: { role: "PROVINCE_ADMIN" } })).toBe(admins);
  });
});
