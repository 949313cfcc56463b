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
  const name = station.name.toLowerCase();
  const address = station.address.toLowerCase();
  return searchTokens(query).every(({ text, latin }) => {
    // Case-insensitive like the SQL's ILIKE, so "b座" finds "B座" on the phone as in the API.
    const lower = text.toLowerCase();
    if (name.includes(lower) || address.includes(lower)) return true;
    return latin && (station.searchPinyin.includes(lower) || station.searchInitials.includes(lower));
  });
}
