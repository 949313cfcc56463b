/**
 * Inputs the property tests (api-routes.test.ts) found answering 500, each pinned to its route so the fix
 * cannot quietly regress: NUL bytes PostgreSQL refuses in text, years it cannot store, integers past its
 * int4 columns, ids that are not uuids cast to uuid, a refinement reading a field that failed to parse.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as userGet, PATCH as userPatch } from "@/app/api/v1/admin/users/[id]/route";
import { POST as deactivatePost } from "@/app/api/v1/admin/users/[id]/deactivate/route";
import { POST as rolesPost } from "@/app/api/v1/admin/users/[id]/roles/route";
import { GET as usersGet, POST as usersPost } from "@/app/api/v1/admin/users/route";
import { POST as resolvePost } from "@/app/api/v1/staff/feedback/[id]/resolve/route";
import { GET as auditGet } from "@/app/api/v1/staff/audit/route";
import { PUT as amenitiesPut } from "@/app/api/v1/staff/stations/[id]/amenities/route";
import { PUT as hoursPut } from "@/app/api/v1/staff/stations/[id]/hours/route";
import { PATCH as stationPatch } from "@/app/api/v1/staff/stations/[id]/route";
import { POST as verifyPost } from "@/app/api/v1/staff/stations/[id]/verify/route";
import { GET as stationsGet } from "@/app/api/v1/stations/route";
import { getDb } from "@/lib/db";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";
import { createStations } from "../../e2e/support/station-fixtures";
import { signInCookie } from "../support/sign-in";
import { currentVersion } from "../support/test-actors";

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

const system: SystemActor = { kind: "system", label: "system:test-hostile" };
const suffix = randomUUID().slice(0, 8);
const password = "hostile password 1";
let cookie = "";
let fixture: Awaited<ReturnType<typeof createStations>>;
let stationId = "";
let targetId = "";

beforeAll(async () => {
  fixture = await createStations([{ name: "工行测试恶意输入驿站" }]);
  stationId = fixture.ids[0];
  await createUser(system, { username: `hostile_${suffix}`, email: `hostile_${suffix}@example.cn`, password, name: "管理员", role: { role: "PROVINCE_ADMIN" } });
  targetId = (await createUser(system, { username: `hostilet_${suffix}`, email: `hostilet_${suffix}@example.cn`, password, name: "员工", role: { role: "BRANCH_STAFF", stationId } })).id;
  cookie = await signInCookie(`hostile_${suffix}`, password);
});

afterAll(async () => {
  await getDb().user.deleteMany({ where: { username: { endsWith: `_${suffix}` } } });
  await fixture.remove();
});

async function call<P>(handler: Handler<P>, method: string, path: string, params: P, body?: unknown) {
  const headers = { cookie, "sec-fetch-site": "same-origin", "content-type": "application/json" };
  const response = await handler(new Request(`http://localhost${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), {
    params: Promise.resolve(params),
  });
  return { status: response.status, body: await response.json() };
}

/** A 400 naming the field, in the documented shape. */
function expectRefused(answer: { status: number; body: { error: { code: string; details?: { path: string }[] } } }, path: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(400);
  expect(answer.body.error.code).toBe("validation_failed");
  expect(answer.body.error.details?.map((d) => d.path)).toContain(path);
}

describe("text PostgreSQL cannot hold (a NUL byte) is refused as bad input", () => {
  it("in an account's name, on creation and on change", async () => {
    const username = `nul_${suffix}`;
    expectRefused(await call(usersPost, "POST", "/api/v1/admin/users", {}, { username, email: `${username}@example.cn`, password, name: "a\u0000b" }), "name");
    expectRefused(await call(userPatch, "PATCH", `/api/v1/admin/users/${targetId}`, { id: targetId }, { name: "x\u0000" }), "name");
  });

  it("in a station's notice, an amenity's note and an exception's note", async () => {
    expectRefused(await call(stationPatch, "PATCH", `/api/v1/staff/stations/${stationId}`, { id: stationId }, { version: await currentVersion(stationId), notice: "公告\u0000" }), "notice");
    const amenities = { version: await currentVersion(stationId), amenities: [{ code: "wifi", note: "密码\u0000" }] };
    expectRefused(await call(amenitiesPut, "PUT", `/api/v1/staff/stations/${stationId}/amenities`, { id: stationId }, amenities), "amenities.0.note");
    const hours = { version: await currentVersion(stationId), weekly: [], exceptions: [{ kind: "holiday", startsOn: "2026-10-01", endsOn: "2026-10-07", closed: true, note: "\u0000" }] };
    expectRefused(await call(hoursPut, "PUT", `/api/v1/staff/stations/${stationId}/hours`, { id: stationId }, hours), "exceptions.0.note");
  });

  it("in a resolution note and in the account search", async () => {
    const report = await getDb().feedbackReport.create({ data: { stationId, kind: "OTHER", message: "测试", clientHash: "hostile" } });
    expectRefused(await call(resolvePost, "POST", `/api/v1/staff/feedback/${report.id}/resolve`, { id: report.id }, { resolution: "fixed", note: "\u0000" }), "note");
    expectRefused(await call(usersGet, "GET", "/api/v1/admin/users?q=%00", {}), "q");
  });

  it("in an account id in the path: no such account", async () => {
    for (const id of ["\u0000", "a\u0000b"]) {
      expect((await call(userGet, "GET", "/api/v1/admin/users/x", { id })).status).toBe(404);
      expect((await call(deactivatePost, "POST", "/api/v1/admin/users/x/deactivate", { id })).status).toBe(404);
    }
  });
});

describe("dates PostgreSQL cannot store are refused", () => {
  it("year 0 and past 9999 in amenity check times, exception dates and audit filters", async () => {
    for (const checkedAt of ["0000-01-01T00:00:00Z", "9999-12-31T23:59:59-14:00"]) {
      const body = { version: await currentVersion(stationId), amenities: [{ code: "wifi", checkedAt }] };
      expectRefused(await call(amenitiesPut, "PUT", `/api/v1/staff/stations/${stationId}/amenities`, { id: stationId }, body), "amenities.0.checkedAt");
    }
    const hours = { version: await currentVersion(stationId), weekly: [], exceptions: [{ kind: "holiday", startsOn: "0000-01-01", endsOn: "2026-01-01", closed: true }] };
    expectRefused(await call(hoursPut, "PUT", `/api/v1/staff/stations/${stationId}/hours`, { id: stationId }, hours), "exceptions.0.startsOn");
    expectRefused(await call(auditGet, "GET", "/api/v1/staff/audit?from=0000-01-01", {}), "from");
    expectRefused(await call(auditGet, "GET", "/api/v1/staff/audit?to=9999-12-31", {}), "to");
  });
});

describe("numbers and ids past what the columns hold", () => {
  it("a city adcode beyond int4 is no city", async () => {
    const username = `big_${suffix}`;
    const created = await call(usersPost, "POST", "/api/v1/admin/users", {}, { username, email: `${username}@example.cn`, password, name: "大", role: { role: "CITY_MANAGER", cityAdcode: 2 ** 53 - 1 } });
    expectRefused(created, "role.cityAdcode");
    expectRefused(await call(rolesPost, "POST", `/api/v1/admin/users/${targetId}/roles`, { id: targetId }, { role: "CITY_MANAGER", cityAdcode: 2 ** 31 }), "cityAdcode");
  });

  it("a station or report id that is no uuid names nothing (404), for every staff write", async () => {
    for (const id of ["", "plto", "../x"]) {
      expect((await call(verifyPost, "POST", "/api/v1/staff/stations/x/verify", { id }, { version: 1 })).status).toBe(404);
      expect((await call(stationPatch, "PATCH", "/api/v1/staff/stations/x", { id }, { version: 1, notice: "x" })).status).toBe(404);
      expect((await call(resolvePost, "POST", "/api/v1/staff/feedback/x/resolve", { id }, { resolution: "fixed" })).status).toBe(404);
    }
  });
});

describe("what the import would refuse is refused when staff save it", () => {
  it("overlapping periods on one day (the station's export would fail its own re-import)", async () => {
    const hours = { version: await currentVersion(stationId), weekly: [{ day: 1, opens: "09:00", closes: "24:00" }, { day: 1, opens: "12:00", closes: "13:00" }], exceptions: [] };
    expectRefused(await call(hoursPut, "PUT", `/api/v1/staff/stations/${stationId}/hours`, { id: stationId }, hours), "weekly");
    const touching = { ...hours, version: await currentVersion(stationId), weekly: [{ day: 1, opens: "09:00", closes: "12:00" }, { day: 1, opens: "12:00", closes: "17:00" }] };
    expect((await call(hoursPut, "PUT", `/api/v1/staff/stations/${stationId}/hours`, { id: stationId }, touching)).status).toBe(200);
  });
});

describe("a refinement never reads a field that failed to parse", () => {
  it("a malformed updatedSince with a valid cursor is a 400, not a TypeError", async () => {
    const since = "2000-01-01T00:00:00Z";
    const first = await stationsGet(new Request(`http://localhost/api/v1/stations?updatedSince=${since}&limit=1`), { params: Promise.resolve({}) });
    const { nextCursor } = await first.json();
    expect(nextCursor).toEqual(expect.any(String));
    const query = new URLSearchParams([["updatedSince", "2000-13-01"], ["cursor", nextCursor]]);
    const response = await stationsGet(new Request(`http://localhost/api/v1/stations?${query}`), { params: Promise.resolve({}) });
    expect(response.status).toBe(400);
    expect((await response.json()).error.details.map((d: { path: string }) => d.path)).toContain("updatedSince");
  });
});
