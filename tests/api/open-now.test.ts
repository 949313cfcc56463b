import { describe, expect, it } from "vitest";
import { anonymousActor } from "@/lib/server/actor";
import { listStations } from "@/lib/server/station/list-stations";

async function all(filters: Parameters<typeof listStations>[1], now: Date) {
  const result = [];
  let cursor = filters.cursor;
  do {
    const page = await listStations(anonymousActor, { ...filters, cursor }, now);
    result.push(...page.data);
    cursor = page.nextCursor ? JSON.parse(Buffer.from(page.nextCursor, "base64url").toString()) : undefined;
  } while (cursor);
  return result;
}

// The SQL filter and the TypeScript computation must agree at every kind of moment, in Shanghai time.
describe("openNow agrees between the SQL filter and the computed field", () => {
  it.each([
    ["a Wednesday 10:00", "2026-12-02T02:00:00Z"],
    ["a Wednesday 08:59", "2026-12-02T00:59:00Z"],
    ["a Saturday 10:00", "2026-12-05T02:00:00Z"],
    ["Spring Festival 2027", "2027-02-08T02:00:00Z"],
    ["New Year's Eve special hours, inside them", "2026-12-31T02:30:00Z"],
    ["New Year's Eve special hours, after them", "2026-12-31T07:30:00Z"],
    ["a Friday 16:59 seen from a UTC server at 08:59", "2026-11-27T08:59:00Z"],
  ])("on %s", async (_label, iso) => {
    const now = new Date(iso);
    const everything = await all({ limit: 200 }, now);
    const ids = (stations: { id: string }[]) => stations.map((s) => s.id).sort();
    const open = await all({ limit: 200, openNow: true }, now);
    const closed = await all({ limit: 200, openNow: false }, now);
    expect(ids(open)).toEqual(ids(everything.filter((s) => s.openNow === true)));
    expect(ids(closed)).toEqual(ids(everything.filter((s) => s.openNow === false)));
    // Unknown hours match neither filter.
    expect(open.length + closed.length).toBe(everything.filter((s) => s.openNow !== null).length);
  });

  it("applies special hours on the day they are set", async () => {
    const morning = await all({ limit: 200, openNow: true }, new Date("2026-12-31T02:30:00Z"));
    const afternoon = await all({ limit: 200, openNow: true }, new Date("2026-12-31T07:30:00Z"));
    const specialHours = morning.filter((s) => s.openingHours.exceptions.some((e) => e.kind === "special_hours"));
    expect(specialHours.length).toBeGreaterThan(0);
    const specialIds = new Set(specialHours.map((s) => s.id));
    expect(afternoon.filter((s) => specialIds.has(s.id))).toHaveLength(0);
  });

  it("finds most stations open on a weekday morning and fewer on a Sunday", async () => {
    const weekday = await all({ limit: 200, openNow: true }, new Date("2026-12-02T02:00:00Z"));
    const sunday = await all({ limit: 200, openNow: true }, new Date("2026-12-06T02:00:00Z"));
    const night = await all({ limit: 200, openNow: true }, new Date("2026-12-02T14:00:00Z"));
    expect(weekday.length).toBeGreaterThan(400);
    expect(sunday.length).toBeGreaterThan(0);
    expect(sunday.length).toBeLessThan(weekday.length);
    expect(night).toHaveLength(0);
  });
});
