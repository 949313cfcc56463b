import { multiLine, oneLine, storableDateSchema, storableDateTimeSchema } from "@/lib/validations/storable";
import * as z from "zod";
import "@/lib/validations/zod";

/** Minutes after local midnight, written "HH:MM"; "24:00" closes at midnight. */
export const clockTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "时间格式应为 HH:MM");

export const isoDateSchema = storableDateSchema;

export const stationStatusSchema = z.enum(["open", "temporarily_closed", "closed"]);
export const amenityAvailabilitySchema = z.enum(["available", "limited", "unavailable"]);
export const openingExceptionKindSchema = z.enum(["holiday", "temporary_closure", "special_hours"]);
export const amenityCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, "设施代码应为小写字母、数字和下划线");

/** One weekly opening interval, as records carry it and as the API answers it. */
export const weeklyPeriodShape = z.object({
  day: z.number().int().min(1).max(7).describe("ISO weekday: 1 = Monday … 7 = Sunday"),
  opens: clockTimeSchema,
  closes: clockTimeSchema,
});

/** A dated exception as the API answers it: every field present, absent ones null. */
export const openingExceptionShape = z.object({
  kind: openingExceptionKindSchema,
  startsOn: isoDateSchema,
  endsOn: isoDateSchema,
  closed: z.boolean(),
  opens: clockTimeSchema.nullable(),
  closes: clockTimeSchema.nullable(),
  note: multiLine(z.string().max(200)).nullable(),
});

export const weeklyPeriodSchema = weeklyPeriodShape.refine((p) => p.opens < p.closes, {
  message: "关门时间须晚于开门时间",
  path: ["closes"],
});

export const openingExceptionSchema = openingExceptionShape
  .partial({ opens: true, closes: true, note: true })
  .refine((e) => e.startsOn <= e.endsOn, { message: "结束日期不能早于开始日期", path: ["endsOn"] })
  .refine((e) => e.closed || (e.opens != null && e.closes != null && e.opens < e.closes), {
    message: "非闭馆的例外日期须给出开门与关门时间",
    path: ["opens"],
  });

export const stationAmenityRecordSchema = z.object({
  code: amenityCodeSchema,
  availability: amenityAvailabilitySchema.default("available"),
  note: multiLine(z.string().max(200)).nullable().optional(),
  checkedAt: storableDateTimeSchema.nullable().optional(),
});

/**
 * One station as a data file or an import describes it. The sample dataset is loaded through this
 * schema, and so will be the bank's real list.
 */
export const stationRecordSchema = z.object({
  id: z.uuid().optional(),
  code: oneLine(z.string().trim().min(1).max(40)),
  name: oneLine(z.string().trim().min(2).max(60)),
  nameEn: oneLine(z.string().trim().max(120)).nullable().optional(),
  address: oneLine(z.string().trim().min(4).max(200)),
  cityAdcode: z.number().int().min(210100).max(211499),
  districtAdcode: z.number().int().min(210100).max(211499),
  lat: z.number().min(38).max(43.6),
  lng: z.number().min(118.8).max(125.8),
  phone: z
    .string()
    .regex(/^[0-9+\-() ]{5,30}$/)
    .nullable()
    .optional(),
  status: stationStatusSchema.default("open"),
  notice: multiLine(z.string().max(500)).nullable().optional(),
  story: multiLine(z.string().max(2000)).nullable().optional(),
  verifiedAt: storableDateTimeSchema.nullable().optional(),
  openingHours: z.object({
    weekly: z.array(weeklyPeriodSchema).max(28),
    exceptions: z.array(openingExceptionSchema).max(50).default([]),
  }),
  amenities: z.array(stationAmenityRecordSchema).max(60),
});

export type StationRecord = z.infer<typeof stationRecordSchema>;
export type StationRecordInput = z.input<typeof stationRecordSchema>;

export const stationDatasetSchema = z.object({
  description: z.string(),
  generatedBy: z.string(),
  stations: z.array(stationRecordSchema),
});
