import { describe, expect, it } from "vitest";
import { clockToMinutes, isOpenAt, minutesToClock, openStateAt, shanghaiLocalTime, type OpeningHours } from "./opening-hours";

const weekdays9to17: OpeningHours = {
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, opens: "09:00", closes: "17:00" })),
  exceptions: [],
};

describe("shanghaiLocalTime", () => {
  it("shifts UTC to UTC+8 across the date line", () => {
    // 2026-11-27 is a Friday; 20:30 UTC is 04:30 on Saturday in Shanghai.
    expect(shanghaiLocalTime(new Date("2026-11-27T20:30:00Z"))).toEqual({ date: "2026-11-28", weekday: 6, minutes: 270 });
    expect(shanghaiLocalTime(new Date("2026-11-29T16:00:00Z"))).toEqual({ date: "2026-11-30", weekday: 1, minutes: 0 });
  });
});

describe("clock conversions", () => {
  it("round-trips", () => {
    for (const clock of ["00:00", "09:05", "17:30", "24:00"]) expect(minutesToClock(clockToMinutes(clock))).toBe(clock);
  });
});

describe("isOpenAt", () => {
  const friday = (minutes: number) => ({ date: "2026-11-27", weekday: 5, minutes });

  it("is open inside a period and closed at closing time", () => {
    expect(isOpenAt("open", weekdays9to17, friday(9 * 60))).toBe(true);
    expect(isOpenAt("open", weekdays9to17, friday(17 * 60 - 1))).toBe(true);
    expect(isOpenAt("open", weekdays9to17, friday(17 * 60))).toBe(false);
    expect(isOpenAt("open", weekdays9to17, friday(8 * 60 + 59))).toBe(false);
  });

  it("is closed on a day without periods", () => {
    expect(isOpenAt("open", weekdays9to17, { date: "2026-11-28", weekday: 6, minutes: 600 })).toBe(false);
  });

  it("is unknown, not closed, when no hours are recorded", () => {
    expect(isOpenAt("open", { weekly: [], exceptions: [] }, friday(600))).toBeNull();
  });

  it("is closed whenever the station is not operating", () => {
    expect(isOpenAt("temporarily_closed", weekdays9to17, friday(600))).toBe(false);
    expect(isOpenAt("closed", { weekly: [], exceptions: [] }, friday(600))).toBe(false);
  });

  it("applies a closing exception over the weekly hours, inclusive of both ends", () => {
    const hours: OpeningHours = {
      ...weekdays9to17,
      exceptions: [
        { kind: "holiday", startsOn: "2026-11-26", endsOn: "2026-11-27", closed: true, opens: null, closes: null, note: null },
      ],
    };
    expect(isOpenAt("open", hours, friday(600))).toBe(false);
    expect(isOpenAt("open", hours, { date: "2026-11-25", weekday: 3, minutes: 600 })).toBe(true);
  });

  it("replaces the weekly hours with special hours", () => {
    const hours: OpeningHours = {
      weekly: [],
      exceptions: [
        { kind: "special_hours", startsOn: "2026-11-27", endsOn: "2026-11-27", closed: false, opens: "10:00", closes: "12:00", note: null },
      ],
    };
    expect(isOpenAt("open", hours, friday(11 * 60))).toBe(true);
    expect(isOpenAt("open", hours, friday(13 * 60))).toBe(false);
  });
});

describe("openStateAt", () => {
  const friday = (minutes: number) => ({ date: "2026-11-27", weekday: 5, minutes });

  it("says open with the closing time, and closes soon in the last 30 minutes", () => {
    expect(openStateAt("open", weekdays9to17, friday(600))).toEqual({ key: "open", closesAt: "17:00" });
    expect(openStateAt("open", weekdays9to17, friday(16 * 60 + 29))).toEqual({ key: "open", closesAt: "17:00" });
    expect(openStateAt("open", weekdays9to17, friday(16 * 60 + 30))).toEqual({ key: "closingSoon", closesAt: "17:00" });
  });

  it("distinguishes closed now, paused, closed for good and unknown", () => {
    expect(openStateAt("open", weekdays9to17, friday(18 * 60)).key).toBe("shut");
    expect(openStateAt("temporarily_closed", weekdays9to17, friday(600)).key).toBe("paused");
    expect(openStateAt("closed", weekdays9to17, friday(600)).key).toBe("closedForGood");
    expect(openStateAt("open", { weekly: [], exceptions: [] }, friday(600)).key).toBe("unknown");
  });

  it("takes the closing time from special hours on their day", () => {
    const hours: OpeningHours = {
      ...weekdays9to17,
      exceptions: [{ kind: "special_hours", startsOn: "2026-11-27", endsOn: "2026-11-27", closed: false, opens: "09:00", closes: "12:00", note: null }],
    };
    expect(openStateAt("open", hours, friday(11 * 60 + 45))).toEqual({ key: "closingSoon", closesAt: "12:00" });
  });

  it("treats back-to-back intervals as one stretch", () => {
    const split: OpeningHours = { weekly: [{ day: 5, opens: "08:00", closes: "12:00" }, { day: 5, opens: "12:00", closes: "18:00" }], exceptions: [] };
    expect(openStateAt("open", split, friday(11 * 60 + 45))).toEqual({ key: "open", closesAt: "18:00" });
    expect(openStateAt("open", split, friday(17 * 60 + 45))).toEqual({ key: "closingSoon", closesAt: "18:00" });
  });

  it("never says a 24-hour station closes soon", () => {
    const allDay: OpeningHours = { weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: "00:00", closes: "24:00" })), exceptions: [] };
    expect(openStateAt("open", allDay, friday(23 * 60 + 50))).toEqual({ key: "open" });
  });
});
