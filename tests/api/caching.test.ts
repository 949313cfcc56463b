import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAmenities } from "@/app/api/v1/amenities/route";
import { GET as getCities } from "@/app/api/v1/cities/route";
import { GET as getGeoJson } from "@/app/api/v1/stations.geojson/route";
import { GET as getStation } from "@/app/api/v1/stations/[id]/route";
import { GET as getStations } from "@/app/api/v1/stations/route";
import { PUBLIC_CACHE_CONTROL } from "@/lib/api/cached-json";
import { getDb } from "@/lib/db";
import { stationRecordToRows } from "@/lib/seed/station-records";
import { updateStation } from "@/lib/server/station/update-station";
import { stationRecordSchema } from "@/lib/validations/station-import";
import { callRoute } from "../support/call-route";
import { currentVersion, testUser } from "../support/test-actors";

const admin = testUser("caching", { role: "PROVINCE_ADMIN", cityAdcode: null, stationId: null });
const name = `缓存测试驿站${randomUUID().slice(0, 8)}`;
let stationId = "";

beforeAll(async () => {
  const record = stationRecordSchema.parse({
    code: `T-CACHE-${randomUUID().slice(0, 8)}`,
    name,
    address: "辽宁省沈阳市和平区缓存路1号",
    cityAdcode: 210100,
    districtAdcode: 210102,
    lat: 41.79,
    lng: 123.4,
    openingHours: { weekly: [], exceptions: [] },
    amenities: [{ code: "rest" }],
  });
  stationId = randomUUID();
  const rows = stationRecordToRows(record, stationId, "STAFF");
  const db = getDb();
  await db.$transaction([db.station.create({ data: rows.station }), db.stationAmenity.createMany({ data: rows.amenities })]);
});

afterAll(async () => {
  await getDb().station.deleteMany({ where: { id: stationId } });
});

type Handler = Parameters<typeof callRoute>[0];
const routes = (): [string, Handler, string, Record<string, string>][] => [
  ["/stations", getStations as Handler, "/api/v1/stations?city=210100&limit=5", {}],
  ["/stations/{id}", getStation as Handler, `/api/v1/stations/${stationId}`, { id: stationId }],
  ["/stations.geojson", getGeoJson as Handler, "/api/v1/stations.geojson?city=210200&limit=50", {}],
  ["/cities", getCities as Handler, "/api/v1/cities", {}],
  ["/amenities", getAmenities as Handler, "/api/v1/amenities", {}],
];

describe("ETag and Cache-Control on the public reads", () => {
  it.each(["/stations", "/stations/{id}", "/stations.geojson", "/cities", "/amenities"])("%s: a strong ETag, CDN caching, 304 on If-None-Match, 200 on another tag", async (label) => {
    const [, handler, path, params] = routes().find(([l]) => l === label)!;
    const first = await callRoute(handler, path, params);
    expect(first.status, label).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag, label).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
    expect(first.headers.get("vary")).toBeNull();

    const again = await callRoute(handler, path, params);
    expect(again.headers.get("etag"), `${label}: the same data, the same tag`).toBe(etag);

    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const cached = await callRoute(handler, path, params, { headers: { "If-None-Match": ifNoneMatch } });
      expect(cached.status, `${label} with ${ifNoneMatch}`).toBe(304);
      expect(cached.body).toBeNull();
      expect(cached.headers.get("etag")).toBe(etag);
      expect(cached.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
    }
    const stale = await callRoute(handler, path, params, { headers: { "If-None-Match": '"not-this-one"' } });
    expect(stale.status).toBe(200);
    expect(stale.body).toEqual(first.body);
  });

  it("a staff edit changes the station's, the list's and the GeoJSON's ETags", async () => {
    const paths: [Handler, string, Record<string, string>][] = [
      [getStation as Handler, `/api/v1/stations/${stationId}`, { id: stationId }],
      [getStations as Handler, `/api/v1/stations?q=${encodeURIComponent(name)}`, {}],
      [getGeoJson as Handler, `/api/v1/stations.geojson?q=${encodeURIComponent(name)}`, {}],
    ];
    const before = await Promise.all(paths.map(async ([h, p, params]) => (await callRoute(h, p, params)).headers.get("etag")));
    await updateStation(admin, stationId, { version: await currentVersion(stationId), notice: "今日暂停热水供应" });
    for (const [i, [h, p, params]] of paths.entries()) {
      const after = await callRoute(h, p, params, { headers: { "If-None-Match": before[i]! } });
      expect(after.status, p).toBe(200);
      expect(after.headers.get("etag")).not.toBe(before[i]);
    }
  });

  it("errors are not given an ETag", async () => {
    const { status, headers } = await callRoute(getStations, "/api/v1/stations?limit=0");
    expect(status).toBe(400);
    expect(headers.get("etag")).toBeNull();
  });
});
