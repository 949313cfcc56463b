import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { anonymousActor } from "@/lib/server/actor";
import { getEditableStation } from "@/lib/server/station/get-editable-station";
import { updateOpeningHours } from "@/lib/server/station/update-opening-hours";
import { updateStationAmenities } from "@/lib/server/station/update-station-amenities";
import { createStations } from "../../e2e/support/station-fixtures";
import { currentVersion, testUser } from "../support/test-actors";

let fixture: Awaited<ReturnType<typeof createStations>>;
let stationId: string;
let otherStationId: string;

beforeAll(async () => {
  // Both in 沈阳 (210100).
  fixture = await createStations([
    {
      name: "工行测试读取驿站",
      phone: "024-12345678",
      openingHours: {
        weekly: [
          { day: 1, opens: "08:00", closes: "12:00" },
          { day: 1, opens: "13:00", closes: "17:30" },
        ],
        exceptions: [
          { kind: "holiday", startsOn: "2020-01-01", endsOn: "2020-01-01", closed: true },
          { kind: "special_hours", startsOn: "2099-02-01", endsOn: "2099-02-03", closed: false, opens: "10:00", closes: "14:00", note: "春节" },
        ],
      },
      amenities: [
        { code: "wifi", availability: "limited", note: "信号弱", checkedAt: "2026-11-20T10:00:00+08:00" },
        { code: "rest" },
      ],
    },
    { name: "工行测试读取驿站二" },
  ]);
  [stationId, otherStationId] = fixture.ids;
});

afterAll(async () => {
  await fixture.remove();
});


describe("getEditableStation", () => {
  it("gives the station's details, amenities in type order and every exception, past ones included", async () => {
    const staff = testUser("reader", { role: "BRANCH_STAFF", cityAdcode: null, stationId });
    const station = await getEditableStation(staff, stationId);
    expect(station).toMatchObject({ id: stationId, name: "工行测试读取驿站", phone: "024-12345678", status: "open", openFeedback: 0 });
    expect(station.version).toBe(await currentVersion(stationId));
    expect(station.amenities).toEqual([
      { code: "rest", availability: "available", note: null, checkedAt: null },
      { code: "wifi", availability: "limited", note: "信号弱", checkedAt: "2026-11-20T02:00:00.000Z" },
    ]);
    expect(station.openingHours.weekly).toEqual([
      { day: 1, opens: "08:00", closes: "12:00" },
      { day: 1, opens: "13:00", closes: "17:30" },
    ]);
    expect(station.openingHours.exceptions).toEqual([
      { kind: "holiday", startsOn: "2020-01-01", endsOn: "2020-01-01", closed: true, opens: null, closes: null, note: null },
      { kind: "special_hours", startsOn: "2099-02-01", endsOn: "2099-02-03", closed: false, opens: "10:00", closes: "14:00", note: "春节" },
    ]);
  });

  const cases: [string, Actor, string][] = [
    ["staff of another station", testUser("other", { role: "BRANCH_STAFF", cityAdcode: null, stationId: "00000000-0000-4000-8000-000000000000" }), "not_found"],
    ["manager of another city", testUser("dalian", { role: "CITY_MANAGER", cityAdcode: 210200, stationId: null }), "not_found"],
    ["a user with no role", testUser("nobody"), "not_found"],
    ["anonymous", anonymousActor, "unauthenticated"],
  ];
  it.each(cases)("%s → %s", async (_label, actor, code) => {
    await expect(getEditableStation(actor, stationId)).rejects.toMatchObject({ code });
  });

  it("is found by the city's manager and the province admin; unknown and malformed ids are not found", async () => {
    const manager = testUser("shenyang", { role: "CITY_MANAGER", cityAdcode: 210100, stationId: null });
    const admin = testUser("admin", { role: "PROVINCE_ADMIN", cityAdcode: null, stationId: null });
    expect((await getEditableStation(manager, otherStationId)).id).toBe(otherStationId);
    expect((await getEditableStation(admin, stationId)).id).toBe(stationId);
    await expect(getEditableStation(admin, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "not_found" });
    await expect(getEditableStation(admin, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("a stale save of amenities or hours answers 409 with that part as it is now", () => {
  const staff = () => testUser("stale", { role: "BRANCH_STAFF", cityAdcode: null, stationId: otherStationId });

  it("amenities", async () => {
    const version = await currentVersion(otherStationId);
    await updateStationAmenities(staff(), otherStationId, { version, amenities: [{ code: "toilet", availability: "unavailable", note: "维修中" }] });
    const stale = updateStationAmenities(staff(), otherStationId, { version, amenities: [] });
    await expect(stale).rejects.toMatchObject({
      code: "conflict",
      details: { current: { version: version + 1, amenities: [{ code: "toilet", availability: "unavailable", note: "维修中", checkedAt: null }] } },
    });
  });

  it("opening hours", async () => {
    const version = await currentVersion(otherStationId);
    const weekly = [{ day: 3, opens: "09:00", closes: "18:00" }];
    await updateOpeningHours(staff(), otherStationId, { version, weekly, exceptions: [] });
    const stale = updateOpeningHours(staff(), otherStationId, { version, weekly: [], exceptions: [] });
    await expect(stale).rejects.toMatchObject({ code: "conflict", details: { current: { version: version + 1, openingHours: { weekly, exceptions: [] } } } });
  });
});
