import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as resolvePost } from "@/app/api/v1/staff/feedback/[id]/resolve/route";
import { PUT as amenitiesPut } from "@/app/api/v1/staff/stations/[id]/amenities/route";
import { PUT as hoursPut } from "@/app/api/v1/staff/stations/[id]/hours/route";
import { PATCH as stationPatch } from "@/app/api/v1/staff/stations/[id]/route";
import { POST as verifyPost } from "@/app/api/v1/staff/stations/[id]/verify/route";
import { getDb } from "@/lib/db";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";
import { createStations } from "../../e2e/support/station-fixtures";
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
  await fixture.remove();
  await getDb().user.deleteMany({ where: { id: { in: userIds } } });
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

describe("every staff route against every kind of caller", () => {
  for (const [route, call] of Object.entries(routes)) {
    for (const [who, status] of Object.entries(expected) as [Who, number][]) {
      it(`${route} as ${who} → ${status}`, async () => {
        const response = await call(who);
        const body = await response.json();
        expect(response.status, JSON.stringify(body)).toBe(status);
        if (status !== 200) expect(body.error.code).toBe(status === 401 ? "unauthenticated" : "forbidden");
      });
    }

    it(`${route} from another site is refused even for an admin`, async () => {
      const response = await call("admin", "cross-site");
      expect(response.status).toBe(403);
    });
  }
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
