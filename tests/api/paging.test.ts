import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getGeoJson } from "@/app/api/v1/stations.geojson/route";
import { GET as getStations } from "@/app/api/v1/stations/route";
import { getDb } from "@/lib/db";
import { stationRecordToRows } from "@/lib/seed/station-records";
import { stationRecordSchema } from "@/lib/validations/station-import";
import { callRoute } from "../support/call-route";

// Several branches geocoded to one building: equal distances must still page without gaps or repeats.
const sharedPoint = { lat: 41.6, lng: 122.1 };
const tiedIds: string[] = [];

beforeAll(async () => {
  const db = getDb();
  for (let i = 0; i < 7; i++) {
    const record = stationRecordSchema.parse({
      code: `TIE-${randomUUID().slice(0, 8)}-${i}`,
      name: `同址测试驿站${i}`,
      address: "辽宁省鞍山市海城市同址路1号",
      cityAdcode: 210300,
      districtAdcode: 210381,
      ...sharedPoint,
      openingHours: { weekly: [], exceptions: [] },
      amenities: [{ code: "rest" }],
    });
    const id = randomUUID();
    const rows = stationRecordToRows(record, id, "STAFF");
    await db.$transaction([db.station.create({ data: rows.station }), db.stationAmenity.createMany({ data: rows.amenities })]);
    tiedIds.push(id);
  }
});

afterAll(async () => {
  await getDb().station.deleteMany({ where: { id: { in: tiedIds } } });
});

describe("paging", () => {
  it.each([1, 2, 3, 5])("pages stations at one distance with limit=%i: each once, ordered by id among equals", async (limit) => {
    const seen: { id: string; distanceMeters: number }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/stations?near=${sharedPoint.lat},${sharedPoint.lng}&radius=10&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
      const { status, body } = await callRoute(getStations, url);
      expect(status).toBe(200);
      expect(body.data.length).toBeLessThanOrEqual(limit);
      seen.push(...body.data);
      cursor = body.nextCursor;
      expect(cursor === null || cursor.length < 300).toBe(true);
    } while (cursor);
    expect(seen.map((s) => s.id)).toEqual([...tiedIds].sort());
  });

  it("keeps ties in order when they straddle a page boundary among other stations", async () => {
    const near = `near=${sharedPoint.lat},${sharedPoint.lng + 0.0001}`;
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const { body }: { body: any } = await callRoute(getStations, `/api/v1/stations?${near}&radius=20000&limit=4${cursor ? `&cursor=${cursor}` : ""}`);
      pages.push(body.data.map((s: { id: string }) => s.id));
      cursor = body.nextCursor;
    } while (cursor);
    const ids = pages.flat();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => tiedIds.includes(id))).toEqual([...tiedIds].sort());
  });

  it("pages the GeoJSON endpoint by nextCursor through every station", async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const { status, body }: { status: number; body: any } = await callRoute(getGeoJson, `/api/v1/stations.geojson?limit=250${cursor ? `&cursor=${cursor}` : ""}`);
      expect(status).toBe(200);
      ids.push(...body.features.map((f: { id: string }) => f.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(ids).toHaveLength(571 + tiedIds.length);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
