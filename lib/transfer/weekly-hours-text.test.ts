import { describe, expect, it } from "vitest";
import { formatWeeklyHours, parseWeeklyHours } from "@/lib/transfer/weekly-hours-text";

const weekdays = (days: number[], opens: string, closes: string) => days.map((day) => ({ day, opens, closes }));

describe("parseWeeklyHours", () => {
  it("reads the Chinese and the numeric way of writing the same hours", () => {
    const expected = [...weekdays([1, 2, 3, 4, 5], "08:30", "17:30"), { day: 6, opens: "09:00", closes: "12:00" }];
    expect(parseWeeklyHours("周一至周五 08:30-17:30; 周六 09:00-12:00")).toEqual({ ok: true, weekly: expected });
    expect(parseWeeklyHours("1-5 08:30-17:30; 6 09:00-12:00")).toEqual({ ok: true, weekly: expected });
    expect(parseWeeklyHours("星期一到星期五 8:30～17:30；星期六 09：00-12:00")).toEqual({ ok: true, weekly: expected });
  });

  it("reads several periods a day, lists of days, every day, and closing at midnight", () => {
    expect(parseWeeklyHours("周一、周三 08:30-12:00,13:30-17:30").ok && parseWeeklyHours("周一、周三 08:30-12:00,13:30-17:30")).toEqual({
      ok: true,
      weekly: [
        { day: 1, opens: "08:30", closes: "12:00" },
        { day: 1, opens: "13:30", closes: "17:30" },
        { day: 3, opens: "08:30", closes: "12:00" },
        { day: 3, opens: "13:30", closes: "17:30" },
      ],
    });
    expect(parseWeeklyHours("每天 00:00-24:00")).toEqual({ ok: true, weekly: weekdays([1, 2, 3, 4, 5, 6, 7], "00:00", "24:00") });
    expect(parseWeeklyHours("周日 10:00-16:00")).toEqual({ ok: true, weekly: [{ day: 7, opens: "10:00", closes: "16:00" }] });
  });

  it("reads a blank cell as hours unknown", () => {
    expect(parseWeeklyHours("")).toEqual({ ok: true, weekly: [] });
  });

  it.each([
    ["周一至周五", "缺少时间"],
    ["周八 08:00-17:00", "不认识的星期「周八」"],
    ["周五至周一 08:00-17:00", "须从前往后写"],
    ["周一至周五 8点-17点", "缺少时间"],
    ["周一至周五 08:00-25:00", "不认识的时间段"],
    ["周一至周五 08:60-17:00", "不认识的时间段"],
    ["周一至周五 24:00-24:00", "不认识的时间段"],
    ["周一至周五 17:00-08:00", "关门时间须晚于开门时间"],
    ["周一至周五 08:00-12:00; 周一 11:00-13:00", "周一的时间段 08:00-12:00 与 11:00-13:00 重叠"],
    ["全年无休", "缺少时间"],
  ])("refuses %s", (text, reason) => {
    const result = parseWeeklyHours(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });
});

describe("formatWeeklyHours", () => {
  it("groups days with the same times, consecutive days as a range", () => {
    const weekly = [...weekdays([1, 2, 3, 4, 5], "09:00", "17:30"), ...weekdays([6, 7], "09:30", "16:00")];
    expect(formatWeeklyHours(weekly)).toBe("周一至周五 09:00-17:30; 周六至周日 09:30-16:00");
    expect(formatWeeklyHours([...weekdays([1, 3, 4, 5], "08:30", "12:00"), ...weekdays([1, 3, 4, 5], "13:30", "17:00")])).toBe(
      "周一、周三至周五 08:30-12:00,13:30-17:00",
    );
    expect(formatWeeklyHours([])).toBe("");
  });

  it("round-trips: parsing the text gives back the hours, formatting them gives back the text", () => {
    const samples = [
      [...weekdays([1, 2, 3, 4, 5], "08:30", "17:00")],
      [...weekdays([2, 4, 6], "10:00", "12:00"), ...weekdays([2, 4, 6], "14:00", "24:00"), { day: 7, opens: "00:00", closes: "06:00" }],
      weekdays([1, 2, 3, 4, 5, 6, 7], "07:00", "21:00"),
    ];
    for (const weekly of samples) {
      const text = formatWeeklyHours(weekly);
      const parsed = parseWeeklyHours(text);
      expect(parsed).toEqual({ ok: true, weekly: [...weekly].sort((a, b) => a.day - b.day || a.opens.localeCompare(b.opens)) });
      expect(formatWeeklyHours(parsed.ok ? parsed.weekly : [])).toBe(text);
    }
  });
});
