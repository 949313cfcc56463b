import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as auditCsvGet } from "@/app/api/v1/staff/audit.csv/route";
import { GET as auditGet } from "@/app/api/v1/staff/audit/route";
import { getDb } from "@/lib/db";
import type { Actor, RoleGrant } from "@/lib/server/actor";
import { anonymousActor } from "@/lib/server/actor";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { updateStationAmenities } from "@/lib/server/station/update-station-amenities";
import { updateStation } from "@/lib/server/station/update-station";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";
import { auditPageSchema } from "@/lib/validations/staff-responses";
import { auditQueryParamsSchema, stationAmenitiesEditSchema, type AuditQuery } from "@/lib/validations/station-edit";
import { createStations } from "../../e2e/support/station-fixtures";
import { signInCookie } from "../support/sign-in";

const tag = randomUUID().slice(0, 6);
const names = { a: `工行测试审计甲${tag}`, b: `工行测试审计乙${tag}`, c: `工行测试审计丙${tag}`, d: `工行测试审计丁${tag}` };
let fixture: Awaited<ReturnType<typeof createStations>>;
let ids: { a: string; b: string; c: string; d: string };

function user(label: string, ...roles: RoleGrant[]): Actor & { kind: "user" } {
  return { kind: "user", userId: `test-audit-${label}-${tag}`, label: `user:${label}`, roles };
}
const adminGrant: RoleGrant = { role: "PROVINCE_ADMIN", cityAdcode: null, stationId: null };
const alice = user("alice", adminGrant);
const bob = user("bob", adminGrant);
const shenyang = user("sy", { role: "CITY_MANAGER", cityAdcode: 210100, stationId: null });
const dalian = user("dl", { role: "CITY_MANAGER", cityAdcode: 210200, stationId: null });
const staffOfA = () => user("staff-a", { role: "BRANCH_STAFF", cityAdcode: null, stationId: ids.a });

async function version(id: string) {
  return (await getDb().station.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
}

/** Only the events of this file's stations (their names share `tag`): the test database holds other files' history too. */
async function list(actor: Actor, query: Partial<AuditQuery> = {}) {
  return listAuditEvents(actor, { limit: 500, station: tag, ...query });
}

// Seven identical instants, so pages must break ties by id; the table is append-only, so they are inserted as such.
const tiedAt = new Date("2026-03-01T04:00:00.000Z");

beforeAll(async () => {
  // a and b in 沈阳 (210100), c in 大连 (210200); d holds the tied events.
  fixture = await createStations([
    { name: names.a },
    { name: names.b },
    { name: names.c, cityAdcode: 210200, districtAdcode: 210202, lat: 38.9145, lng: 121.6186, address: "辽宁省大连市中山区测试路1号" },
    { name: names.d },
  ]);
  const [a, b, c, d] = fixture.ids;
  ids = { a, b, c, d };
  await updateStation(alice, a, { version: await version(a), notice: "甲的第一条公告" });
  await updateStation(alice, a, { version: await version(a), phone: "024-12345678" });
  await updateStationAmenities(alice, a, stationAmenitiesEditSchema.parse({ version: await version(a), amenities: [{ code: "rest" }, { code: "toilet" }] }));
  await updateStation(bob, b, { version: await version(b), notice: "乙的公告" });
  await updateStation(bob, c, { version: await version(c), status: "temporarily_closed" });
  await getDb().auditEvent.createMany({
    data: Array.from({ length: 7 }, (_, i) => ({
      occurredAt: tiedAt,
      actorLabel: "system:test",
      entity: "station",
      entityId: d,
      action: "UPDATE" as const,
      stationId: d,
      cityAdcode: 210100,
      before: { notice: `${i}` },
      after: { notice: `${i + 1}` },
    })),
  });
});

afterAll(async () => {
  await fixture.remove();
});

describe("listAuditEvents filters", () => {
  it("by station id, and by part of a station's name or its code", async () => {
    const byId = await list(alice, { stationId: ids.a });
    expect(byId.map((e) => e.entity)).toEqual(["station_amenities", "station", "station"]);
    expect(byId.every((e) => e.stationName === names.a && e.cityName === "沈阳市")).toBe(true);
    expect((await list(alice, { station: `审计甲${tag}` })).map((e) => e.id)).toEqual(byId.map((e) => e.id));
    const code = (await getDb().station.findUniqueOrThrow({ where: { id: ids.b } })).code;
    expect((await list(alice, { station: code.toLowerCase() })).map((e) => e.stationId)).toEqual([ids.b]);
    // LIKE wildcards are matched as themselves.
    expect(await list(alice, { station: "%" })).toEqual([]);
  });

  it("by city", async () => {
    expect((await list(alice, { cityAdcode: 210200 })).map((e) => e.stationId)).toEqual([ids.c]);
    expect(new Set((await list(alice, { cityAdcode: 210100 })).map((e) => e.stationId))).toEqual(new Set([ids.a, ids.b, ids.d]));
  });

  it("by user, kind and action", async () => {
    expect(new Set((await list(alice, { actorUserId: bob.userId })).map((e) => e.stationId))).toEqual(new Set([ids.b, ids.c]));
    expect((await list(alice, { actorUserId: bob.userId })).every((e) => e.actorLabel === "user:bob")).toBe(true);
    expect((await list(alice, { entity: "station_amenities" })).map((e) => e.stationId)).toEqual([ids.a]);
    expect(await list(alice, { action: "create" })).toEqual([]);
    expect((await list(alice, { action: "update" })).length).toBe(12);
  });

  it("by date range, a date being a whole day in Asia/Shanghai", async () => {
    // 2026-03-01T04:00Z is 12:00 on 1 March in Shanghai.
    const range = (from?: string, to?: string) => auditQueryParamsSchema.parse({ stationId: ids.d, ...(from && { from }), ...(to && { to }) });
    expect(await list(alice, range("2026-03-01", "2026-03-01"))).toHaveLength(7);
    expect(await list(alice, range("2026-03-02"))).toHaveLength(0);
    expect(await list(alice, range(undefined, "2026-02-28"))).toHaveLength(0);
    // An instant with offset keeps the API's meaning: `from` inclusive, `to` exclusive.
    expect(await list(alice, range("2026-03-01T12:00:00+08:00", "2026-03-01T12:00:00.001+08:00"))).toHaveLength(7);
    expect(await list(alice, range(undefined, "2026-03-01T12:00:00+08:00"))).toHaveLength(0);
    // Shanghai midnight, not UTC midnight: 1 March 00:00 in Shanghai is 28 February 16:00 UTC.
    expect(range("2026-03-01").from).toBe("2026-02-28T16:00:00.000Z");
    expect(range(undefined, "2026-03-01").to).toBe("2026-03-01T16:00:00.000Z");
  });
});

describe("scope", () => {
  it("a city manager reads only their city, branch staff only their stations, anonymous nothing", async () => {
    expect(new Set((await list(shenyang)).map((e) => e.stationId))).toEqual(new Set([ids.a, ids.b, ids.d]));
    expect((await list(dalian)).map((e) => e.stationId)).toEqual([ids.c]);
    expect(new Set((await list(staffOfA())).map((e) => e.stationId))).toEqual(new Set([ids.a]));
    // A filter cannot widen the scope.
    expect(await list(dalian, { stationId: ids.a })).toEqual([]);
    expect(await list(staffOfA(), { cityAdcode: 210100, stationId: ids.b })).toEqual([]);
    expect(await listAuditEvents(user("nobody"), { limit: 10 })).toEqual([]);
    await expect(listAuditEvents(anonymousActor, { limit: 10 })).rejects.toMatchObject({ code: "unauthenticated" });
  });
});

describe("keyset pagination", () => {
  it("returns every event exactly once across pages, ties at one instant included", async () => {
    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: AuditQuery["cursor"];
      for (let page = 0; page < 50; page++) {
        const events = await listAuditEvents(alice, { station: tag, limit, cursor });
        seen.push(...events.map((e) => e.id));
        if (events.length < limit) break;
        cursor = { occurredAt: events.at(-1)!.occurredAt, id: events.at(-1)!.id };
      }
      const all = await listAuditEvents(alice, { station: tag, limit: 500 });
      expect(all).toHaveLength(12);
      expect(seen).toEqual(all.map((e) => e.id));
    }
  });
});

describe("GET /api/v1/staff/audit and its CSV", () => {
  const system: SystemActor = { kind: "system", label: "system:test-audit" };
  const password = "audit test password 1";
  const cookies: Record<string, string> = {};
  const userIds: string[] = [];

  beforeAll(async () => {
    for (const [who, role] of [
      ["admin", { role: "PROVINCE_ADMIN" }],
      ["dalian", { role: "CITY_MANAGER", cityAdcode: 210200 }],
    ] as const) {
      const username = `audit_${who}_${tag}`;
      const created = await createUser(system, { username, email: `${username}@example.cn`, password, name: who, role });
      userIds.push(created.id);
      cookies[who] = await signInCookie(username, password);
    }
  });

  afterAll(async () => {
    await getDb().user.deleteMany({ where: { id: { in: userIds } } });
  });

  async function get(query: string, who?: "admin" | "dalian", handler = auditGet) {
    const response = await handler(new Request(`http://localhost/api/v1/staff/audit?${query}`, { headers: who ? { cookie: cookies[who] } : {} }), {
      params: Promise.resolve({}),
    });
    return response;
  }

  it("pages with nextCursor until it is null", async () => {
    const seen: string[] = [];
    let query = `station=${encodeURIComponent(tag)}&limit=5`;
    for (let page = 0; page < 10; page++) {
      const response = await get(query, "admin");
      expect(response.status).toBe(200);
      const body = auditPageSchema.parse(await response.json());
      seen.push(...body.data.map((e) => e.id));
      if (!body.nextCursor) break;
      query = `station=${encodeURIComponent(tag)}&limit=5&cursor=${encodeURIComponent(body.nextCursor)}`;
    }
    expect(new Set(seen).size).toBe(12);
    expect(seen).toHaveLength(12);
  });

  it("keeps the earlier parameters working and ignores empty ones, as a GET form sends them", async () => {
    const response = await get(`stationId=${ids.a}&entity=station&from=2020-01-01T00:00:00%2B08:00&limit=10&station=&cityAdcode=`, "admin");
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.data).toHaveLength(2);
    expect(body.data[0]).toMatchObject({ stationId: ids.a, stationName: names.a, cityAdcode: 210100, cityName: "沈阳市", action: "update" });
    expect(body.nextCursor).toBeNull();
  });

  it("scopes by the session's roles and refuses anonymous callers", async () => {
    const body = await (await get(`station=${encodeURIComponent(tag)}`, "dalian")).json();
    expect(body.data.map((e: { stationId: string }) => e.stationId)).toEqual([ids.c]);
    const anonymous = await get("");
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe("unauthenticated");
  });

  it.each([
    ["cityAdcode=abc", "cityAdcode"],
    ["stationId=not-a-uuid", "stationId"],
    ["from=yesterday", "from"],
    ["to=2026-02-30", "to"],
    ["from=2026-03-02&to=2026-03-01", "to"],
    ["cursor=garbage", "cursor"],
    ["cursor=2026-03-01T04:00:00.000Z~1%27%20OR%201=1", "cursor"],
    ["limit=0", "limit"],
    ["limit=501", "limit"],
    ["action=erase", "action"],
    ["actorUserId=a%00b", "actorUserId"],
    ["station=x%01", "station"],
    ["entity=a&entity=b", "entity"],
    ["colour=red", "colour"],
  ])("answers 400 JSON for %s", async (query, path) => {
    const response = await get(query, "admin");
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(400);
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it("exports the filtered log as CSV with a BOM, formula-like text defused", async () => {
    await updateStation(alice, ids.a, { version: await version(ids.a), notice: "=HYPERLINK(\"http://evil\")" });
    const response = await get(`stationId=${ids.a}&entity=station`, "admin", auditCsvGet);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toContain("时间（北京时间）");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(names.a);
    expect(lines[1]).toContain("驿站信息");
    expect(lines[1]).toContain('""notice""');
    expect(lines[1]).not.toMatch(/,"=/);
    expect((await get(`stationId=${ids.a}`, undefined, auditCsvGet)).status).toBe(401);
  });
});
