import { describe, expect, it } from "vitest";
import { describeStationChanges } from "@/lib/staff/station-changes";

describe("describeStationChanges", () => {
  it("names the details that changed, not the version or the timestamps", () => {
    const before = { version: 3, phone: "024-1", notice: null, status: "open", updatedAt: "2026-11-01T00:00:00.000Z", verifiedAt: null };
    const after = { ...before, version: 4, notice: "冬季热姜茶", updatedAt: "2026-11-02T00:00:00.000Z" };
    expect(describeStationChanges("station", before, after)).toEqual([{ kind: "field", field: "notice", before: null, after: "冬季热姜茶" }]);
  });

  it("tells added, removed and changed amenities apart", () => {
    const before = [
      { amenityCode: "rest", availability: "AVAILABLE", note: null, checkedAt: null },
      { amenityCode: "wifi", availability: "AVAILABLE", note: null, checkedAt: null },
    ];
    const after = [
      { amenityCode: "wifi", availability: "LIMITED", note: "信号弱", checkedAt: null },
      { amenityCode: "toilet", availability: "AVAILABLE", note: null, checkedAt: null },
    ];
    expect(describeStationChanges("station_amenities", before, after)).toEqual([
      {
        kind: "amenityChanged",
        code: "wifi",
        before: { availability: "available", note: null, checkedAt: null },
        after: { availability: "limited", note: "信号弱", checkedAt: null },
      },
      { kind: "amenityAdded", code: "toilet", after: { availability: "available", note: null, checkedAt: null } },
      { kind: "amenityRemoved", code: "rest" },
    ]);
  });

  it("gives hours per changed weekday and exceptions added or removed", () => {
    const closure = { kind: "TEMPORARY_CLOSURE", startsOn: "2026-12-20", endsOn: "2026-12-22", closed: true, opensAt: null, closesAt: null, note: "装修" };
    const before = { weekly: [[1, 540, 1020], [2, 540, 1020]], exceptions: [] };
    const after = { weekly: [[1, 540, 720], [1, 780, 1080], [2, 540, 1020]], exceptions: [closure] };
    expect(describeStationChanges("opening_hours", before, after)).toEqual([
      { kind: "weekday", day: 1, before: ["09:00–17:00"], after: ["09:00–12:00", "13:00–18:00"] },
      {
        kind: "exceptionAdded",
        exception: { kind: "temporary_closure", startsOn: "2026-12-20", endsOn: "2026-12-22", closed: true, opens: null, closes: null, note: "装修" },
      },
    ]);
  });

  it("falls back to the changed keys of an entity it does not know", () => {
    expect(describeStationChanges("something", { a: 1, b: "x" }, { a: 2, b: "x" })).toEqual([{ kind: "other", key: "a", before: "1", after: "2" }]);
  });
});
