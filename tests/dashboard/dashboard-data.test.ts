import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { isOpenAt, shanghaiLocalTime, type StationStatus } from "@/lib/opening-hours";
import { anonymousActor, type Actor } from "@/lib/server/actor";
import { getHeadlineFigures } from "@/lib/server/dashboard/get-headline-figures";
import { getWeeklyActivity } from "@/lib/server/dashboard/get-weekly-activity";
import { listStaleStations } from "@/lib/server/dashboard/list-stale-stations";
import { openingHoursForEdit } from "@/lib/server/station/station-parts";
import { createStations, everyDay9to17 } from "../../e2e/support/station-fixtures";
import { testUser } from "../support/test-actors";

const DAY = 86_400_000;
/** A Friday noon in Shanghai: the fixture's 9–17 station is open, whatever the machine's clock says. */
const now = new Date("2026-11-27T12:00:00+08:00");
const ago = (days: number) => new Date(now.getTime() - days * DAY);
/** 阜新, a small city, and 丹东 (210600) as the other city a manager must not see. */
const CITY = 210900;
const OTHER_CITY = 210600;
const run = randomUUID().slice(0, 8);
/** Audit events of a kind only this run writes, so their weekly counts are exact on a shared database. */
const ENTITY = `dashboard_test_${run}`;

const admin = testUser("dash-admin", { role: "PROVINCE_ADMIN", cityAdcode: null, stationId: null });
const manager = testUser("dash-manager", { role: "CITY_MANAGER", cityAdcode: CITY, stationId: null });

let fixture: Awaited<ReturnType<typeof createStations>>;
const users = [`dash-staff-${run}`, `dash-gone-${run}`];

beforeAll(async () => {
  const base = { cityAdcode: CITY, districtAdcode: 210902, lat: 42.02, lng: 121.66 };
  fixture = await createStations([
    { ...base, name: "工行测试看板驿站一", verifiedAt: ago(29.5).toISOString(), openingHours: { weekly: everyDay9to17, exceptions: [] } },
    { ...base, name: "工行测试看板驿站二", verifiedAt: ago(30.5).toISOString() },
    { ...base, name: "工行测试看板驿站三", verifiedAt: null },
    // Verified exactly N days before: not stale yet.
    { ...base, name: "工行测试看板驿站四", verifiedAt: ago(30).toISOString() },
    // Closed for good: in no figure, and nobody needs to verify it.
    { ...base, name: "工行测试看板驿站五", status: "closed", verifiedAt: ago(400).toISOString() },
  ]);
  const db = getDb();
  await db.feedbackReport.createMany({
    data: [
      { stationId: fixture.ids[0], kind: "CLOSED", clientHash: "dash-test" },
      { stationId: fixture.ids[0], kind: "CONFIRMATION", clientHash: "dash-test" },
      { stationId: fixture.ids[1], kind: "OTHER", message: "已处理", clientHash: "dash-test", status: "RESOLVED" },
    ],
  });
  for (const [i, username] of users.entries()) {
    await db.user.create({ data: { id: username, name: i === 0 ? "看板员工" : "已停用员工", email: `${username}@example.cn`, username, deactivatedAt: i === 0 ? null : now } });
    await db.roleAssignment.create({ data: { userId: username, role: "BRANCH_STAFF", stationId: fixture.ids[1] } });
  }
  const event = (occurredAt: Date, cityAdcode: number) => ({
    occurredAt,
    actorLabel: "user:dash-test",
    entity: ENTITY,
    entityId: run,
    action: "UPDATE" as const,
    cityAdcode,
  });
  await db.auditEvent.createMany({
    data: [
      event(ago(0.1), CITY),
      event(ago(2), CITY), // Wednesday: the same week as `now`
      event(ago(6), CITY), // the Saturday before: the previous week
      event(ago(20), CITY),
      event(ago(26 * 7 + 1), CITY), // before the 26 weeks
      event(new Date(now.getTime() + DAY), CITY), // after `now`: not yet
      event(ago(1), OTHER_CITY),
    ],
  });
});

afterAll(async () => {
  await fixture.remove();
  await getDb().user.deleteMany({ where: { id: { in: users } } });
});

/** Open now, decided in Node by lib/opening-hours.ts over each station's hours as the edit form reads them, apart from the SQL under test. */
async function openNowCounted(cityAdcode?: number) {
  const stations = await getDb().station.findMany({ where: { cityAdcode }, select: { id: true, status: true } });
  const hours = await Promise.all(stations.map((s) => openingHoursForEdit(getDb(), s.id)));
  const at = shanghaiLocalTime(now);
  let open = 0;
  let unknown = 0;
  for (const [i, s] of stations.entries()) {
    const state = isOpenAt(s.status.toLowerCase() as StationStatus, hours[i], at);
    if (state === true) open++;
    if (state === null) unknown++;
  }
  return { open, unknown };
}

async function countedHeadline(cityAdcode?: number) {
  const db = getDb();
  const inService = { cityAdcode, status: { not: "CLOSED" as const } };
  const changes = (days: number) => db.auditEvent.count({ where: { cityAdcode, occurredAt: { gt: ago(days), lte: now } } });
  const [stations, verified, openReports, changes7, changes30, open] = await Promise.all([
    db.station.count({ where: inService }),
    db.station.count({ where: { ...inService, verifiedAt: { gte: ago(90) } } }),
    db.feedbackReport.count({ where: { status: "OPEN", kind: { not: "CONFIRMATION" }, station: { cityAdcode } } }),
    changes(7),
    changes(30),
    openNowCounted(cityAdcode),
  ]);
  return { stations, verified, openReports, changes7, changes30, ...open };
}

describe("getHeadlineFigures", () => {
  it.each([
    ["the province for an admin", admin, undefined],
    ["their city for a manager", manager, CITY],
  ] as const)("equals the figures counted one by one: %s", async (_label, actor, cityAdcode) => {
    const [figures, expected] = await Promise.all([getHeadlineFigures(actor, { now }), countedHeadline(cityAdcode)]);
    expect(figures).toEqual({
      asOf: now.toISOString(),
      stations: expected.stations,
      openNow: expected.open,
      hoursUnknown: expected.unknown,
      verifiedRecently: expected.verified,
      verifiedRecentlyShare: expected.verified / expected.stations,
      openReports: expected.openReports,
      changesLast7Days: expected.changes7,
      changesLast30Days: expected.changes30,
    });
  });

  it("counts the fixture as expected: its open station, its open problem (not the confirmation), its changes", async () => {
    const before = await countedHeadline(CITY);
    const figures = await getHeadlineFigures(admin, { city: CITY, now });
    expect(figures.stations).toBe(before.stations);
    expect(figures.openNow).toBeGreaterThanOrEqual(1);
    expect(figures.openReports).toBeGreaterThanOrEqual(1);
    // The run's own events: three within 7 days, four within 30; the other city's, the old and the future ones not.
    const ours = await getDb().auditEvent.count({ where: { entity: ENTITY, cityAdcode: CITY, occurredAt: { gt: ago(7), lte: now } } });
    expect(ours).toBe(3);
    expect(figures.changesLast7Days).toBeGreaterThanOrEqual(3);
  });

  it("narrows an admin to a city on request, and refuses a manager another city", async () => {
    expect((await getHeadlineFigures(admin, { city: CITY, now })).stations).toBe((await countedHeadline(CITY)).stations);
    await expect(getHeadlineFigures(manager, { city: OTHER_CITY, now })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("listStaleStations", () => {
  const fixtureNames = (list: Awaited<ReturnType<typeof listStaleStations>>) =>
    list.cities.flatMap((c) => c.stations).filter((s) => fixture.ids.includes(s.id)).map((s) => s.name);

  it("lists exactly the stations in service not verified in N days, never verified first", async () => {
    const list = await listStaleStations(manager, { days: 30, now });
    expect(list.days).toBe(30);
    expect(list.cutoff).toBe(ago(30).toISOString());
    expect(fixtureNames(list)).toEqual(["工行测试看板驿站三", "工行测试看板驿站二"]);
    expect(list.total).toBe(
      await getDb().station.count({ where: { cityAdcode: CITY, status: { not: "CLOSED" }, OR: [{ verifiedAt: null }, { verifiedAt: { lt: ago(30) } }] } }),
    );
    const stations = list.cities[0].stations;
    const times = stations.map((s) => (s.verifiedAt === null ? -Infinity : Date.parse(s.verifiedAt)));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("moves with N: 29 days adds the station verified 29.5 days ago, 31 drops the one of 30.5", async () => {
    expect(fixtureNames(await listStaleStations(manager, { days: 29, now }))).toEqual(["工行测试看板驿站三", "工行测试看板驿站二", "工行测试看板驿站四", "工行测试看板驿站一"]);
    expect(fixtureNames(await listStaleStations(manager, { days: 31, now }))).toEqual(["工行测试看板驿站三"]);
  });

  it("names the active staff of each station, not deactivated ones", async () => {
    const list = await listStaleStations(manager, { days: 30, now });
    const station = list.cities[0].stations.find((s) => s.id === fixture.ids[1])!;
    expect(station.staff).toEqual([{ username: users[0], name: "看板员工" }]);
    expect(station.districtName).toBe("海州区");
  });

  it("gives a manager their city only, an admin every city with stale stations", async () => {
    expect((await listStaleStations(manager, { days: 30, now })).cities.map((c) => c.adcode)).toEqual([CITY]);
    const all = await listStaleStations(admin, { days: 30, now });
    expect(all.total).toBe(await getDb().station.count({ where: { status: { not: "CLOSED" }, OR: [{ verifiedAt: null }, { verifiedAt: { lt: ago(30) } }] } }));
    expect(all.cities.map((c) => c.adcode)).toEqual([...all.cities.map((c) => c.adcode)].sort((a, b) => a - b));
  });
});

describe("getWeeklyActivity", () => {
  it("counts events per Shanghai week (Monday to Sunday) over 26 weeks, within the actor's cities", async () => {
    const activity = await getWeeklyActivity(manager, { now });
    expect(activity.weeks).toHaveLength(26);
    expect(activity.weeks.at(-1)).toBe("2026-11-23");
    expect(activity.weeks[0]).toBe("2026-06-01");
    const ours = activity.byEntity[ENTITY];
    // this week: today's and Wednesday's; last week: Saturday's; 20 days ago falls in the week of 2 November.
    expect(ours.at(-1)).toBe(2);
    expect(ours.at(-2)).toBe(1);
    expect(ours[activity.weeks.indexOf("2026-11-02")]).toBe(1);
    expect(ours.reduce((a, b) => a + b, 0)).toBe(4);
    const total = await getDb().auditEvent.count({ where: { cityAdcode: CITY, occurredAt: { gte: new Date("2026-06-01T00:00:00+08:00"), lte: now } } });
    expect(activity.total).toBe(total);
  });

  it("gives an admin the other city's event too", async () => {
    const activity = await getWeeklyActivity(admin, { now });
    expect(activity.byEntity[ENTITY].reduce((a, b) => a + b, 0)).toBe(5);
  });
});

describe("scope", () => {
  const staff: Actor = testUser("dash-branch", { role: "BRANCH_STAFF", cityAdcode: null, stationId: "00000000-0000-4000-8000-000000000000" });
  it.each([
    ["anonymous", anonymousActor, "unauthenticated"],
    ["branch staff", staff, "forbidden"],
  ] as const)("refuses %s everything", async (_label, actor, code) => {
    await expect(getHeadlineFigures(actor, { now })).rejects.toMatchObject({ code });
    await expect(listStaleStations(actor, { days: 90, now })).rejects.toMatchObject({ code });
    await expect(getWeeklyActivity(actor, { now })).rejects.toMatchObject({ code });
  });
});
