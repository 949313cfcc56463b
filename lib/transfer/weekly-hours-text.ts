import type { WeeklyPeriod } from "@/lib/opening-hours";

/**
 * Weekly opening hours as one spreadsheet cell, e.g. "周一至周五 08:30-12:00,13:30-17:30; 周六 09:00-12:00".
 *
 * Grammar (strict; anything else is refused with a reason):
 *   hours    = "" (hours unknown) | segment *( ";" | "；" | line break ) segment
 *   segment  = days [spaces] ranges
 *   days     = day-item *( "、" | "," | "，" | "/" ) day-item
 *   day-item = day | day ("至" | "到" | "-" | "~" | "～") day | "每天" | "每日"
 *   day      = 周一…周日 (周天, 星期一…星期日 too) | 1…7 (1 = Monday)
 *   ranges   = range *( "," | "，" | "、" | spaces ) range
 *   range    = time ("-" | "–" | "—" | "~" | "～" | "至") time, time = H:MM or HH:MM (":" or "："), closing may be 24:00
 * Days not named are closed. A day may appear in several segments as long as its times do not overlap.
 */

const DAY_NAMES = ["一", "二", "三", "四", "五", "六", "日"];
const dayPattern = /^(?:(?:周|星期|礼拜)([一二三四五六日天])|([1-7]))$/;
const dayRangeSeparators = /至|到|-|~|～/;
const timePattern = /^(\d{1,2})[:：](\d{2})$/;

export type HoursParseResult = { ok: true; weekly: WeeklyPeriod[] } | { ok: false; reason: string };

function parseDay(text: string): number | null {
  const match = dayPattern.exec(text.trim());
  if (!match) return null;
  if (match[2]) return Number(match[2]);
  return match[1] === "天" ? 7 : DAY_NAMES.indexOf(match[1]) + 1;
}

function parseDays(text: string): number[] | string {
  const days: number[] = [];
  for (const item of text.split(/[、,，/]/)) {
    const trimmed = item.trim();
    if (trimmed === "每天" || trimmed === "每日") {
      days.push(1, 2, 3, 4, 5, 6, 7);
      continue;
    }
    const single = parseDay(trimmed);
    if (single !== null) {
      days.push(single);
      continue;
    }
    const bounds = trimmed.split(dayRangeSeparators);
    const [from, to] = bounds.length === 2 ? bounds.map(parseDay) : [null, null];
    if (from === null || to === null) return `不认识的星期「${trimmed}」，应写作 周一至周五 或 1-5`;
    if (from > to) return `星期范围「${trimmed}」须从前往后写（如 周一至周五）`;
    for (let day = from; day <= to; day++) days.push(day);
  }
  return days;
}

function parseTime(text: string, closing: boolean): string | null {
  const match = timePattern.exec(text.trim());
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (minutes > 59 || hours > 24 || (hours === 24 && (minutes > 0 || !closing))) return null;
  return `${String(hours).padStart(2, "0")}:${match[2]}`;
}

function parseRanges(text: string): { opens: string; closes: string }[] | string {
  const ranges: { opens: string; closes: string }[] = [];
  for (const item of text.split(/[,，、\s]+/).filter(Boolean)) {
    const bounds = item.split(/-|–|—|~|～|至/);
    const opens = bounds.length === 2 ? parseTime(bounds[0], false) : null;
    const closes = bounds.length === 2 ? parseTime(bounds[1], true) : null;
    if (opens === null || closes === null) return `不认识的时间段「${item}」，应写作 08:30-17:30`;
    if (opens >= closes) return `时间段「${item}」的关门时间须晚于开门时间`;
    ranges.push({ opens, closes });
  }
  return ranges;
}

export function parseWeeklyHours(text: string): HoursParseResult {
  const weekly: WeeklyPeriod[] = [];
  for (const segment of text.split(/[;；\r\n]+/).map((s) => s.trim()).filter(Boolean)) {
    // The days end where the first clock time begins ("周一至周五 08:30-…", "1-5 8:30-…").
    const split = /^(.+?)\s*(\d{1,2}[:：]\d{2}.*)$/s.exec(segment);
    if (!split) return { ok: false, reason: `「${segment}」缺少时间，应写作 周一至周五 08:30-17:30` };
    const days = parseDays(split[1]);
    if (typeof days === "string") return { ok: false, reason: days };
    const ranges = parseRanges(split[2]);
    if (typeof ranges === "string") return { ok: false, reason: ranges };
    for (const day of days) for (const range of ranges) weekly.push({ day, ...range });
  }
  weekly.sort((a, b) => a.day - b.day || a.opens.localeCompare(b.opens));
  for (let i = 1; i < weekly.length; i++) {
    const [previous, current] = [weekly[i - 1], weekly[i]];
    if (previous.day === current.day && current.opens < previous.closes) {
      return { ok: false, reason: `${dayLabel(current.day)}的时间段 ${previous.opens}-${previous.closes} 与 ${current.opens}-${current.closes} 重叠` };
    }
  }
  return { ok: true, weekly };
}

function dayLabel(day: number): string {
  return `周${DAY_NAMES[day - 1]}`;
}

/** The canonical cell text: days with the same times grouped, consecutive days as a range. */
export function formatWeeklyHours(weekly: WeeklyPeriod[]): string {
  const byDay = new Map<number, string>();
  const sorted = [...weekly].sort((a, b) => a.day - b.day || a.opens.localeCompare(b.opens));
  for (const p of sorted) {
    const range = `${p.opens}-${p.closes}`;
    byDay.set(p.day, byDay.has(p.day) ? `${byDay.get(p.day)},${range}` : range);
  }
  const groups = new Map<string, number[]>();
  for (const [day, ranges] of byDay) groups.set(ranges, [...(groups.get(ranges) ?? []), day]);
  return [...groups]
    .map(([ranges, days]) => `${formatDays(days)} ${ranges}`)
    .join("; ");
}

function formatDays(days: number[]): string {
  const runs: number[][] = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  return runs.map((run) => (run.length === 1 ? dayLabel(run[0]) : `${dayLabel(run[0])}至${dayLabel(run.at(-1)!)}`)).join("、");
}
