import { describe, expect, it } from "vitest";
import { fieldErrorsFromDetails, fieldErrorsFromZod } from "@/lib/validations/field-errors";
import { openingHoursEditSchema } from "@/lib/validations/station-edit";

describe("field errors", () => {
  it("names each failing field by its path, in Chinese, first message only", () => {
    const result = openingHoursEditSchema.safeParse({
      version: 1,
      weekly: [{ day: 1, opens: "18:00", closes: "09:00" }, { day: 9, opens: "9:00", closes: "17:00" }],
      exceptions: [],
    });
    expect(result.success).toBe(false);
    const errors = fieldErrorsFromZod(result.error!);
    expect(errors["weekly.0.closes"]).toBe("关门时间须晚于开门时间");
    expect(errors["weekly.1.opens"]).toBe("时间格式应为 HH:MM");
    expect(errors["weekly.1.day"]).toMatch(/[\u4e00-\u9fff]/);
  });

  it("reads the server's details and ignores anything else", () => {
    expect(fieldErrorsFromDetails([{ path: "amenities.0.code", message: "没有这个设施" }, { path: 3 }, null])).toEqual({
      "amenities.0.code": "没有这个设施",
    });
    expect(fieldErrorsFromDetails(undefined)).toEqual({});
  });
});
