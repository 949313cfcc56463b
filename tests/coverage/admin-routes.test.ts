import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as areaStatisticsGet } from "@/app/api/v1/admin/area-statistics/route";
import { GET as coverageGet } from "@/app/api/v1/admin/coverage/route";
import { getDb } from "@/lib/db";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";
import { createStations } from "../../e2e/support/station-fixtures";
import { signInCookie } from "../support/sign-in";
import { callRoute } from "../support/call-route";

const system: SystemActor = { kind: "system", label: "system:test-coverage-routes" };
const password = "coverage routes password";
const suffix = randomUUID().slice(0, 8);
const cookies: Record<"admin" | "manager" | "staff", string> = { admin: "", manager: "", staff: "" };
const userIds: string[] = [];
let fixture: Awaited<ReturnType<typeof createStations>>;

beforeAll(async () => {
  fixture = await createStations([{ name: "工行测试覆盖接口驿站" }]);
  const people = [
    ["admin", { role: "PROVINCE_ADMIN" }],
    ["manager", { role: "CITY_MANAGER", cityAdcode: 210100 }],
    ["staff", { role: "BRANCH_STAFF", stationId: fixture.ids[0] }],
  ] as const;
  for (const [who, role] of people) {
    const username = `cov_${who}_${suffix}`;
    const created = await createUser(system, { username, email: `${username}@example.cn`, password, name: who, role });
    userIds.push(created.id);
    cookies[who] = await signInCookie(username, password);
  }
});

afterAll(async () => {
  await fixture.remove();
  await getDb().user.deleteMany({ where: { id: { in: userIds } } });
});

const as = (who: keyof typeof cookies | "anonymous") => (who === "anonymous" ? undefined : { headers: { cookie: cookies[who] } });

describe("GET /api/v1/admin/coverage", () => {
  it("answers an admin with the province and a city manager with their city", async () => {
    const admin = await callRoute(coverageGet, "/api/v1/admin/coverage?thresholdMeters=1000&amenity=toilet", {}, as("admin"));
    expect(admin.status).toBe(200);
    expect(admin.headers.get("cache-control")).toBe("no-store");
    expect(admin.body.data).toMatchObject({ amenity: "toilet", thresholdMeters: 1000, detourFactor: 1.3, cellMeters: 500 });
    expect(admin.body.data.districts).toHaveLength(75);
    const manager = await callRoute(coverageGet, "/api/v1/admin/coverage", {}, as("manager"));
    expect(manager.status).toBe(200);
    expect(manager.body.data.thresholdMeters).toBe(1000);
    expect(new Set(manager.body.data.districts.map((d: { cityAdcode: number }) => d.cityAdcode))).toEqual(new Set([210100]));
  });

  it.each([
    ["anonymous", 401, "unauthenticated"],
    ["staff", 403, "forbidden"],
  ] as const)("refuses %s", async (who, status, code) => {
    const { status: actual, body } = await callRoute(coverageGet, "/api/v1/admin/coverage", {}, as(who));
    expect(actual).toBe(status);
    expect(body.error.code).toBe(code);
  });

  it.each([
    ["a threshold that is not a number", "thresholdMeters=abc", "thresholdMeters"],
    ["a threshold below 200 m", "thresholdMeters=199", "thresholdMeters"],
    ["a threshold above 5000 m", "thresholdMeters=5001", "thresholdMeters"],
    ["a fractional threshold", "thresholdMeters=1000.5", "thresholdMeters"],
    ["a repeated threshold", "thresholdMeters=1000&thresholdMeters=2000", "thresholdMeters"],
    ["a malformed amenity code", "amenity=Toilet%20!", "amenity"],
    ["an unknown amenity", "amenity=no_such_amenity", "amenity"],
    ["an unknown parameter", "radius=5", "radius"],
  ])("answers 400 for %s", async (_label, search, path) => {
    const { status, body } = await callRoute(coverageGet, `/api/v1/admin/coverage?${search}`, {}, as("admin"));
    expect(status).toBe(400);
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });
});

describe("GET /api/v1/admin/area-statistics", () => {
  it("answers an admin with 14 cities and a city manager with theirs", async () => {
    const admin = await callRoute(areaStatisticsGet, "/api/v1/admin/area-statistics", {}, as("admin"));
    expect(admin.status).toBe(200);
    expect(admin.body.data.cities).toHaveLength(14);
    const manager = await callRoute(areaStatisticsGet, "/api/v1/admin/area-statistics", {}, as("manager"));
    expect(manager.body.data.cities.map((c: { adcode: number }) => c.adcode)).toEqual([210100]);
  });

  it.each([
    ["anonymous", 401],
    ["staff", 403],
  ] as const)("refuses %s", async (who, status) => {
    expect((await callRoute(areaStatisticsGet, "/api/v1/admin/area-statistics", {}, as(who))).status).toBe(status);
  });

  it("answers 400 for a parameter it does not take", async () => {
    const { status, body } = await callRoute(areaStatisticsGet, "/api/v1/admin/area-statistics?city=210100", {}, as("admin"));
    expect(status).toBe(400);
    expect(body.error.details[0].path).toBe("city");
  });
});
