import { describe, expect, it } from "vitest";
import { dashboardHref } from "@/lib/dashboard/dashboard-href";
import { dashboardQuerySchema } from "@/lib/validations/dashboard";

describe("dashboardHref", () => {
  const query = dashboardQuerySchema.parse({ city: "210100", q: "河", stale: "30" });

  it("keeps the view and leaves defaults out", () => {
    expect(dashboardHref(dashboardQuerySchema.parse({}))).toBe("/admin");
    expect(dashboardHref(query)).toBe("/admin?city=210100&q=%E6%B2%B3&stale=30");
  });

  it("changes what it is told, dropping what is cleared", () => {
    expect(dashboardHref(query, { sort: "amenity.toilet", dir: "asc" }, "#areas")).toBe("/admin?city=210100&sort=amenity.toilet&dir=asc&q=%E6%B2%B3&stale=30#areas");
    expect(dashboardHref(query, { city: undefined, q: "" })).toBe("/admin?stale=30");
  });

  it("round-trips through the schema", () => {
    const href = dashboardHref(query, { measure: "amenity.wifi", focus: 210102 });
    expect(dashboardQuerySchema.parse(Object.fromEntries(new URL(href, "http://x").searchParams))).toEqual({ ...query, measure: "amenity.wifi", focus: 210102 });
  });
});
