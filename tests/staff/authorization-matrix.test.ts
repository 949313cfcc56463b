import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as deactivatePost } from "@/app/api/v1/admin/users/[id]/deactivate/route";
import { POST as passwordPost } from "@/app/api/v1/admin/users/[id]/password/route";
import { POST as reactivatePost } from "@/app/api/v1/admin/users/[id]/reactivate/route";
import { DELETE as roleDelete } from "@/app/api/v1/admin/users/[id]/roles/[roleId]/route";
import { POST as rolesPost } from "@/app/api/v1/admin/users/[id]/roles/route";
import { GET as userGet, PATCH as userPatch } from "@/app/api/v1/admin/users/[id]/route";
import { POST as usersPost } from "@/app/api/v1/admin/users/route";
import { POST as contactErasePost } from "@/app/api/v1/admin/feedback-contacts/erase/route";
import { POST as contactSearchPost } from "@/app/api/v1/admin/feedback-contacts/route";
import { POST as importPost } from "@/app/api/v1/admin/import/route";
import { POST as resolvePost } from "@/app/api/v1/staff/feedback/[id]/resolve/route";
import { PUT as amenitiesPut } from "@/app/api/v1/staff/stations/[id]/amenities/route";
import { PUT as hoursPut } from "@/app/api/v1/staff/stations/[id]/hours/route";
import { PATCH as stationPatch } from "@/app/api/v1/staff/stations/[id]/route";
import { POST as verifyPost } from "@/app/api/v1/staff/stations/[id]/verify/route";
import { getDb } from "@/lib/db";
import { loadTransferContext } from "@/lib/server/transfer/load-transfer-context";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";
import { stationRecordToCells } from "@/lib/transfer/station-rows";
import { stationTableFile } from "@/lib/transfer/station-table";
import { createStations, testStationRecord } from "../../e2e/support/station-fixtures";
import { signInCookie } from "../support/sign-in";

const system: SystemActor = { kind: "system", label: "system:test-matrix" };
const password = "matrix password 123";
const suffix = randomUUID().slice(0, 8);
let fixture: Awaited<ReturnType<typeof createStations>>;
let stationId: string;
const cookies: Record<string, string> = {};
const userIds: string[] = [];

type Who = "anonymous" | "staffOther" | "staffThis" | "managerOther" | "managerThis" | "admin";

beforeAll(async () => {
  // Both stations are in 沈阳 (210100); 大连 (210200) is the other city.
  fixture = await createStations([{ name: "工行测试权限驿站" }, { name: "工行测试权限驿站二" }]);
  stationId = fixture.ids[0];
  const people: [Exclude<Who, "anonymous">, Parameters<typeof createUser>[1]["role"]][] = [
    ["staffOther", { role: "BRANCH_STAFF", stationId: fixture.ids[1] }],
    ["staffThis", { role: "BRANCH_STAFF", stationId }],
    ["managerOther", { role: "CITY_MANAGER", cityAdcode: 210200 }],
    ["managerThis", { role: "CITY_MANAGER", cityAdcode: 210100 }],
    ["admin", { role: "PROVINCE_ADMIN" }],
  ];
  for (const [who, role] of people) {
    const username = `${who.toLowerCase()}_${suffix}`;
    const user = await createUser(system, { username, email: `${username}@example.cn`, password, name: who, role });
    userIds.push(user.id);
    cookies[who] = await signInCookie(username, password);
  }
});

afterAll(async () => {
  await getDb().station.deleteMany({ where: { code: { startsWith: `T-MX-${suffix}` } } });
  await fixture.remove();
  // Accounts the routes under test created are not in userIds, but carry the run's suffix.
  await getDb().user.deleteMany({ where: { OR: [{ id: { in: userIds } }, { username: { endsWith: `_${suffix}` } }] } });
});

async function version(): Promise<number> {
  return (await getDb().station.findUniqueOrThrow({ where: { id: stationId } })).version;
}

function request(method: string, path: string, who: Who, body: unknown, site = "same-origin"): Request {
  const headers: Record<string, string> = { "content-type": "application/json", "sec-fetch-site": site };
  if (who !== "anonymous") headers.cookie = cookies[who];
  return new Request(`http://localhost${path}`, { method, headers, body: JSON.stringify(body) });
}

type Call = (who: Who, site?: string) => Promise<Response>;

const routes: Record<string, Call> = {
  "PATCH /staff/stations/{id}": async (who, site) =>
    stationPatch(request("PATCH", `/api/v1/staff/stations/${stationId}`, who, { version: await version(), notice: `${who} 的公告` }, site), { params: Promise.resolve({ id: stationId }) }),
  "PUT /staff/stations/{id}/amenities": async (who, site) =>
    amenitiesPut(request("PUT", `/api/v1/staff/stations/${stationId}/amenities`, who, { version: await version(), amenities: [{ code: "rest" }, { code: "wifi" }] }, site), {
      params: Promise.resolve({ id: stationId }),
    }),
  "PUT /staff/stations/{id}/hours": async (who, site) =>
    hoursPut(request("PUT", `/api/v1/staff/stations/${stationId}/hours`, who, { version: await version(), weekly: [{ day: 1, opens: "09:00", closes: "17:00" }], exceptions: [] }, site), {
      params: Promise.resolve({ id: stationId }),
    }),
  "POST /staff/stations/{id}/verify": async (who, site) =>
    verifyPost(request("POST", `/api/v1/staff/stations/${stationId}/verify`, who, { version: await version() }, site), { params: Promise.resolve({ id: stationId }) }),
  "POST /staff/feedback/{id}/resolve": async (who, site) => {
    const report = await getDb().feedbackReport.create({ data: { stationId, kind: "OTHER", message: "测试", clientHash: "matrix" } });
    return resolvePost(request("POST", `/api/v1/staff/feedback/${report.id}/resolve`, who, { resolution: "fixed", note: who }, site), { params: Promise.resolve({ id: report.id }) });
  },
};

const expected: Record<Who, number> = { anonymous: 401, staffOther: 403, staffThis: 200, managerOther: 403, managerThis: 200, admin: 200 };

/** A fresh account for each call to work on: branch staff of this station, in 沈阳. */
async function target(): Promise<string> {
  const username = `target${targets++}_${suffix}`;
  const user = await createUser(system, { username, email: `${username}@example.cn`, password, name: "目标员工", role: { role: "BRANCH_STAFF", stationId } });
  userIds.push(user.id);
  return user.id;
}
let targets = 0;

const onTarget = (handler: (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>, method: string, path: string, body: (id: string) => unknown) =>
  (async (who, site) => {
    const id = await target();
    return handler(request(method, `/api/v1/admin/users/${id}${path}`, who, body(id), site), { params: Promise.resolve({ id }) });
  }) satisfies Call;

function newUserBody(role: unknown) {
  const username = `made${targets++}_${suffix}`;
  return { username, email: `${username}@example.cn`, password, name: "新员工", role };
}

// Admin routes: staff manage no accounts, even their own station's colleagues; a city manager manages
// their city's branch staff (and only gives branch staff roles); a province admin everyone.
const adminRoutes: Record<string, Call> = {
  "POST /admin/users (branch staff of this station)": (who, site) =>
    usersPost(request("POST", "/api/v1/admin/users", who, newUserBody({ role: "BRANCH_STAFF", stationId }), site), { params: Promise.resolve({}) }),
  "PATCH /admin/users/{id}": onTarget(userPatch, "PATCH", "", () => ({ name: "改过的名字" })),
  "POST /admin/users/{id}/roles (branch staff)": onTarget(rolesPost, "POST", "/roles", () => ({ role: "BRANCH_STAFF", stationId: fixture.ids[1] })),
  "DELETE /admin/users/{id}/roles/{roleId}": async (who, site) => {
    const id = await target();
    const role = await getDb().roleAssignment.findFirstOrThrow({ where: { userId: id } });
    return roleDelete(request("DELETE", `/api/v1/admin/users/${id}/roles/${role.id}`, who, {}, site), { params: Promise.resolve({ id, roleId: role.id }) });
  },
  "POST /admin/users/{id}/password": onTarget(passwordPost, "POST", "/password", () => ({ password: "a new password 456" })),
  "POST /admin/users/{id}/deactivate": onTarget(deactivatePost, "POST", "/deactivate", () => ({})),
  "POST /admin/users/{id}/reactivate": async (who, site) => {
    const id = await target();
    await getDb().user.update({ where: { id }, data: { deactivatedAt: new Date() } });
    return reactivatePost(request("POST", `/api/v1/admin/users/${id}/reactivate`, who, {}, site), { params: Promise.resolve({ id }) });
  },
};
const adminExpected: Record<Who, number> = { anonymous: 401, staffOther: 403, staffThis: 403, managerOther: 403, managerThis: 200, admin: 200 };

// What only a province admin may do.
const provinceRoutes: Record<string, Call> = {
  "POST /admin/users (city manager)": (who, site) =>
    usersPost(request("POST", "/api/v1/admin/users", who, newUserBody({ role: "CITY_MANAGER", cityAdcode: 210100 }), site), { params: Promise.resolve({}) }),
  "POST /admin/users/{id}/roles (city manager)": onTarget(rolesPost, "POST", "/roles", () => ({ role: "CITY_MANAGER", cityAdcode: 210100 })),
};
const provinceExpected: Record<Who, number> = { ...adminExpected, managerThis: 403 };

function matrix(title: string, table: Record<string, Call>, statuses: Record<Who, number>) {
  describe(title, () => {
    for (const [route, call] of Object.entries(table)) {
      for (const [who, status] of Object.entries(statuses) as [Who, number][]) {
        it(`${route} as ${who} → ${status === 200 ? "allowed" : status}`, async () => {
          const response = await call(who);
          const body = await response.json();
          if (status === 200) {
            expect([200, 201], JSON.stringify(body)).toContain(response.status);
          } else {
            expect(response.status, JSON.stringify(body)).toBe(status);
            expect(body.error.code).toBe(status === 401 ? "unauthenticated" : "forbidden");
          }
        });
      }

      it(`${route} from another site is refused even for an admin`, async () => {
        const response = await call("admin", "cross-site");
        expect(response.status).toBe(403);
      });
    }
  });
}

matrix("every staff route against every kind of caller", routes, expected);
matrix("every admin route against every kind of caller", adminRoutes, adminExpected);
matrix("admin routes only a province admin may use", provinceRoutes, provinceExpected);

const everyone = Object.keys(expected) as Who[];

// Import: province admins anywhere, city managers into their own city; a manager of another city is
// refused row by row (422, naming the city), so the whole file writes nothing.
describe("POST /admin/import (apply) against every kind of caller", () => {
  const importExpected: Record<Who, number> = { anonymous: 401, staffOther: 403, staffThis: 403, managerOther: 422, managerThis: 200, admin: 200 };
  let imports = 0;

  async function importNewStation(who: Who, site = "same-origin") {
    const context = await loadTransferContext();
    const code = `T-MX-${suffix}-${imports++}`;
    const record = testStationRecord({ code, name: `工行权限导入驿站${imports}` });
    const data = new FormData();
    data.append("file", new File([Buffer.from(await stationTableFile("csv", [stationRecordToCells(record, context)], context))], "stations.csv"));
    const headers: Record<string, string> = { "sec-fetch-site": site };
    if (who !== "anonymous") headers.cookie = cookies[who];
    const response = await importPost(new Request("http://localhost/api/v1/admin/import?mode=apply", { method: "POST", headers, body: data }), { params: Promise.resolve({}) });
    const body = await response.text();
    return { response, body, created: (await getDb().station.count({ where: { code } })) === 1 };
  }

  for (const who of everyone) {
    const status = importExpected[who];
    it(`as ${who} → ${status === 200 ? "allowed" : status}`, async () => {
      const { response, body, created } = await importNewStation(who);
      expect(response.status, body).toBe(status);
      expect(created, "the station exists afterwards").toBe(status === 200);
      if (status === 200) expect(body.trim().split("\n").at(-1)).toContain('"type":"done"');
      else expect(JSON.parse(body).error.code).toBe({ 401: "unauthenticated", 403: "forbidden", 422: "unprocessable" }[status]);
    });
  }

  it("from another site is refused even for an admin", async () => {
    const { response, created } = await importNewStation("admin", "cross-site");
    expect(response.status).toBe(403);
    expect(created).toBe(false);
  });
});

// Finding and erasing a reporter's contact everywhere is for province admins only.
describe("POST /admin/feedback-contacts and /erase against every kind of caller", () => {
  const provinceOnly: Record<Who, number> = { anonymous: 401, staffOther: 403, staffThis: 403, managerOther: 403, managerThis: 403, admin: 200 };
  let reports = 0;

  async function reportWithContact(): Promise<{ id: string; contact: string }> {
    const contact = `1390000${String(reports++).padStart(4, "0")}${suffix.slice(0, 2)}`;
    const report = await getDb().feedbackReport.create({ data: { stationId, kind: "OTHER", message: "测试", clientHash: "matrix", contact } });
    return { id: report.id, contact };
  }

  for (const who of everyone) {
    const status = provinceOnly[who];
    it(`search as ${who} → ${status === 200 ? "allowed" : status}`, async () => {
      const { contact } = await reportWithContact();
      const response = await contactSearchPost(request("POST", "/api/v1/admin/feedback-contacts", who, { contact }), { params: Promise.resolve({}) });
      const body = await response.json();
      expect(response.status, JSON.stringify(body)).toBe(status);
      if (status === 200) expect(body.matches).toHaveLength(1);
      else expect(body.error.code).toBe(status === 401 ? "unauthenticated" : "forbidden");
    });

    it(`erase as ${who} → ${status === 200 ? "allowed" : status}`, async () => {
      const report = await reportWithContact();
      const response = await contactErasePost(request("POST", "/api/v1/admin/feedback-contacts/erase", who, { contact: report.contact }), { params: Promise.resolve({}) });
      const body = await response.json();
      expect(response.status, JSON.stringify(body)).toBe(status);
      const after = await getDb().feedbackReport.findUniqueOrThrow({ where: { id: report.id } });
      expect(after.contact, "the contact afterwards").toBe(status === 200 ? null : report.contact);
    });
  }

  it("erase from another site is refused even for an admin", async () => {
    const report = await reportWithContact();
    const response = await contactErasePost(request("POST", "/api/v1/admin/feedback-contacts/erase", "admin", { contact: report.contact }, "cross-site"), { params: Promise.resolve({}) });
    expect(response.status).toBe(403);
    expect((await getDb().feedbackReport.findUniqueOrThrow({ where: { id: report.id } })).contact).toBe(report.contact);
  });
});

describe("admin reads", () => {
  it("GET /admin/users/{id} is scoped like the writes", async () => {
    const id = await target();
    const statuses: Partial<Record<Who, number>> = {};
    for (const who of Object.keys(adminExpected) as Who[]) {
      statuses[who] = (await userGet(request("GET", `/api/v1/admin/users/${id}`, who, undefined), { params: Promise.resolve({ id }) })).status;
    }
    expect(statuses).toEqual({ anonymous: 401, staffOther: 403, staffThis: 403, managerOther: 403, managerThis: 200, admin: 200 });
  });
});

describe("a stale save", () => {
  it("answers 409 with the values it would have overwritten", async () => {
    const stale = (await version()) - 1;
    const response = await stationPatch(request("PATCH", `/api/v1/staff/stations/${stationId}`, "admin", { version: stale, notice: "过期的修改" }), {
      params: Promise.resolve({ id: stationId }),
    });
    const body = await response.json();
    expect(response.status).toBe(409);
    expect(body.error.code).toBe("conflict");
    expect(body.error.details.current.version).toBe(stale + 1);
  });

  it("answers 400 for a malformed edit, never 500", async () => {
    for (const edit of [{}, { version: "1" }, { version: 1 }, { version: 1, notice: "x".repeat(501) }, { version: 1, phone: "<script>" }, { version: 1, color: "red" }]) {
      const response = await stationPatch(request("PATCH", `/api/v1/staff/stations/${stationId}`, "admin", edit), { params: Promise.resolve({ id: stationId }) });
      expect(response.status, JSON.stringify(edit)).toBe(400);
    }
  });
});
