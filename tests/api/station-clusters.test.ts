import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getClusters } from "@/app/api/v1/stations/clusters/route";
import { PUBLIC_CACHE_CONTROL } from "@/lib/api/cached-json";
import { getDb } from "@/lib/db";
import { stationRecordToRows } from "@/lib/seed/station-records";
import { refreshStationClusterIndex } from "@/lib/server/station/list-station-clusters";
import { stationClustersResponseSchema } from "@/lib/validations/station-clusters";
import { stationRecordSchema } from "@/lib/validations/station-import";
import { callRoute } from "../support/call-route";

// Three stations within about 30 m of each other at a quiet spot west of Shenyang.
const spot = { lat: 41.62, lng: 122.75 };
const tag = randomUUID().slice(0, 8);
const ids: string[] = [];
const around = (d: number) => `${spot.lng - d},${spot.lat - d},${spot.lng + d},${spot.lat + d}`;

async function clusters(query: string) {
  const { status, headers, body } = await callRoute(getClusters, `/api/v1/stations/clusters?${query}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return { headers, body: stationClustersResponseSchema.parse(body) };
}

beforeAll(async () => {
  const db = getDb();
  for (const [i, offset] of [0, 0.0001, 0.0002].entries()) {
    const record = stationRecordSchema.parse({
      code: `T-CLUSTER-${tag}-${i}`,
      name: `聚合测试驿站${tag}-${i}`,
      address: "辽宁省沈阳市新民市聚合路1号",
      cityAdcode: 210100,
      districtAdcode: 210181,
      lat: spot.lat + offset,
      lng: spot.lng + offset,
      openingHours: { weekly: [], exceptions: [] },
      amenities: [{ code: "rest" }],
    });
    const id = randomUUID();
    const rows = stationRecordToRows(record, id, "STAFF");
    await db.station.create({ data: rows.station });
    ids.push(id);
  }
  await refreshStationClusterIndex();
});

afterAll(async () => {
  await getDb().station.deleteMany({ where: { id: { in: ids } } });
});

describe("GET /api/v1/stations/clusters", () => {
  it("at the province's zoom, clusters stand for every station in the area", async () => {
    const { body } = await clusters("bbox=118,38,126,44&zoom=6");
    const inDb = await getDb().station.count({ where: { lng: { gte: 118, lte: 126 }, lat: { gte: 38, lte: 44 } } });
    expect(body.count).toBe(inDb);
    expect(body.clusters.length).toBeGreaterThan(0);
    expect(body.clusters.reduce((n, c) => n + c.count, 0) + body.stations.length).toBe(inDb);
    // Far fewer markers than stations: that is the point.
    expect(body.clusters.length + body.stations.length).toBeLessThan(inDb / 4);
  });

  it("a cluster splits at its expansion zoom, and every station stands alone from zoom 17", async () => {
    const { body: far } = await clusters(`bbox=${around(0.05)}&zoom=12`);
    const ours = far.clusters.filter((c) => Math.abs(c.lat - spot.lat) < 0.02 && Math.abs(c.lng - spot.lng) < 0.02);
    expect(ours.length).toBeGreaterThan(0);
    expect(far.stations.map((s) => s.id)).not.toEqual(expect.arrayContaining([ids[0]]));
    const cluster = ours.reduce((a, b) => (a.count >= b.count ? a : b));
    expect(cluster.count).toBeGreaterThanOrEqual(3);
    expect(cluster.expansionZoom).toBeGreaterThan(12);

    const box = `${cluster.lng - 0.01},${cluster.lat - 0.01},${cluster.lng + 0.01},${cluster.lat + 0.01}`;
    const { body: nearer } = await clusters(`bbox=${box}&zoom=${cluster.expansionZoom}`);
    expect(nearer.clusters.length + nearer.stations.length).toBeGreaterThan(1);
    expect(nearer.clusters.every((c) => c.count < cluster.count)).toBe(true);

    const { body: close } = await clusters(`bbox=${around(0.001)}&zoom=17`);
    expect(close.clusters).toEqual([]);
    expect(close.stations.map((s) => s.id).sort()).toEqual([...ids].sort());
    const first = close.stations.find((s) => s.id === ids[0])!;
    expect(first).toEqual({ id: ids[0], name: `聚合测试驿站${tag}-0`, lat: spot.lat, lng: spot.lng, status: "open" });
  });

  it("follows edits, even one whose timestamp is older than the newest, and deletions", async () => {
    const renamed = `聚合改名驿站${tag}`;
    // A transaction that committed after a later one carries the earlier time: max(updated_at) would miss it.
    await getDb().$executeRaw`UPDATE stations SET name = ${renamed}, updated_at = updated_at - interval '1 hour' WHERE id = ${ids[1]}::uuid`;
    await refreshStationClusterIndex();
    const { body: edited } = await clusters(`bbox=${around(0.001)}&zoom=17`);
    expect(edited.stations.find((s) => s.id === ids[1])?.name).toBe(renamed);

    await getDb().station.delete({ where: { id: ids[2] } });
    await refreshStationClusterIndex();
    const { body: deleted } = await clusters(`bbox=${around(0.001)}&zoom=17`);
    expect(deleted.stations.map((s) => s.id).sort()).toEqual([ids[0], ids[1]].sort());
  });

  it("answers with a strong ETag, CDN caching, 304 and the server's time", async () => {
    const path = `/api/v1/stations/clusters?bbox=${around(0.5)}&zoom=9`;
    const first = await callRoute(getClusters, path);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
    expect(first.headers.get("server-timing")).toMatch(/^cluster;dur=\d+(\.\d)?$/);
    const again = await callRoute(getClusters, path, {}, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
  });

  it.each([
    ["no bbox", "zoom=5"],
    ["no zoom", "bbox=118,38,126,44"],
    ["zoom out of range", "bbox=118,38,126,44&zoom=23"],
    ["zoom not a number", "bbox=118,38,126,44&zoom=abc"],
    ["reversed bbox", "bbox=126,38,118,44&zoom=5"],
    ["unknown parameter", "bbox=118,38,126,44&zoom=5&near=41,123"],
  ])("%s: 400 validation_failed", async (_label, query) => {
    const { status, body } = await callRoute(getClusters, `/api/v1/stations/clusters?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe("validation_failed");
  });
});
