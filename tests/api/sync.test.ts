import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getStations } from "@/app/api/v1/stations/route";
import { getDb } from "@/lib/db";
import { stationRecordToRows } from "@/lib/seed/station-records";
import { updateStation } from "@/lib/server/station/update-station";
import { stationRecordSchema } from "@/lib/validations/station-import";
import { stationChangesSchema } from "@/lib/validations/station-sync";
import { callRoute } from "../support/call-route";
import { currentVersion, testUser } from "../support/test-actors";

const admin = testUser("sync", { role: "PROVINCE_ADMIN", cityAdcode: null, stationId: null });
const ids = { edited: "", closed: "", deleted: "", untouched: "" };
let createdAt: Date;
let changedAt: Date;

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

async function createStation(label: string, id: string = randomUUID()): Promise<string> {
  const record = stationRecordSchema.parse({
    code: `T-SYNC-${randomUUID().slice(0, 8)}`,
    name: `同步测试驿站${label}`,
    address: "辽宁省沈阳市和平区同步路1号",
    cityAdcode: 210100,
    districtAdcode: 210102,
    lat: 41.78,
    lng: 123.41,
    openingHours: { weekly: [], exceptions: [] },
    amenities: [{ code: "rest" }],
  });
  const rows = stationRecordToRows(record, id, "STAFF");
  const db = getDb();
  await db.$transaction([db.station.create({ data: rows.station }), db.stationAmenity.createMany({ data: rows.amenities })]);
  return id;
}

async function sync(since: Date | string, extra = "") {
  const value = typeof since === "string" ? since : since.toISOString();
  return callRoute(getStations, `/api/v1/stations?updatedSince=${encodeURIComponent(value)}${extra}`);
}

beforeAll(async () => {
  createdAt = new Date();
  await pause();
  for (const key of Object.keys(ids) as (keyof typeof ids)[]) ids[key] = await createStation(key);
  await pause();
  changedAt = new Date();
  await pause();
  await updateStation(admin, ids.edited, { version: await currentVersion(ids.edited), notice: "同步测试公告" });
  await updateStation(admin, ids.closed, { version: await currentVersion(ids.closed), status: "closed" });
  await getDb().station.delete({ where: { id: ids.deleted } });
});

afterAll(async () => {
  const db = getDb();
  await db.station.deleteMany({ where: { id: { in: Object.values(ids) } } });
  await db.stationDeletion.deleteMany({ where: { stationId: { in: Object.values(ids) } } });
});

describe("GET /api/v1/stations?updatedSince=", () => {
  it("answers the edited and the closed station, the deleted one's id, and nothing older", async () => {
    const { status, body, headers } = await sync(changedAt);
    expect(status).toBe(200);
    const changes = stationChangesSchema.parse(body);
    expect(changes.data.map((s) => s.id)).toEqual([ids.edited, ids.closed]);
    expect(changes.data[0].notice).toBe("同步测试公告");
    expect(changes.data[1].status).toBe("closed");
    expect(changes.removed).toEqual([ids.deleted]);
    expect(changes.nextCursor).toBeNull();
    expect(Date.parse(changes.syncedAt)).toBeGreaterThanOrEqual(changedAt.getTime());
    expect(Date.parse(changes.syncedAt)).toBeLessThanOrEqual(Date.now());
    expect(headers.get("etag")).toEqual(expect.any(String));
  });

  it("takes any offset, and answers nothing for a time after the last change", async () => {
    const shanghai = new Date(changedAt.getTime() + 8 * 3600_000).toISOString().replace("Z", "+08:00");
    const offset = stationChangesSchema.parse((await sync(shanghai)).body);
    expect(offset.data.map((s) => s.id)).toEqual([ids.edited, ids.closed]);

    await pause();
    const later = stationChangesSchema.parse((await sync(new Date())).body);
    expect(later).toMatchObject({ data: [], removed: [], nextCursor: null });
  });

  it("pages through every change once, in (changed_at, id) order, with one syncedAt", async () => {
    const seen: string[] = [];
    const syncedAts = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { status, body }: { status: number; body: any } = await sync(createdAt, `&limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      expect(status).toBe(200);
      const page = stationChangesSchema.parse(body);
      expect(page.data.length + page.removed.length).toBe(1);
      seen.push(...page.data.map((s) => s.id), ...page.removed);
      syncedAts.add(page.syncedAt);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([ids.untouched, ids.edited, ids.closed, ids.deleted]);
    expect(syncedAts.size).toBe(1);

    const whole = stationChangesSchema.parse((await sync(createdAt)).body);
    expect([...whole.data.map((s) => s.id), ...whole.removed].sort()).toEqual([...seen].sort());
  });

  it.each([
    ["not a date", "yesterday"],
    ["a date without an offset", "2026-01-01T00:00:00"],
    ["a date only", "2026-01-01"],
    ["an impossible date", "2026-02-30T00:00:00Z"],
    ["a date in the future", new Date(Date.now() + 3600_000).toISOString()],
  ])("answers 400 for %s", async (_label, value) => {
    const { status, body } = await sync(value);
    expect(status).toBe(400);
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details[0].path).toBe("updatedSince");
  });

  it("answers 400 for search filters, a bad limit or another sync's cursor", async () => {
    for (const extra of ["&city=210100", "&near=41.8,123.4", "&limit=0", "&limit=1001", "&cursor=garbage"]) {
      const { status, body } = await sync(createdAt, extra);
      expect(status, extra).toBe(400);
      expect(body.error.code).toBe("validation_failed");
    }
    const first = stationChangesSchema.parse((await sync(createdAt, "&limit=1")).body);
    const { status } = await sync(changedAt, `&limit=1&cursor=${first.nextCursor}`);
    expect(status).toBe(400);
  });

  it("a deleted station that comes back (an import restoring its id) is a change, not a removal", async () => {
    await createStation("restored", ids.deleted);
    const changes = stationChangesSchema.parse((await sync(changedAt)).body);
    expect(changes.data.map((s) => s.id)).toEqual([ids.edited, ids.closed, ids.deleted]);
    expect(changes.removed).toEqual([]);
  });
});
