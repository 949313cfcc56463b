import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { anonymousActor, type Actor } from "@/lib/server/actor";
import { getAreaStatistics } from "@/lib/server/coverage/get-area-statistics";
import { createStations } from "../../e2e/support/station-fixtures";

const user = (roles: Extract<Actor, { kind: "user" }>["roles"]): Actor => ({ kind: "user", userId: "area-test", label: "user:area-test", roles });
const admin = user([{ role: "PROVINCE_ADMIN", cityAdcode: null, stationId: null }]);
const now = new Date("2026-11-27T12:00:00+08:00");
/** 康平县, where the sample has few stations, so the fixture's effect is easy to see. */
const district = 210123;
let fixture: Awaited<ReturnType<typeof createStations>>;

beforeAll(async () => {
  fixture = await createStations([
    { name: "工行测试统计驿站一", cityAdcode: 210100, districtAdcode: district, lat: 42.75, lng: 123.35, verifiedAt: "2026-11-20T10:00:00+08:00", amenities: [{ code: "rest" }, { code: "toilet", availability: "limited" }] },
    { name: "工行测试统计驿站二", cityAdcode: 210100, districtAdcode: district, lat: 42.76, lng: 123.36, status: "temporarily_closed", verifiedAt: "2026-01-05T10:00:00+08:00", amenities: [{ code: "rest" }, { code: "toilet", availability: "unavailable" }] },
    // Closed for good: not a station any more, so in no figure but the open reports.
    { name: "工行测试统计驿站三", cityAdcode: 210100, districtAdcode: district, lat: 42.77, lng: 123.37, status: "closed", verifiedAt: "2026-11-20T10:00:00+08:00", amenities: [{ code: "wifi" }] },
  ]);
  await getDb().feedbackReport.createMany({
    data: [
      { stationId: fixture.ids[0], kind: "CLOSED", clientHash: "area-test" },
      { stationId: fixture.ids[0], kind: "OTHER", message: "已处理", clientHash: "area-test", status: "RESOLVED" },
      { stationId: fixture.ids[0], kind: "CONFIRMATION", clientHash: "area-test" },
      { stationId: fixture.ids[2], kind: "WRONG_LOCATION", clientHash: "area-test" },
    ],
  });
});

afterAll(async () => {
  await fixture.remove();
});

/** The same figures counted one by one with Prisma, independently of the SQL under test. */
async function expectedFor(area: { districtAdcode?: number; cityAdcode?: number }, population: number) {
  const db = getDb();
  const since = new Date(now.getTime() - 90 * 86_400_000);
  const where = { ...area, status: { not: "CLOSED" as const } };
  const [stations, openStations, verified, toilet, openFeedback] = await Promise.all([
    db.station.count({ where }),
    db.station.count({ where: { ...area, status: "OPEN" } }),
    db.station.count({ where: { ...where, verifiedAt: { gte: since } } }),
    db.station.count({ where: { ...where, amenities: { some: { amenityCode: "toilet", availability: { in: ["AVAILABLE", "LIMITED"] } } } } }),
    db.feedbackReport.count({ where: { status: "OPEN", kind: { not: "CONFIRMATION" }, station: area } }),
  ]);
  return {
    stations,
    openStations,
    residentsPerStation: Math.round(population / stations),
    residentsPerOpenStation: Math.round(population / openStations),
    verified,
    verifiedRecentlyShare: verified / stations,
    toiletShare: toilet / stations,
    openFeedback,
  };
}

describe("getAreaStatistics", () => {
  it("gives every city and district of the province to an admin, districts adding up to their city", async () => {
    const { cities } = await getAreaStatistics(admin, now);
    expect(cities).toHaveLength(14);
    expect(cities.flatMap((c) => c.districts)).toHaveLength(100);
    expect(cities.reduce((sum, c) => sum + c.stations, 0)).toBe(await getDb().station.count({ where: { status: { not: "CLOSED" } } }));
    for (const city of cities) {
      expect(city.districts.reduce((sum, d) => sum + d.stations, 0)).toBe(city.stations);
      expect(city.districts.reduce((sum, d) => sum + d.population, 0)).toBe(city.population);
      expect(city.districts.reduce((sum, d) => sum + d.openFeedback, 0)).toBe(city.openFeedback);
    }
    expect(cities.find((c) => c.adcode === 210100)!.population).toBe(9070093);
  });

  it("matches the figures counted one by one, for a district and its city", async () => {
    const { cities } = await getAreaStatistics(admin, now);
    const shenyang = cities.find((c) => c.adcode === 210100)!;
    const kangping = shenyang.districts.find((d) => d.adcode === district)!;
    expect(kangping.name).toBe("康平县");
    expect(kangping.kind).toBe("县");
    for (const [area, where] of [
      [kangping, { districtAdcode: district }],
      [shenyang, { cityAdcode: 210100 }],
    ] as const) {
      const expected = await expectedFor(where, area.population);
      expect(area).toMatchObject({
        stations: expected.stations,
        openStations: expected.openStations,
        residentsPerStation: expected.residentsPerStation,
        residentsPerOpenStation: expected.residentsPerOpenStation,
        verifiedRecently: expected.verified,
        openFeedback: expected.openFeedback,
      });
      expect(area.verifiedRecentlyShare).toBeCloseTo(expected.verifiedRecentlyShare, 12);
      expect(area.amenityShares.toilet).toBeCloseTo(expected.toiletShare, 12);
      expect(area.amenityShares.rest).toBe(1);
    }
    // The fixture's limited toilet counts, its unavailable one does not; its open problem reports count (the
    // closed station's too), the resolved one and the confirmation do not.
    expect(kangping.openFeedback).toBeGreaterThanOrEqual(2);
    expect(kangping.amenityStations.toilet).toBeGreaterThanOrEqual(1);
  });

  it("gives a city manager only their city", async () => {
    const manager = user([{ role: "CITY_MANAGER", cityAdcode: 210200, stationId: null }]);
    const { cities } = await getAreaStatistics(manager, now);
    expect(cities.map((c) => c.adcode)).toEqual([210200]);
    expect(cities[0].districts).toHaveLength(10);
    expect(cities[0].stations).toBe(await getDb().station.count({ where: { cityAdcode: 210200, status: { not: "CLOSED" } } }));
  });

  it.each([
    ["anonymous", anonymousActor, "unauthenticated"],
    ["branch staff", user([{ role: "BRANCH_STAFF", cityAdcode: null, stationId: "00000000-0000-4000-8000-000000000000" }]), "forbidden"],
  ] as const)("refuses %s", async (_label, actor, code) => {
    await expect(getAreaStatistics(actor, now)).rejects.toMatchObject({ code });
  });
});
