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
});
