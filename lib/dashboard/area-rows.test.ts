import { describe, expect, it } from "vitest";
import { filterAreaRows, measureValue, sortAreaRows, type AreaRow } from "@/lib/dashboard/area-rows";

const row = (adcode: number, name: string, fields: Partial<AreaRow>): AreaRow => ({
  adcode,
  name,
  cityAdcode: 210100,
  population: 100,
  stations: 1,
  residentsPerStation: 100,
  verifiedShare: 1,
  outsideShare: null,
  amenityShares: {},
  ...fields,
});

const rows = [
  row(210102, "和平区", { stations: 5, residentsPerStation: 2000, amenityShares: { toilet: 0.4 } }),
  row(210103, "沈河区", { stations: 3, residentsPerStation: 3000, amenityShares: { toilet: 1 } }),
  row(210123, "康平县", { stations: 0, residentsPerStation: null, verifiedShare: null, amenityShares: null }),
  row(210104, "大东区", { stations: 3, residentsPerStation: 1000, amenityShares: {} }),
];
const names = (list: AreaRow[]) => list.map((r) => r.name);

describe("sortAreaRows", () => {
  it("sorts by a figure either way, ties in adcode order, rows without a value last both ways", () => {
    expect(names(sortAreaRows(rows, "residentsPerStation", "desc"))).toEqual(["沈河区", "和平区", "大东区", "康平县"]);
    expect(names(sortAreaRows(rows, "residentsPerStation", "asc"))).toEqual(["大东区", "和平区", "沈河区", "康平县"]);
    expect(names(sortAreaRows(rows, "stations", "asc"))).toEqual(["康平县", "沈河区", "大东区", "和平区"]);
  });

  it("sorts by an amenity's share, a missing code counting as none offered", () => {
    expect(names(sortAreaRows(rows, "amenity.toilet", "desc"))).toEqual(["沈河区", "和平区", "大东区", "康平县"]);
    expect(measureValue(rows[3], "amenity.toilet")).toBe(0);
    expect(measureValue(rows[2], "amenity.toilet")).toBeNull();
  });

  it("sorts names by pinyin", () => {
    expect(names(sortAreaRows(rows, "name", "asc"))).toEqual(["大东区", "和平区", "康平县", "沈河区"]);
    expect(names(sortAreaRows(rows, "name", "desc"))).toEqual(["沈河区", "康平县", "和平区", "大东区"]);
  });

  it("does not change the rows it is given", () => {
    const before = names(rows);
    sortAreaRows(rows, "stations", "desc");
    expect(names(rows)).toEqual(before);
  });
});

describe("filterAreaRows", () => {
  it("keeps rows whose name contains the text", () => {
    expect(names(filterAreaRows(rows, " 河 "))).toEqual(["沈河区"]);
    expect(filterAreaRows(rows, "")).toHaveLength(4);
    expect(filterAreaRows(rows, "铁西")).toEqual([]);
  });
});
