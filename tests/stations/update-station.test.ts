import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/server/actor";
import { anonymousActor } from "@/lib/server/actor";
import { updateOpeningHours } from "@/lib/server/station/update-opening-hours";
import { updateStation } from "@/lib/server/station/update-station";
import { updateStationAmenities } from "@/lib/server/station/update-station-amenities";
import { createStations } from "../../e2e/support/station-fixtures";
import { currentVersion, testUser } from "../support/test-actors";

let fixture: Awaited<ReturnType<typeof createStations>>;
let stationId: string;
let otherStationId: string;

beforeAll(async () => {
  // Both in 沈阳 (210100); the manager of 大连 (210200) has no say over them.
  fixture = await createStations([{ name: "工行测试编辑驿站" }, { name: "工行测试编辑驿站二" }]);
  [stationId, otherStationId] = fixture.ids;
});

afterAll(async () => {
  await fixture.remove();
});


async function outcome(actor: Actor, id: string): Promise<string> {
  try {
    await updateStation(actor, id, { version: await currentVersion(id), notice: `由 ${actor.kind === "user" ? actor.label : "anonymous"} 修改` });
    return "allowed";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe("updateStation: who may change a station", () => {
  const cases: [string, Actor, string][] = [
    ["anonymous", anonymousActor, "unauthenticated"],
    ["staff of another station", testUser("other-staff", { role: "BRANCH_STAFF", cityAdcode: null, stationId: "00000000-0000-4000-8000-000000000000" }), "forbidden"],
    ["city manager of another city", testUser("dalian-manager", { role: "CITY_MANAGER", cityAdcode: 210200, stationId: null }), "forbidden"],
    ["a user with no role", testUser("nobody"), "forbidden"],
    ["city manager of this city", testUser("shenyang-manager", { role: "CITY_MANAGER", cityAdcode: 210100, stationId: null }), "allowed"],
    ["province admin", testUser("admin", { role: "PROVINCE_ADMIN", cityAdcode: null, stationId: null }), "allowed"],
  ];

  it.each(cases)("%s → %s", async (_label, actor, expected) => {
    expect(await outcome(actor, stationId)).toBe(expected);
  });

  it("staff of this station → allowed, and only for their own station", async () => {
    const staff = testUser("own-staff", { role: "BRANCH_STAFF", cityAdcode: null, stationId });
    expect(await outcome(staff, stationId)).toBe("allowed");
    expect(await outcome(staff, otherStationId)).toBe("forbidden");
  });

  it("an unknown station is not found", async () => {
    const admin = testUser("admin", { role: "PROVINCE_ADMIN", cityAdcode: null, stationId: null });
    await expect(updateStation(admin, "00000000-0000-4000-8000-000000000000", { version: 1, notice: "x" })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("updateStation: optimistic concurrency and audit", () => {
  const admin = testUser("admin", { role: "PROVINCE_ADMIN", cityAdcode: null, stationId: null });

  it("of concurrent saves of the same version exactly one wins; the other gets 409 with the current values", async () => {
    const version = await currentVersion(stationId);
    const results = await Promise.allSettled(
      ["甲的修改", "乙的修改", "丙的修改"].map((notice) => updateStation(admin, stationId, { version, notice })),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(2);
    for (const r of lost) {
      expect(r.reason).toBeInstanceOf(AppError);
      expect(r.reason.code).toBe("conflict");
      expect(r.reason.status).toBe(409);
      expect(r.reason.details.current.version).toBe(version + 1);
    }
    const stored = await getDb().station.findUniqueOrThrow({ where: { id: stationId } });
    expect(stored.version).toBe(version + 1);
    expect(stored.notice).toBe((won[0] as PromiseFulfilledResult<{ notice: string | null }>).value.notice);
  });

  it("of concurrent saves of different parts (details, amenities, hours) of one version exactly one wins, and only its change is stored", async () => {
    const db = getDb();
    const version = await currentVersion(stationId);
    const auditBefore = await db.auditEvent.count({ where: { stationId } });
    const amenitiesBefore = await db.stationAmenity.findMany({ where: { stationId }, orderBy: { amenityCode: "asc" } });
    const hoursBefore = await db.openingPeriod.findMany({ where: { stationId }, orderBy: [{ weekday: "asc" }, { opensAt: "asc" }] });
    const saves = {
      details: () => updateStation(admin, stationId, { version, notice: "并发：详情" }),
      amenities: () => updateStationAmenities(admin, stationId, { version, amenities: [{ code: "rest", availability: "limited", note: "并发：设施" }] }),
      hours: () => updateOpeningHours(admin, stationId, { version, weekly: [{ day: 3, opens: "10:00", closes: "11:00" }], exceptions: [] }),
    };
    const names = Object.keys(saves) as (keyof typeof saves)[];
    const results = await Promise.allSettled(names.map((name) => saves[name]()));
    const winners = names.filter((_, i) => results[i].status === "fulfilled");
    expect(winners).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) expect(r.reason).toMatchObject({ code: "conflict", status: 409 });

    const stored = await db.station.findUniqueOrThrow({ where: { id: stationId } });
    expect(stored.version).toBe(version + 1);
    const amenities = await db.stationAmenity.findMany({ where: { stationId }, orderBy: { amenityCode: "asc" } });
    const hours = await db.openingPeriod.findMany({ where: { stationId }, orderBy: [{ weekday: "asc" }, { opensAt: "asc" }] });
    const [winner] = winners;
    expect(stored.notice === "并发：详情").toBe(winner === "details");
    if (winner === "amenities") expect(amenities.map((a) => [a.amenityCode, a.note])).toEqual([["rest", "并发：设施"]]);
    else expect(amenities).toEqual(amenitiesBefore);
    if (winner === "hours") expect(hours.map((h) => [h.weekday, h.opensAt, h.closesAt])).toEqual([[3, 600, 660]]);
    else expect(hours).toEqual(hoursBefore);
    expect(await db.auditEvent.count({ where: { stationId } })).toBe(auditBefore + 1);
  });

  it("writes one audit event per change with before and after, in the same transaction", async () => {
    const db = getDb();
    const version = await currentVersion(stationId);
    const before = await db.auditEvent.count({ where: { stationId } });
    await updateStation(admin, stationId, { version, phone: "024-88886666", status: "temporarily_closed" });
    const events = await db.auditEvent.findMany({ where: { stationId }, orderBy: { id: "desc" }, take: 1 });
    expect(await db.auditEvent.count({ where: { stationId } })).toBe(before + 1);
    expect(events[0]).toMatchObject({ actorLabel: "user:admin", entity: "station", action: "UPDATE", cityAdcode: 210100 });
    expect(events[0].before).toMatchObject({ version });
    expect(events[0].after).toMatchObject({ version: version + 1, phone: "024-88886666", status: "temporarily_closed" });

    // A refused save changes nothing and records nothing.
    await expect(updateStation(admin, stationId, { version, notice: "过期的修改" })).rejects.toMatchObject({ code: "conflict" });
    expect(await db.auditEvent.count({ where: { stationId } })).toBe(before + 1);
  });
});

describe("verifyStation", () => {
  it("sets verifiedAt, moves the version on and is audited; staff of another station may not", async () => {
    const { verifyStation } = await import("@/lib/server/station/verify-station");
    const staff = testUser("verify-staff", { role: "BRANCH_STAFF", cityAdcode: null, stationId: otherStationId });
    const version = await currentVersion(otherStationId);
    const result = await verifyStation(staff, otherStationId, version);
    expect(result.version).toBe(version + 1);
    expect(Date.now() - new Date(result.verifiedAt!).getTime()).toBeLessThan(60_000);
    const [event] = await getDb().auditEvent.findMany({ where: { stationId: otherStationId }, orderBy: { id: "desc" }, take: 1 });
    expect(event).toMatchObject({ actorLabel: "user:verify-staff", action: "UPDATE" });
    await expect(verifyStation(staff, stationId, await currentVersion(stationId))).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("amenities and opening hours", () => {
  const staff = () => testUser("hours-staff", { role: "BRANCH_STAFF", cityAdcode: null, stationId });

  it("replaces the amenities, moves the version on and audits before and after; unknown codes are refused whole", async () => {
    const { updateStationAmenities } = await import("@/lib/server/station/update-station-amenities");
    const db = getDb();
    const version = await currentVersion(stationId);
    const result = await updateStationAmenities(staff(), stationId, {
      version,
      amenities: [
        { code: "rest", availability: "available" },
        { code: "wheelchair", availability: "limited", note: "仅一台", checkedAt: "2026-11-26T10:00:00+08:00" },
      ],
    });
    expect(result.version).toBe(version + 1);
    const stored = await db.stationAmenity.findMany({ where: { stationId }, orderBy: { amenityCode: "asc" } });
    expect(stored.map((a) => [a.amenityCode, a.availability, a.note])).toEqual([
      ["rest", "AVAILABLE", null],
      ["wheelchair", "LIMITED", "仅一台"],
    ]);
    const [event] = await db.auditEvent.findMany({ where: { stationId, entity: "station_amenities" }, orderBy: { id: "desc" }, take: 1 });
    expect((event.after as unknown[]).length).toBe(2);

    await expect(
      updateStationAmenities(staff(), stationId, { version: result.version, amenities: [{ code: "rest", availability: "available" }, { code: "jacuzzi", availability: "available" }] }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    expect(await db.stationAmenity.count({ where: { stationId } })).toBe(2);
    expect(await currentVersion(stationId)).toBe(result.version);
  });

  it("replaces weekly hours and exceptions; the public API shows them at once", async () => {
    const { updateOpeningHours } = await import("@/lib/server/station/update-opening-hours");
    const { getStation } = await import("@/lib/server/station/get-station");
    const version = await currentVersion(stationId);
    await updateOpeningHours(staff(), stationId, {
      version,
      weekly: [{ day: 6, opens: "10:00", closes: "15:00" }],
      exceptions: [{ kind: "temporary_closure", startsOn: "2026-12-20", endsOn: "2026-12-22", closed: true, note: "装修" }],
    });
    const view = await getStation(anonymousActor, stationId, new Date("2026-12-01T02:00:00Z"));
    expect(view.openingHours.weekly).toEqual([{ day: 6, opens: "10:00", closes: "15:00" }]);
    expect(view.openingHours.exceptions).toEqual([
      { kind: "temporary_closure", startsOn: "2026-12-20", endsOn: "2026-12-22", closed: true, opens: null, closes: null, note: "装修" },
    ]);
    await expect(updateOpeningHours(staff(), stationId, { version, weekly: [], exceptions: [] })).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("the audit log as each role may read it", () => {
  it("shows a station's history to its staff and its city's manager, not to another city's manager", async () => {
    const { listAuditEvents } = await import("@/lib/server/audit/list-audit-events");
    const staff = testUser("log-staff", { role: "BRANCH_STAFF", cityAdcode: null, stationId });
    const shenyang = testUser("log-sy", { role: "CITY_MANAGER", cityAdcode: 210100, stationId: null });
    const dalian = testUser("log-dl", { role: "CITY_MANAGER", cityAdcode: 210200, stationId: null });
    const admin = testUser("log-admin", { role: "PROVINCE_ADMIN", cityAdcode: null, stationId: null });
    const forStation = { stationId, limit: 100 };
    const staffView = await listAuditEvents(staff, forStation);
    expect(staffView.length).toBeGreaterThan(0);
    expect(staffView.every((e) => e.stationId === stationId)).toBe(true);
    expect((await listAuditEvents(shenyang, forStation)).length).toBe(staffView.length);
    expect(await listAuditEvents(admin, forStation)).toHaveLength(staffView.length);
    expect(await listAuditEvents(dalian, forStation)).toHaveLength(0);
    expect((await listAuditEvents(staff, { limit: 100 })).every((e) => e.stationId === stationId)).toBe(true);
    await expect(listAuditEvents(anonymousActor, { limit: 10 })).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
