import { describe, expect, it } from "vitest";
import { matchesSearch, searchTokens, stationSearchKeys } from "./search-keys";

const dadong = { name: "工行沈阳大东支行营业室", address: "辽宁省沈阳市大东区小东路12号" };
const station = { ...dadong, ...(() => { const k = stationSearchKeys(dadong.name, dadong.address); return { searchPinyin: k.pinyin, searchInitials: k.initials }; })() };

describe("stationSearchKeys", () => {
  it("romanises name and address apart", () => {
    expect(stationSearchKeys(dadong.name, dadong.address)).toEqual({
      pinyin: "gonghangshenyangdadongzhihangyingyeshi|liaoningshengshenyangshidadongquxiaodonglu12hao",
      initials: "ghsyddzhyys|lnssysddqxdl12h",
    });
  });
});

describe("matchesSearch", () => {
  it.each([
    ["沈阳大东", true],
    ["大东", true],
    ["小东路", true],
    ["sydd", true],
    ["SYDD", true],
    ["shenyangdadong", true],
    ["dadong", true],
    ["沈阳 大东", true],
    ["sy dd", true],
    ["大连", false],
    ["dalian", false],
    ["yyshln", false],
    ["小东路12号", true],
  ])("%s → %s", (query, expected) => {
    expect(matchesSearch(station, query)).toBe(expected);
  });

  it("splits words on any whitespace", () => {
    expect(searchTokens("  沈阳\t大东 ")).toEqual([
      { text: "沈阳", latin: false },
      { text: "大东", latin: false },
    ]);
  });
});
