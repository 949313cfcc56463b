import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { shanghaiLocalTime } from "@/lib/opening-hours";
import { buildStationListQuery } from "@/lib/server/station/station-list-query";

const at = shanghaiLocalTime(new Date("2026-12-02T02:00:00Z"));
const near = { lat: 41.79, lng: 123.42 };

/**
 * EXPLAIN of the very SQL the API runs. With filters on 571 rows a sequential scan can honestly be
 * cheaper, so those cases ask the planner to avoid one: what they prove is that the GiST index matches
 * the query's expressions and operator class, in PostgreSQL and in the embedded PGlite alike.
 */
async function plan(query: ReturnType<typeof buildStationListQuery>, { forbidSeqScan = false } = {}): Promise<string> {
  const db = getDb();
  const [, rows] = await db.$transaction([
    db.$executeRawUnsafe(`SET LOCAL enable_seqscan = ${forbidSeqScan ? "off" : "on"}`),
    db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${query.text}`, ...query.values),
  ]);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

describe("nearest-station query plan", () => {
  afterAll(async () => {
    await getDb().$disconnect();
  });

  it("walks the GiST index in distance order for `near`, unforced", async () => {
    const text = await plan(buildStationListQuery({ near, limit: 20 }, at));
    expect(text).toMatch(/Index Scan using stations_location_gist_manual/);
    // The nearest-neighbour scan itself: the index yields rows in distance order, no sort of all rows.
    expect(text).toMatch(/Index Scan using stations_location_gist_manual on stations[^\n]*\n\s*Order By: \(\(?ll_to_earth/);
  });

  it("uses the index for `near` with a radius", async () => {
    const text = await plan(buildStationListQuery({ near, radius: 2000, limit: 20 }, at), { forbidSeqScan: true });
    expect(text).toMatch(/stations_location_gist_manual/);
    expect(text).not.toMatch(/Seq Scan on stations/);
  });

  it("still uses it with amenity and open-now filters", async () => {
    const text = await plan(buildStationListQuery({ near, amenities: ["toilet", "wifi"], openNow: true, limit: 20 }, at), { forbidSeqScan: true });
    expect(text).toMatch(/stations_location_gist_manual/);
  });

  it("serves a map's bbox from the GiST index on the position", async () => {
    const bbox = { minLng: 123.25, minLat: 41.7, maxLng: 123.55, maxLat: 41.9 };
    const text = await plan(buildStationListQuery({ bbox, limit: 50 }, at), { forbidSeqScan: true });
    expect(text).toMatch(/stations_position_gist_manual/);
    expect(text).not.toMatch(/Seq Scan on stations/);
  });

  it("serves a Chinese word of two characters from the index of characters and pairs", async () => {
    const text = await plan(buildStationListQuery({ q: "大连 支行", limit: 20 }, at), { forbidSeqScan: true });
    expect(text).toMatch(/station_search_grams_manual/);
    expect(text).not.toMatch(/Seq Scan on stations/);
  });

  it("checks open-now with a probe per station, never a hash of every station's hours", async () => {
    const text = await plan(buildStationListQuery({ near, amenities: ["toilet"], openNow: true, limit: 20 }, at));
    expect(text).not.toMatch(/hashed SubPlan/);
  });

  it("bounds a filtered nearest search to the horizon of nearest stations, and still stops when the page is full", async () => {
    const text = await plan(buildStationListQuery({ near, amenities: ["toilet"], openNow: true, limit: 20 }, at));
    expect(text).toMatch(new RegExp(`Limit[^\\n]*\\n[^\\n]*Index Scan using stations_location_gist_manual on stations h`));
    // The horizon's rows come out in distance order: no sort of all of them before the page's limit.
    expect(text).not.toMatch(/Sort Key: \(\(ll_to_earth\(h\.lat/);
  });
});

describe("the nearest search's horizon", () => {
  type Row = { id: string; district_adcode: number; distance_m: number };
  const rows = (query: ReturnType<typeof buildStationListQuery>) => getDb().$queryRawUnsafe<Row[]>(query.text, ...query.values);

  it("finds a filtered station only within the nearest `horizon` stations, unless a radius says where to look", async () => {
    const nearest = await rows(buildStationListQuery({ near, limit: 60 }, at));
    // A district none of the 5 nearest stations is in, with a station further down the list.
    const target = nearest.slice(5).find((r) => !nearest.slice(0, 5).some((n) => n.district_adcode === r.district_adcode))!;
    expect(target).toBeDefined();
    const filters = { near, district: target.district_adcode, limit: 20 };

    expect(await rows(buildStationListQuery(filters, at, { horizon: 5 }))).toEqual([]);
    expect((await rows(buildStationListQuery(filters, at)))[0].id).toBe(target.id);
    const radius = Math.ceil(target.distance_m) + 10;
    expect((await rows(buildStationListQuery({ ...filters, radius }, at, { horizon: 5 })))[0].id).toBe(target.id);
  });
});
