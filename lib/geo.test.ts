import { describe, expect, it } from "vitest";
import { haversineMeters, walkingEstimate } from "./geo";

describe("haversineMeters", () => {
  it("measures one degree of latitude as about 111.2 km", () => {
    expect(haversineMeters({ lat: 41, lng: 123 }, { lat: 42, lng: 123 })).toBeCloseTo(111_195, -1);
  });

  it("is zero for the same point and symmetric", () => {
    const a = { lat: 41.8, lng: 123.4 };
    const b = { lat: 38.9, lng: 121.6 };
    expect(haversineMeters(a, a)).toBe(0);
    expect(haversineMeters(a, b)).toBeCloseTo(haversineMeters(b, a), 6);
  });
});

describe("walkingEstimate", () => {
  it("adds the detour and rounds to 10 m, at 75 m a minute", () => {
    expect(walkingEstimate(1000)).toEqual({ meters: 1300, minutes: 18 });
    expect(walkingEstimate(0)).toEqual({ meters: 0, minutes: 1 });
  });
});
