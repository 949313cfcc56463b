import gcoord, { type CRSTypes } from "gcoord";
import { describe, expect, it } from "vitest";
import { directionsLinks, type DirectionsProvider } from "@/lib/directions";

const station = { lat: 41.796567, lng: 123.429096, name: "工行沈阳(南京街)支行", address: "沈阳市和平区南京北街;88号" };

function linkFor(provider: DirectionsProvider, target = station) {
  const link = directionsLinks(target).find((l) => l.provider === provider);
  if (!link) throw new Error(`no ${provider} link`);
  return link.href;
}

// gcoord takes and answers [lng, lat].
function expected(crs: CRSTypes) {
  const [lng, lat] = gcoord.transform<[number, number]>([station.lng, station.lat], gcoord.WGS84, crs);
  return { lat, lng };
}

function expectClose(actual: { lat: number; lng: number }, wanted: { lat: number; lng: number }) {
  expect(Math.abs(actual.lat - wanted.lat)).toBeLessThanOrEqual(5e-7);
  expect(Math.abs(actual.lng - wanted.lng)).toBeLessThanOrEqual(5e-7);
}

function metersBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

describe("directionsLinks", () => {
  it("gives Amap the point in GCJ-02, lng first", () => {
    const url = new URL(linkFor("amap"));
    expect(url.origin + url.pathname).toBe("https://uri.amap.com/marker");
    const [lng, lat] = url.searchParams.get("position")!.split(",").map(Number);
    expectClose({ lat, lng }, expected(gcoord.GCJ02));
    expect(url.searchParams.get("coordinate")).toBe("gaode");
    expect(url.searchParams.get("callnative")).toBe("1");
    expect(url.searchParams.get("name")).toBe(station.name);
  });

  it("gives Baidu the point in BD-09, lat first, and says so", () => {
    const url = new URL(linkFor("baidu"));
    expect(url.origin + url.pathname).toBe("https://api.map.baidu.com/marker");
    const [lat, lng] = url.searchParams.get("location")!.split(",").map(Number);
    expectClose({ lat, lng }, expected(gcoord.BD09));
    expect(url.searchParams.get("coord_type")).toBe("bd09ll");
    expect(url.searchParams.get("title")).toBe(station.name);
    expect(url.searchParams.get("content")).toBe(station.address);
    expect(url.searchParams.get("src")).toBe("icbc-yizhan");
  });

  it("gives Tencent the point in GCJ-02 and keeps its marker list parseable", () => {
    const url = new URL(linkFor("tencent"));
    expect(url.origin + url.pathname).toBe("https://apis.map.qq.com/uri/v1/marker");
    const parts = url.searchParams.get("marker")!.split(";");
    expect(parts).toHaveLength(3);
    const [lat, lng] = parts[0].replace("coord:", "").split(",").map(Number);
    expectClose({ lat, lng }, expected(gcoord.GCJ02));
    expect(parts[1]).toBe(`title:${station.name}`);
    expect(parts[2]).toBe("addr:沈阳市和平区南京北街 88号");
  });

  it("gives the phone's map app a WGS-84 geo: URI (RFC 5870) with an escaped label", () => {
    const href = linkFor("geo");
    const match = /^geo:(-?[\d.]+),(-?[\d.]+)\?q=(-?[\d.]+),(-?[\d.]+)\(([^()]*)\)$/.exec(href);
    expect(match, href).not.toBeNull();
    const [, lat, lng, qLat, qLng, label] = match!;
    expectClose({ lat: Number(lat), lng: Number(lng) }, station);
    expect([qLat, qLng]).toEqual([lat, lng]);
    expect(decodeURIComponent(label)).toBe(station.name);
  });

  it("gives Apple Maps GCJ-02, which it uses in mainland China", () => {
    const url = new URL(linkFor("apple"));
    expect(url.origin).toBe("https://maps.apple.com");
    const [lat, lng] = url.searchParams.get("ll")!.split(",").map(Number);
    expectClose({ lat, lng }, expected(gcoord.GCJ02));
    expect(url.searchParams.get("q")).toBe(station.name);
  });

  it("rounds every coordinate to six decimals", () => {
    for (const { href } of directionsLinks(station)) {
      const numbers = href.match(/-?\d+\.\d+/g) ?? [];
      expect(numbers.length, href).toBeGreaterThanOrEqual(2);
      for (const n of numbers) expect(n.split(".")[1], href).toHaveLength(6);
    }
  });

  it.each([
    ["Shenyang", 41.8, 123.43],
    ["Dalian", 38.91, 121.61],
    ["Dandong", 40.12, 124.38],
    ["Chaoyang", 41.57, 120.45],
  ])("moves a point in %s by 300–700 m from WGS-84 to GCJ-02", (_city, lat, lng) => {
    const [gcjLngStr, gcjLatStr] = new URL(linkFor("amap", { lat, lng, name: "x", address: "y" })).searchParams.get("position")!.split(",");
    const distance = metersBetween({ lat, lng }, { lat: Number(gcjLatStr), lng: Number(gcjLngStr) });
    expect(distance).toBeGreaterThan(300);
    expect(distance).toBeLessThan(700);
  });
});
