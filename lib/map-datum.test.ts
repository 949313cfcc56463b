import { describe, expect, it } from "vitest";
import { haversineMeters } from "./geo";
import { fromDisplay, toDisplay } from "./map-datum";

const shenyang = { lat: 41.79433, lng: 123.422953 };

describe("map datum", () => {
  it("leaves WGS-84 tiles alone", () => {
    expect(toDisplay(shenyang, "wgs84")).toEqual(shenyang);
    expect(fromDisplay(shenyang, "wgs84")).toEqual(shenyang);
  });

  it("shifts onto GCJ-02 tiles by several hundred metres, matching the bundled GCJ-02 boundary data", () => {
    const shown = toDisplay(shenyang, "gcj02");
    // data/geo's admin points give 沈阳's centre as 123.429096,41.796767 in GCJ-02 for this WGS-84 point.
    expect(shown.lng).toBeCloseTo(123.429096, 4);
    expect(shown.lat).toBeCloseTo(41.796767, 4);
    expect(haversineMeters(shenyang, shown)).toBeGreaterThan(300);
    expect(haversineMeters(shenyang, shown)).toBeLessThan(700);
  });

  it("converts a tap back to within a metre", () => {
    expect(haversineMeters(fromDisplay(toDisplay(shenyang, "gcj02"), "gcj02"), shenyang)).toBeLessThan(1);
  });
});
