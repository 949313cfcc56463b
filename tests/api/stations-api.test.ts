import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as getStations } from "@/app/api/v1/stations/route";
import { stationPageSchema } from "@/lib/validations/station";
import { callRoute, haversineMeters } from "../support/call-route";

const shenyangCenter = { lat: 41.79433, lng: 123.422953 };

async function listAll(query: string): Promise<any[]> {
  const all: any[] = [];
  let cursor: string | null = null;
  do {
    const sep = query ? "&" : "";
    const { status, body }: { status: number; body: any } = await callRoute(getStations, `/api/v1/stations?${query}${sep}limit=200${cursor ? `&cursor=${cursor}` : ""}`);
    expect(status).toBe(200);
    all.push(...body.data);
    cursor = body.nextCursor;
  } while (cursor);
  return all;
}

describe("GET /api/v1/stations", () => {
  it("answers the documented shape with 20 stations by default", async () => {
    const { status, body } = await callRoute(getStations, "/api/v1/stations");
    expect(status).toBe(200);
    const page = stationPageSchema.parse(body);
    expect(page.data).toHaveLength(20);
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(page.data[0].distanceMeters).toBeUndefined();
  });

  it("pages through all 571 stations exactly once", async () => {
    const all = await listAll("");
    expect(all).toHaveLength(571);
    expect(new Set(all.map((s) => s.id)).size).toBe(571);
  });

  it("orders by distance from `near`, with distances matching an independent haversine", async () => {
    const { status, body } = await callRoute(getStations, `/api/v1/stations?near=${shenyangCenter.lat},${shenyangCenter.lng}&limit=50`);
    expect(status).toBe(200);
    const page = stationPageSchema.parse(body);
    expect(page.data).toHaveLength(50);
    let previous = -1;
    for (const station of page.data) {
      const expected = haversineMeters(shenyangCenter, station.location);
      expect(station.distanceMeters).toBeDefined();
      expect(Math.abs(station.distanceMeters! - expected)).toBeLessThan(0.5);
      expect(station.distanceMeters!).toBeGreaterThanOrEqual(previous);
      previous = station.distanceMeters!;
    }
  });

  it("returns the true nearest stations: none left out compared with a brute-force ranking", async () => {
    const everything = await listAll("");
    const point = { lat: 38.92, lng: 121.63 }; // Dalian
    const expected = everything
      .map((s) => ({ id: s.id, d: haversineMeters(point, s.location) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, 10)
      .map((s) => s.id);
    const { body } = await callRoute(getStations, `/api/v1/stations?near=${point.lat},${point.lng}&limit=10`);
    expect(body.data.map((s: any) => s.id)).toEqual(expected);
  });

  it("pages a near query without gaps or repeats, still in distance order", async () => {
    const all = await listAll(`near=${shenyangCenter.lat},${shenyangCenter.lng}`);
    expect(all).toHaveLength(571);
    const distances = all.map((s) => s.distanceMeters);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect(new Set(all.map((s) => s.id)).size).toBe(571);
  });

  it("keeps only stations within `radius` metres", async () => {
    const all = await listAll(`near=${shenyangCenter.lat},${shenyangCenter.lng}&radius=3000`);
    expect(all.length).toBeGreaterThan(0);
    for (const s of all) expect(haversineMeters(shenyangCenter, s.location)).toBeLessThanOrEqual(3000);
    const everything = await listAll("");
    const inside = everything.filter((s) => haversineMeters(shenyangCenter, s.location) <= 3000);
    expect(all.map((s) => s.id).sort()).toEqual(inside.map((s) => s.id).sort());
  });

  it("filters by bounding box", async () => {
    const bbox = { minLng: 123.3, minLat: 41.7, maxLng: 123.5, maxLat: 41.85 };
    const all = await listAll(`bbox=${bbox.minLng},${bbox.minLat},${bbox.maxLng},${bbox.maxLat}`);
    expect(all.length).toBeGreaterThan(0);
    for (const s of all) {
      expect(s.location.lng).toBeGreaterThanOrEqual(bbox.minLng);
      expect(s.location.lng).toBeLessThanOrEqual(bbox.maxLng);
      expect(s.location.lat).toBeGreaterThanOrEqual(bbox.minLat);
      expect(s.location.lat).toBeLessThanOrEqual(bbox.maxLat);
    }
  });

  it("filters by city and district adcodes", async () => {
    const city = await listAll("city=210200");
    expect(city.length).toBeGreaterThan(0);
    expect(city.every((s) => s.city.adcode === 210200 && s.city.name === "大连市")).toBe(true);
    const district = await listAll("district=210104");
    expect(district.length).toBeGreaterThan(0);
    expect(district.every((s) => s.district.adcode === 210104 && s.district.name === "大东区")).toBe(true);
  });

  it("requires every listed amenity", async () => {
    const all = await listAll("amenities=wheelchair,newspapers_books");
    expect(all.length).toBeGreaterThan(0);
    for (const s of all) expect(s.amenities).toEqual(expect.arrayContaining(["wheelchair", "newspapers_books"]));
    const wheelchair = await listAll("amenities=wheelchair");
    expect(wheelchair.length).toBeGreaterThanOrEqual(all.length);
  });

  it("finds stations by text in the name or the address", async () => {
    const byName = await listAll(`q=${encodeURIComponent("雷锋")}`);
    expect(byName.map((s) => s.name)).toContain("工行抚顺雷锋支行");
    const byAddress = await listAll(`q=${encodeURIComponent("大东区")}`);
    expect(byAddress.length).toBeGreaterThan(0);
    expect(byAddress.every((s) => s.name.includes("大东区") || s.address.includes("大东区"))).toBe(true);
    const wildcard = await listAll(`q=${encodeURIComponent("%")}`);
    expect(wildcard).toHaveLength(0);
  });

  it("combines filters", async () => {
    const all = await listAll(`near=${shenyangCenter.lat},${shenyangCenter.lng}&radius=20000&city=210100&amenities=toilet`);
    expect(all.length).toBeGreaterThan(0);
    for (const s of all) {
      expect(s.city.adcode).toBe(210100);
      expect(s.amenities).toContain("toilet");
      expect(s.distanceMeters).toBeLessThanOrEqual(20000);
    }
  });

  describe("at a fixed time (a Wednesday, 10:00 in Shanghai)", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it("openNow=true answers the open stations, openNow=false the closed ones, unknown hours neither", async () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(new Date("2026-12-02T02:00:00Z"));
      const everything = await listAll("");
      const open = await listAll("openNow=true");
      const closed = await listAll("openNow=false");
      expect(open.length).toBeGreaterThan(400);
      expect(closed.length).toBeGreaterThan(0);
      expect(open.every((s) => s.openNow === true)).toBe(true);
      expect(closed.every((s) => s.openNow === false)).toBe(true);
      const unknown = everything.filter((s) => s.openNow === null);
      expect(unknown.length).toBeGreaterThan(0);
      expect(open.length + closed.length + unknown.length).toBe(571);
    });
  });

  it("keeps closed stations visible as closed", async () => {
    const all = await listAll("");
    const notOperating = all.filter((s) => s.status !== "open");
    expect(notOperating.length).toBeGreaterThan(0);
    expect(notOperating.every((s) => s.openNow === false)).toBe(true);
    expect(all.some((s) => s.openNow === null)).toBe(true);
  });
});

describe("GET /api/v1/stations with bad input", () => {
  const badQueries: [string, string][] = [
    ["malformed near", "near=abc"],
    ["near with one number", "near=41.8"],
    ["latitude above 90", "near=91,123"],
    ["longitude beyond 180", "near=41,181"],
    ["exponent notation", "near=1e2,1"],
    ["number that overflows to infinity", `near=${"9".repeat(400)},1`],
    ["radius without near", "radius=100"],
    ["radius over 50 km", "near=41.8,123.4&radius=50001"],
    ["negative radius", "near=41.8,123.4&radius=-5"],
    ["reversed bbox", "bbox=124,42,123,41"],
    ["bbox with three numbers", "bbox=123,41,124"],
    ["city that is not an adcode", "city=shenyang"],
    ["unknown amenity code", "amenities=wifi,jacuzzi"],
    ["malformed amenity code", "amenities=Wi-Fi!"],
    ["garbage cursor", "cursor=not-a-cursor"],
    ["cursor of another mode", `cursor=${Buffer.from(JSON.stringify({ mode: "code", code: "LN" })).toString("base64url")}&near=41,123`],
    ["over-long q", `q=${"驿".repeat(51)}`],
    ["NUL in q", "q=%00"],
    ["control character in q", "q=a%09b"],
    ["cursor with a NUL code", `cursor=${Buffer.from(JSON.stringify({ mode: "code", filters: "x", code: "\u0000" })).toString("base64url")}`],
    ["empty q", "q=%20"],
    ["limit 0", "limit=0"],
    ["limit 201", "limit=201"],
    ["limit not a number", "limit=ten"],
    ["openNow not boolean", "openNow=yes"],
    ["repeated parameter", "limit=5&limit=6"],
    ["unknown parameter", "color=red"],
  ];

  it.each(badQueries)("%s answers 400 with the error shape, in Chinese", async (_label, query) => {
    const { status, body } = await callRoute(getStations, `/api/v1/stations?${query}`);
    expect(status).toBe(400);
    expect(body).toEqual({
      error: { code: "validation_failed", message: expect.any(String), details: expect.any(Array) },
    });
    expect(body.error.details.length).toBeGreaterThan(0);
    for (const detail of body.error.details) expect(detail.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("names an unknown parameter in the detail's path", async () => {
    const { body } = await callRoute(getStations, "/api/v1/stations?color=red&limit=5");
    expect(body.error.details).toEqual([{ path: "color", message: expect.stringContaining("color") }]);
  });

  it("refuses a cursor used with other filters than the ones that made it", async () => {
    const first = await callRoute(getStations, "/api/v1/stations?near=41.8,123.43&limit=5");
    const cursor = first.body.nextCursor;
    const same = await callRoute(getStations, `/api/v1/stations?near=41.8,123.43&limit=10&cursor=${cursor}`);
    expect(same.status).toBe(200);
    const moved = await callRoute(getStations, `/api/v1/stations?near=38.9,121.6&limit=5&cursor=${cursor}`);
    expect(moved.status).toBe(400);
    expect(moved.body.error.details[0].path).toBe("cursor");
    const filtered = await callRoute(getStations, `/api/v1/stations?near=41.8,123.43&city=210100&limit=5&cursor=${cursor}`);
    expect(filtered.status).toBe(400);
  });
});

describe("GET /api/v1/stations?q= with pinyin", () => {
  it.each([
    ["initials", "sydd"],
    ["full pinyin", "shenyangdadong"],
    ["upper case", "SYDD"],
    ["Chinese words apart", "沈阳 大东"],
  ])("finds 工行沈阳大东支行营业室 by %s", async (_label, q) => {
    const { status, body } = await callRoute(getStations, `/api/v1/stations?q=${encodeURIComponent(q)}&limit=200`);
    expect(status).toBe(200);
    expect(body.data.map((s: { name: string }) => s.name)).toContain("工行沈阳大东支行营业室");
  });

  it("requires every word", async () => {
    const { body } = await callRoute(getStations, `/api/v1/stations?q=${encodeURIComponent("大连 sydd")}`);
    expect(body.data).toHaveLength(0);
  });
});
