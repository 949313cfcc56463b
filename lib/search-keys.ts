import { pinyin } from "pinyin-pro";

function romanise(text: string, pattern: "pinyin" | "first"): string {
  return pinyin(text, { pattern, toneType: "none", type: "array", nonZh: "consecutive" })
    .join("")
    .toLowerCase()
    .replace(/\s+/g, "");
}

/**
 * Pinyin and initials of a station's name and address, stored with the station so both the database
 * and a phone holding cached data can match "shenyangdadong" or "sydd" to 沈阳大东. Name and address
 * are joined with "|" so a match never spans the two.
 */
export function stationSearchKeys(name: string, address: string): { pinyin: string; initials: string } {
  return {
    pinyin: `${romanise(name, "pinyin")}|${romanise(address, "pinyin")}`,
    initials: `${romanise(name, "first")}|${romanise(address, "first")}`,
  };
}

/**
 * The words of a search: whitespace separates them and every word must match. Latin words are also
 * compared, lower case, with the pinyin keys.
 */
export function searchTokens(query: string): { text: string; latin: boolean }[] {
  return query
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((text) => ({ text, latin: /^[a-z0-9]+$/i.test(text) }));
}

/** The same matching rules as the API's `q`, for searching cached stations on the phone. */
export function matchesSearch(station: { name: string; address: string; searchPinyin: string; searchInitials: string }, query: string): boolean {
  return searchTokens(query).every(({ text, latin }) => {
    if (station.name.includes(text) || station.address.includes(text)) return true;
    if (!latin) return false;
    const lower = text.toLowerCase();
    return station.searchPinyin.includes(lower) || station.searchInitials.includes(lower) || station.name.toLowerCase().includes(lower);
  });
}
