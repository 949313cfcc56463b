import { describe, expect, it } from "vitest";
import { changedFields } from "@/lib/audit-diff";

describe("changedFields", () => {
  it("lists only the fields that differ", () => {
    expect(changedFields({ phone: "1", notice: "a", version: 1 }, { phone: "1", notice: "b", version: 2 })).toEqual([
      { field: "notice", before: "a", after: "b" },
      { field: "version", before: 1, after: 2 },
    ]);
  });

  it("shows the filled fields of a created record as new, not its empty ones", () => {
    expect(changedFields(null, { username: "li", role: null })).toEqual([{ field: "username", before: undefined, after: "li" }]);
    expect(changedFields({ note: "x" }, { note: null })).toEqual([{ field: "note", before: "x", after: null }]);
  });

  it("compares keyed lists item by item and ignores key order", () => {
    const before = [{ amenityCode: "wifi", availability: "AVAILABLE" }, { amenityCode: "rest", availability: "AVAILABLE" }];
    const after = [{ availability: "AVAILABLE", amenityCode: "rest" }, { amenityCode: "toilet", availability: "LIMITED" }];
    expect(changedFields(before, after)).toEqual([
      { field: "toilet", before: undefined, after: { amenityCode: "toilet", availability: "LIMITED" } },
      { field: "wifi", before: { amenityCode: "wifi", availability: "AVAILABLE" }, after: undefined },
    ]);
  });

  it("compares nested values as a whole", () => {
    expect(changedFields({ weekly: [[1, 540, 1020]] }, { weekly: [[1, 540, 1080]] })).toEqual([
      { field: "weekly", before: [[1, 540, 1020]], after: [[1, 540, 1080]] },
    ]);
    expect(changedFields({ weekly: [[1, 540, 1020]] }, { weekly: [[1, 540, 1020]] })).toEqual([]);
  });
});
