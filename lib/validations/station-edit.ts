import {
  openingExceptionSchema,
  stationAmenityRecordSchema,
  stationStatusSchema,
  weeklyPeriodSchema,
} from "@/lib/validations/station-import";
import { isStorableTime, multiLine, STORABLE_TIME_MESSAGE } from "@/lib/validations/storable";
import * as z from "zod";
import "@/lib/validations/zod";

/**
 * A staff edit of a station's own details. `version` is the version the editor loaded: a save against
 * an older one is refused (409) instead of silently overwriting someone else's change.
 */
export const stationEditSchema = z
  .strictObject({
    version: z.number().int().min(1),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{5,30}$/, "电话号码格式不正确")
      .nullable()
      .optional(),
    notice: multiLine(z.string().trim().max(500, "公告最长 500 个字")).nullable().optional(),
    status: stationStatusSchema.optional(),
  })
  .refine((edit) => edit.phone !== undefined || edit.notice !== undefined || edit.status !== undefined, {
    message: "没有要保存的修改",
  });

export type StationEdit = z.infer<typeof stationEditSchema>;

/** The station's whole amenity list as staff set it; codes are checked against the amenity types. */
export const stationAmenitiesEditSchema = z.strictObject({
  version: z.number().int().min(1),
  amenities: z.array(stationAmenityRecordSchema).max(60).refine((list) => new Set(list.map((a) => a.code)).size === list.length, {
    message: "同一设施只能出现一次",
  }),
});
export type StationAmenitiesEdit = z.infer<typeof stationAmenitiesEditSchema>;

/** Whether two periods of one day overlap (touching, 12:00 closing and 12:00 opening, is fine). */
function hasOverlap(weekly: { day: number; opens: string; closes: string }[]): boolean {
  const sorted = [...weekly].sort((a, b) => a.day - b.day || a.opens.localeCompare(b.opens));
  return sorted.some((period, i) => i > 0 && sorted[i - 1].day === period.day && period.opens < sorted[i - 1].closes);
}

/** Weekly hours and dated exceptions, replaced as a whole (the form edits them together). */
export const openingHoursEditSchema = z.strictObject({
  version: z.number().int().min(1),
  // The import refuses overlapping periods (lib/transfer/weekly-hours-text.ts); saved here, they would make
  // the station's exported row fail its own re-import.
  weekly: z
    .array(weeklyPeriodSchema)
    .max(28)
    .refine((weekly) => !hasOverlap(weekly), { message: "同一天的时间段不能重叠", when: (payload) => payload.issues.length === 0 }),
  exceptions: z.array(openingExceptionSchema).max(50),
});
export type OpeningHoursEdit = z.infer<typeof openingHoursEditSchema>;

export const stationVerifySchema = z.strictObject({ version: z.number().int().min(1) });

// PostgreSQL text cannot hold NUL: refuse control characters as bad input rather than let the query fail.
const printable = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { message: "含有控制字符" });

/** The kinds of change the writes record in `audit_events.entity` (grep `entity:` in lib/server). */
export const auditEntities = ["station", "station_amenities", "opening_hours", "feedback_report", "user", "role_assignment"] as const;
export const auditActions = ["create", "update", "delete"] as const;

/** Keyset position: the last event of the previous page. */
const auditCursorSchema = z.strictObject({ occurredAt: z.iso.datetime(), id: z.string().regex(/^\d{1,19}$/) });
export type AuditCursor = z.infer<typeof auditCursorSchema>;

/** `occurredAt~id`: readable, so a shared "older" link says where it starts. */
export function encodeAuditCursor(event: AuditCursor): string {
  return `${event.occurredAt}~${event.id}`;
}

const auditFilterShape = {
  station: printable(50).optional().describe("Part of a station's name or its branch code (case-insensitive)"),
  actorUserId: printable(100).optional().describe("The id of the user who made the change"),
  // Free text rather than an enum, so a kind recorded by a later write can be filtered before this list knows it.
  entity: printable(40)
    .optional()
    .describe("What changed: station, station_amenities, opening_hours, feedback_report, user, role_assignment"),
  action: z.enum(auditActions).optional().describe("create, update or delete"),
};

export const auditQuerySchema = z.strictObject({
  ...auditFilterShape,
  stationId: z.uuid().optional(),
  cityAdcode: z.number().int().optional(),
  /** ISO instants; `from` inclusive, `to` exclusive. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: auditCursorSchema.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

const SHANGHAI_OFFSET = "+08:00";
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A date input's `YYYY-MM-DD` is a whole day in Asia/Shanghai (no DST there), so `to` includes that day;
 * an instant with an offset is taken as it is, as the API always has (`to` exclusive).
 */
const auditTimeParam = (bound: "from" | "to") =>
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "请填写日期（如 2026-11-27）或带时区的时间" })
    .refine(isStorableTime, { message: STORABLE_TIME_MESSAGE })
    .transform((value) => {
      if (value.length !== 10) return new Date(value).toISOString();
      const start = new Date(`${value}T00:00:00${SHANGHAI_OFFSET}`).getTime();
      return new Date(bound === "to" ? start + DAY_MS : start).toISOString();
    });

/** The same filters as they arrive in a query string: the staff API and the /admin/audit form share it. */
export const auditQueryParamsSchema = z
  .strictObject({
    ...auditFilterShape,
    stationId: z.uuid("驿站编号格式不正确").optional().describe("One station's id"),
    cityAdcode: z.string().regex(/^\d{6}$/, "行政区划代码应为 6 位数字").transform(Number).optional().describe("The city's GB/T 2260 adcode"),
    from: auditTimeParam("from").optional().describe("Start: a date (a whole day in Asia/Shanghai) or an ISO instant with offset, inclusive"),
    to: auditTimeParam("to").optional().describe("End: a date (that day included, Asia/Shanghai) or an ISO instant with offset, exclusive"),
    cursor: z
      .string()
      .max(60)
      .transform((value, ctx) => {
        const [occurredAt, id] = value.split("~");
        const parsed = auditCursorSchema.safeParse({ occurredAt, id });
        if (parsed.success) return parsed.data;
        ctx.addIssue({ code: "custom", message: "cursor 无效：请使用上一页返回的 nextCursor" });
        return z.NEVER;
      })
      .optional()
      .describe("Keyset cursor: the previous page's `nextCursor`; continues with older events"),
    limit: z
      .string()
      .regex(/^\d+$/, "limit 应为 1 到 500 的整数")
      .transform(Number)
      .pipe(z.number().int().min(1).max(500))
      .default(100)
      .describe("Events per page, 1–500 (default 100)"),
  })
  .refine((query) => !query.from || !query.to || query.from < query.to, { path: ["to"], message: "结束日期不能早于开始日期" });

/** A GET form sends every field, the empty ones as ""; an empty filter means no filter. */
export function withoutBlankParams<T>(params: Record<string, T | string | undefined>): Record<string, T | string> {
  return Object.fromEntries(Object.entries(params).filter((entry): entry is [string, T | string] => entry[1] !== undefined && entry[1] !== ""));
}
