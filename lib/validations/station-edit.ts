import {
  openingExceptionSchema,
  stationAmenityRecordSchema,
  stationStatusSchema,
  weeklyPeriodSchema,
} from "@/lib/validations/station-import";
import { z } from "@/lib/validations/zod";

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
    notice: z.string().trim().max(500, "公告最长 500 个字").nullable().optional(),
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

/** Weekly hours and dated exceptions, replaced as a whole (the form edits them together). */
export const openingHoursEditSchema = z.strictObject({
  version: z.number().int().min(1),
  weekly: z.array(weeklyPeriodSchema).max(28),
  exceptions: z.array(openingExceptionSchema).max(50),
});
export type OpeningHoursEdit = z.infer<typeof openingHoursEditSchema>;

export const stationVerifySchema = z.strictObject({ version: z.number().int().min(1) });

const auditFilterShape = {
  stationId: z.uuid().optional(),
  actorUserId: z.string().max(100).optional(),
  entity: z.string().max(40).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

export const auditQuerySchema = z.strictObject({
  ...auditFilterShape,
  cityAdcode: z.number().int().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** The same filters as they arrive in a query string. */
export const auditQueryParamsSchema = z.strictObject({
  ...auditFilterShape,
  cityAdcode: z.string().regex(/^\d{6}$/, "行政区划代码应为 6 位数字").transform(Number).optional(),
  limit: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(500)).default(100),
});
