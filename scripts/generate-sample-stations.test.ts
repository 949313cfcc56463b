import { readFileSync, statSync } from "node:fs";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { stationDatasetSchema, type StationRecord } from "@/lib/validations/station-import";
import { generateSampleDataset } from "./generate-sample-stations";

const root = new URL("../", import.meta.url);
const readText = (path: string) => readFileSync(new URL(path, root), "utf8");
const readJson = <T>(path: string): T => JSON.parse(readText(path));

const fileContents = readJson<unknown>("data/sample-stations.json");
const dataset = stationDatasetSchema.parse(fileContents);
const stations: StationRecord[] = dataset.stations;

const counties = readJson<FeatureCollection<Polygon | MultiPolygon, { adcode: number; city_adcode: number; name: string }>>(
  "data/geo/liaoning_counties.wgs84.geojson",
);
const countyByAdcode = new Map(counties.features.map((f) => [f.properties.adcode, f]));

/** Urban population (resident population × urban share, 2020 census) per county, parsed independently here. */
function urbanPopulationByCounty(): { adcode: number; city: number; urban: number }[] {
  const [header, ...lines] = readText("data/geo/liaoning_population_2020.csv").trim().split(/\r?\n/);
  const col = header.split(",");
  return lines
    .map((line) => Object.fromEntries(line.split(",").map((v, i) => [col[i], v])))
    .filter((r) => r.level === "county")
    .map((r) => ({
      adcode: Number(r.adcode),
      city: Number(r.parent_adcode),
      urban: Number(r.pop_2020) * Number(r.urban_share_2020),
    }));
}

function countBy<K>(keys: K[]): Map<K, number> {
  const counts = new Map<K, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

function metresBetween(a: StationRecord, b: StationRecord): number {
  const kx = 111_320 * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  return Math.hypot((a.lng - b.lng) * kx, (a.lat - b.lat) * 110_574);
}

describe("data/sample-stations.json", () => {
  it("is labelled as a synthetic sample", () => {
    expect(dataset.description).toMatch(/SYNTHETIC SAMPLE/);
    expect(dataset.description).toMatch(/不是中国工商银行的真实网点/);
    expect(dataset.generatedBy).toMatch(/generate-sample-stations\.ts/);
  });

  it("has exactly 571 stations with unique, well-formed codes and ids", () => {
    expect(stations).toHaveLength(571);
    expect(new Set(stations.map((s) => s.code)).size).toBe(571);
    expect(new Set(stations.map((s) => s.id)).size).toBe(571);
    for (const s of stations) {
      expect(s.code).toMatch(new RegExp(`^LN${s.districtAdcode}\\d{3}$`));
      expect(s.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it("places every station inside its own district, which belongs to its city", () => {
    const outside = stations.filter((s) => {
      const county = countyByAdcode.get(s.districtAdcode);
      return !county || county.properties.city_adcode !== s.cityAdcode || !booleanPointInPolygon([s.lng, s.lat], county);
    });
    expect(outside.map((s) => s.code)).toEqual([]);
  });

  it("keeps stations at least 150 m apart", () => {
    let closest = Infinity;
    for (let i = 0; i < stations.length; i++) {
      for (let j = i + 1; j < stations.length; j++) closest = Math.min(closest, metresBetween(stations[i], stations[j]));
    }
    expect(closest).toBeGreaterThanOrEqual(150);
  });

  it("allocates stations in proportion to urban population, at least one per county", () => {
    const rows = urbanPopulationByCounty();
    expect(rows).toHaveLength(100);
    const totalUrban = rows.reduce((sum, r) => sum + r.urban, 0);
    const perCity = countBy(stations.map((s) => s.cityAdcode));
    const perCounty = countBy(stations.map((s) => s.districtAdcode));
    const cityUrban = new Map<number, number>();
    for (const r of rows) cityUrban.set(r.city, (cityUrban.get(r.city) ?? 0) + r.urban);

    expect(perCity.size).toBe(14);
    for (const [city, urban] of cityUrban) {
      const quota = (571 * urban) / totalUrban;
      expect(Math.abs((perCity.get(city) ?? 0) - quota), `city ${city}`).toBeLessThanOrEqual(1);
    }
    for (const r of rows) {
      const count = perCounty.get(r.adcode) ?? 0;
      const quota = ((perCity.get(r.city) ?? 0) * r.urban) / (cityUrban.get(r.city) ?? 1);
      expect(count, `county ${r.adcode}`).toBeGreaterThanOrEqual(1);
      expect(Math.abs(count - quota), `county ${r.adcode}`).toBeLessThanOrEqual(1);
    }
  });

  it("gives every station the standard amenities and only known amenity codes, once each", () => {
    const types = readJson<{ code: string; isStandard: boolean }[]>("data/amenity-types.json");
    const known = new Set(types.map((t) => t.code));
    const standard = types.filter((t) => t.isStandard).map((t) => t.code);
    expect(standard).toEqual(["rest", "drinking_water", "phone_charging", "wifi"]);
    for (const s of stations) {
      const codes = s.amenities.map((a) => a.code);
      expect(codes).toEqual(expect.arrayContaining(standard));
      expect(new Set(codes).size).toBe(codes.length);
      for (const code of codes) expect(known.has(code), code).toBe(true);
    }
  });

  it("includes the named branches with their amenities", () => {
    const expected: [string, number, string[]][] = [
      ["工行沈阳大东支行营业室", 210104, ["poverty_relief_goods"]],
      ["工行沈阳龙江支行", 210114, ["military_service", "appointment_home_service"]],
      ["工行沈阳南京街支行", 210102, ["newspapers_books", "emergency_medicine", "sewing_kit", "reading_glasses", "wheelchair"]],
      ["工行沈阳皇姑支行营业室", 210105, ["anti_fraud_corner"]],
      ["工行沈阳业务支行", 210103, ["quiet_study", "wifi", "stationery"]],
      ["工行抚顺雷锋支行", 210404, []],
      ["工行沈阳向工支行", 210105, []],
    ];
    for (const [name, district, amenities] of expected) {
      const matches = stations.filter((s) => s.name === name);
      expect(matches, name).toHaveLength(1);
      expect(matches[0].districtAdcode, name).toBe(district);
      expect(matches[0].amenities.map((a) => a.code), name).toEqual(expect.arrayContaining(amenities));
    }
    const leiFeng = stations.find((s) => s.name === "工行抚顺雷锋支行");
    expect(leiFeng?.story).toMatch(/雷锋储蓄所/);
    expect(leiFeng?.story).toMatch(/1961年/);
    const xianggong = stations.find((s) => s.name === "工行沈阳向工支行");
    expect(`${xianggong?.story ?? ""}${xianggong?.notice ?? ""}`).toMatch(/2021年1月/);
  });

  it("uses unique names within a city and addresses in the station's own city and district", () => {
    const names = countBy(stations.map((s) => `${s.cityAdcode}:${s.name}`));
    expect([...names].filter(([, n]) => n > 1)).toEqual([]);
    const cityNames = new Map(
      readText("data/geo/liaoning_admin_points.csv")
        .split("\n")
        .filter((l) => l.startsWith("city,"))
        .map((l) => [Number(l.split(",")[1]), l.split(",")[2]]),
    );
    for (const s of stations) {
      const district = countyByAdcode.get(s.districtAdcode)?.properties.name;
      expect(s.address).toMatch(new RegExp(`^辽宁省${cityNames.get(s.cityAdcode)}${district}.+\\d+号$`));
      expect(s.name).toMatch(/^工行.+(支行营业室|支行|分理处)$/);
    }
  });

  it("uses each city's area code", () => {
    const areaCodes: Record<number, string> = {
      210100: "024", 210200: "0411", 210300: "0412", 210400: "024", 210500: "024", 210600: "0415",
      210700: "0416", 210800: "0417", 210900: "0418", 211000: "0419", 211100: "0427", 211200: "024",
      211300: "0421", 211400: "0429",
    };
    for (const s of stations) {
      if (s.status === "closed") continue;
      const code = areaCodes[s.cityAdcode];
      const digits = code === "024" || code === "0411" ? 8 : 7;
      expect(s.phone, s.code).toMatch(new RegExp(`^${code}-[2-8]\\d{${digits - 1}}$`));
    }
  });

  it("has a few temporarily closed and closed stations, each with a notice", () => {
    const today = "2026-11-27";
    const temporarilyClosed = stations.filter((s) => s.status === "temporarily_closed");
    expect(temporarilyClosed.length).toBeGreaterThanOrEqual(4);
    expect(temporarilyClosed.length).toBeLessThanOrEqual(6);
    for (const s of temporarilyClosed) {
      expect(s.notice).toBeTruthy();
      const closure = s.openingHours.exceptions.find((e) => e.kind === "temporary_closure");
      expect(closure && closure.startsOn <= today && closure.endsOn >= today).toBe(true);
      expect(closure?.endsOn).toMatch(/^(2026-12|2027-01)-/);
    }
    const closed = stations.filter((s) => s.status === "closed");
    expect(closed.length).toBeGreaterThanOrEqual(2);
    expect(closed.length).toBeLessThanOrEqual(3);
    for (const s of closed) expect(s.notice).toMatch(/撤并/);
  });

  it("dates verification and amenity checks in 2026, Beijing time, mostly recent", () => {
    const ages: number[] = [];
    for (const s of stations) {
      expect(s.verifiedAt).toMatch(/^2026-(0\d|1[01])-\d\dT\d\d:\d\d:00\+08:00$/);
      const verified = Date.parse(s.verifiedAt ?? "");
      expect(verified).toBeLessThanOrEqual(Date.parse("2026-11-20T23:59:59+08:00"));
      ages.push((Date.parse("2026-11-27T00:00:00+08:00") - verified) / 86_400_000);
      for (const a of s.amenities) {
        expect(a.checkedAt).toMatch(/\+08:00$/);
        expect(Date.parse(a.checkedAt ?? "")).toBeLessThanOrEqual(verified);
      }
    }
    expect(ages.filter((d) => d <= 90).length / ages.length).toBeGreaterThan(0.6);
    expect(ages.filter((d) => d > 180).length).toBeGreaterThan(10);
  });

  it("is exactly what the generator produces, on every run", () => {
    const first = generateSampleDataset();
    expect(first).toEqual(fileContents);
    expect(generateSampleDataset()).toEqual(first);
  });
});

describe("public/geo simplified boundaries", () => {
  const layers = [
    { name: "liaoning-province", features: 1, maxBytes: 60_000 },
    { name: "liaoning-cities", features: 14, maxBytes: 60_000 },
    { name: "liaoning-districts", features: 100, maxBytes: 120_000 },
  ];
  for (const layer of layers) {
    for (const datum of ["wgs84", "gcj02"]) {
      it(`${layer.name}.${datum}.json is small and keeps the attributes`, () => {
        const path = `public/geo/${layer.name}.${datum}.json`;
        expect(statSync(new URL(path, root)).size).toBeLessThan(layer.maxBytes);
        const collection = readJson<FeatureCollection>(path);
        expect(collection.features).toHaveLength(layer.features);
        for (const f of collection.features) {
          expect(Object.keys(f.properties ?? {})).toEqual(
            layer.features === 100 ? ["adcode", "name", "city_adcode", "pop_2020"] : ["adcode", "name", "pop_2020"],
          );
        }
      });
    }
  }
});
