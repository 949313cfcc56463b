import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import gridFile from "@/data/coverage-grid.json";
import type { GridFile } from "@/lib/coverage/grid";
import { getDb } from "@/lib/db";
import { anonymousActor, type Actor } from "@/lib/server/actor";
import { getCoverage } from "@/lib/server/coverage/get-coverage";
import { createStations } from "../../e2e/support/station-fixtures";

const user = (roles: Extract<Actor, { kind: "user" }>["roles"]): Actor => ({ kind: "user", userId: "coverage-test", label: "user:coverage-test", roles });
const admin = user([{ role: "PROVINCE_ADMIN", cityAdcode: null, stationId: null }]);
const shenyangManager = user([{ role: "CITY_MANAGER", cityAdcode: 210100, stationId: null }]);
const query = { thresholdMeters: 1000 };

/** Urban residents (population × urban share) of the 区 and 县级市, from the census file, independently of the code. */
function censusUrbanResidents(cityAdcode?: number): number {
  const read = (file: string) => {
    const [header, ...lines] = readFileSync(new URL(`../../data/geo/${file}`, import.meta.url), "utf8").trim().split(/\r?\n/);
    const col = header.split(",");
    return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [col[i], v])));
  };
  const types = new Map(read("liaoning_admin_points.csv").map((r) => [r.adcode, r.county_type]));
  return read("liaoning_population_2020.csv")
    .filter((r) => r.level === "county" && ["区", "县级市"].includes(types.get(r.adcode)!))
    .filter((r) => cityAdcode === undefined || Number(r.parent_adcode) === cityAdcode)
    .reduce((sum, r) => sum + Number(r.pop_2020) * Number(r.urban_share_2020), 0);
}

describe("getCoverage for a province admin", () => {
  it("ranks the 75 区 and 县级市 by residents outside reach, totals adding up to the census", async () => {
    const view = await getCoverage(admin, query);
    expect(view.districts).toHaveLength(75);
    expect(view.cities).toHaveLength(14);
    expect(Math.abs(view.total.residents - censusUrbanResidents())).toBeLessThan(1);
    const outside = view.districts.map((d) => d.residentsOutside);
    expect(outside).toEqual([...outside].sort((a, b) => b - a));
    expect(view.districts.reduce((sum, d) => sum + d.cellsOutside, 0)).toBe(view.total.cellsOutside);
    expect(view.total.cells).toBe((gridFile as GridFile).districts.reduce((sum, d) => sum + d.runs.reduce((s, r) => s + r.length - 2, 0), 0));
    expect(view.total.cellsOutside).toBeGreaterThan(0);
    expect(view.gapRuns.length).toBeGreaterThan(0);
    expect(view.stations).toBe(await getDb().station.count({ where: { status: "OPEN" } }));
  });

  it("counts fewer stations and more residents outside reach for an optional amenity", async () => {
    const overall = await getCoverage(admin, query);
    const toilet = await getCoverage(admin, { ...query, amenity: "toilet" });
    const offering = await getDb().station.count({
      where: { status: "OPEN", amenities: { some: { amenityCode: "toilet", availability: { in: ["AVAILABLE", "LIMITED"] } } } },
    });
    expect(toilet.stations).toBe(offering);
    expect(toilet.total.residentsOutside).toBeGreaterThan(overall.total.residentsOutside);
    // A longer threshold can only bring people within reach.
    const farther = await getCoverage(admin, { ...query, thresholdMeters: 3000 });
    expect(farther.total.residentsOutside).toBeLessThan(overall.total.residentsOutside);
  });

  it("refuses an amenity code that names no amenity", async () => {
    await expect(getCoverage(admin, { ...query, amenity: "no_such_thing" })).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("getCoverage scope", () => {
  it("shows a city manager only their city's districts, gaps and stations", async () => {
    const province = await getCoverage(admin, query);
    const shenyang = await getCoverage(shenyangManager, query);
    expect(new Set(shenyang.districts.map((d) => d.cityAdcode))).toEqual(new Set([210100]));
    expect(shenyang.cities.map((c) => c.adcode)).toEqual([210100]);
    expect(Math.abs(shenyang.total.residents - censusUrbanResidents(210100))).toBeLessThan(1);
    expect(shenyang.stations).toBe(await getDb().station.count({ where: { status: "OPEN", cityAdcode: 210100 } }));
    expect(shenyang.gapRuns.length).toBeLessThan(province.gapRuns.length);
    // Shenyang spans about 41.2–43.1°N, 122.4–123.9°E: nothing drawn outside it.
    for (const [south, west, north, east] of shenyang.gapRuns) {
      expect(south).toBeGreaterThan(41.1);
      expect(north).toBeLessThan(43.2);
      expect(west).toBeGreaterThan(122.3);
      expect(east).toBeLessThan(124);
    }
    // The figures for Shenyang's districts are the province's, not recomputed differently.
    const provinceShenyang = province.districts.filter((d) => d.cityAdcode === 210100);
    expect(shenyang.districts).toEqual(provinceShenyang);
  });

  it.each([
    ["anonymous", anonymousActor, "unauthenticated"],
    ["branch staff", user([{ role: "BRANCH_STAFF", cityAdcode: null, stationId: "00000000-0000-4000-8000-000000000000" }]), "forbidden"],
    ["a user without roles", user([]), "forbidden"],
  ] as const)("refuses %s", async (_label, actor, code) => {
    await expect(getCoverage(actor, query)).rejects.toMatchObject({ code });
  });
});

describe("getCoverage cache", () => {
  let fixture: Awaited<ReturnType<typeof createStations>> | null = null;

  afterAll(async () => {
    await fixture?.remove();
  });

  it("reuses a computation until the station data changes, then sees the new station", async () => {
    const before = await getCoverage(admin, { ...query, amenity: "quiet_study" });
    const again = await getCoverage(admin, { ...query, amenity: "quiet_study" });
    expect(again.computedAt).toBe(before.computedAt);

    // A district nobody offering quiet study reaches: one such station at its seat must shrink its gap.
    const target = before.districts.find((d) => d.residents > 0 && d.residentsOutside === d.residents)!;
    const seat = (gridFile as GridFile).districts.find((d) => d.adcode === target.adcode)!.seat;
    fixture = await createStations([
      { name: "工行测试覆盖驿站", cityAdcode: target.cityAdcode, districtAdcode: target.adcode, lat: seat[0], lng: seat[1], amenities: [{ code: "rest" }, { code: "quiet_study" }] },
    ]);
    const after = await getCoverage(admin, { ...query, amenity: "quiet_study" });
    expect(after.computedAt).not.toBe(before.computedAt);
    expect(after.stations).toBe(before.stations + 1);
    expect(after.districts.find((d) => d.adcode === target.adcode)!.residentsOutside).toBeLessThan(target.residentsOutside);

    await fixture.remove();
    fixture = null;
    const removed = await getCoverage(admin, { ...query, amenity: "quiet_study" });
    expect(removed.total).toEqual(before.total);
  });
});

beforeAll(async () => {
  // The sample must be loaded: these tests read the seeded stations.
  expect(await getDb().station.count()).toBeGreaterThan(500);
});
