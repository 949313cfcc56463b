/**
 * Quantile classes for the choropleth: each class holds about as many areas as the others, so 14 cities
 * or a dozen districts spread over the colours whatever the measure's range. Fewer classes when there are
 * fewer distinct values.
 */
export type ClassBreaks = {
  /** Class i covers [bounds[i], bounds[i + 1]); the last class includes its upper bound. */
  bounds: number[];
  /** Areas in each class. */
  counts: number[];
};

/** Light to dark blue (after ColorBrewer's "Blues"); the lightest class still stands out from the white map. */
export const CLASS_COLORS = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
export const NO_DATA_COLOR = "#d0d4d9";

export function quantileBreaks(values: (number | null)[], classes = CLASS_COLORS.length): ClassBreaks {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { bounds: [], counts: [] };
  const bounds = [sorted[0]];
  for (let k = 1; k < classes; k++) {
    const cut = sorted[Math.floor((k * sorted.length) / classes)];
    if (cut > bounds.at(-1)!) bounds.push(cut);
  }
  bounds.push(sorted.at(-1)!);
  // A single distinct value: one class holding it.
  if (bounds.length === 2 && bounds[0] === bounds[1]) return { bounds, counts: [sorted.length] };
  const counts = bounds.slice(1).map(() => 0);
  for (const v of sorted) counts[classOf(v, { bounds, counts })!]++;
  return { bounds, counts };
}

/** The class a value falls in, or null for no value (drawn as "no data"). */
export function classOf(value: number | null, breaks: ClassBreaks): number | null {
  if (value === null || breaks.bounds.length === 0) return null;
  const last = breaks.bounds.length - 2;
  for (let i = 0; i < last; i++) if (value < breaks.bounds[i + 1]) return i;
  return last;
}
