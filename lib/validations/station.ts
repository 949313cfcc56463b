import * as z from "zod";
import "@/lib/validations/zod";
import {
  amenityAvailabilitySchema,
  openingExceptionShape,
  stationStatusSchema,
  weeklyPeriodShape,
} from "@/lib/validations/station-import";

/** What the public API v1 answers. Contract tests parse every response with these schemas. */

const placeSchema = z.object({ adcode: z.number().int(), name: z.string() });

export const openingHoursSchema = z
  .object({ weekly: z.array(weeklyPeriodShape), exceptions: z.array(openingExceptionShape) })
  .describe("Weekly hours (ISO weekday 1 = Monday) and current or upcoming dated exceptions, local time Asia/Shanghai. An empty `weekly` means the hours are unknown.");

export const serviceThemeSchema = z.enum(["shared_convenience", "public_welfare", "education", "poverty_relief", "integration"]);

export const stationSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  address: z.string(),
  city: placeSchema,
  district: placeSchema,
  location: z.object({ lat: z.number(), lng: z.number() }).describe("WGS-84"),
  amenities: z.array(z.string()).describe("Codes of the amenities the station offers now (available or limited)"),
  openingHours: openingHoursSchema,
  openNow: z.boolean().nullable().describe("null when the opening hours are unknown"),
  status: stationStatusSchema,
  notice: z.string().nullable(),
  phone: z.string().nullable(),
  updatedAt: z.iso.datetime({ offset: true }),
  verifiedAt: z.iso.datetime({ offset: true }).nullable(),
  distanceMeters: z.number().nonnegative().optional().describe("Great-circle distance from `near`, when asked"),
});
export type StationView = z.infer<typeof stationSchema>;


export const amenityTypeSchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  icon: z.string(),
  theme: serviceThemeSchema,
  sortOrder: z.number().int(),
  isStandard: z.boolean(),
});
export type AmenityTypeView = z.infer<typeof amenityTypeSchema>;

export const stationAmenityDetailSchema = amenityTypeSchema.pick({ code: true, nameZh: true, nameEn: true, icon: true }).extend({
  availability: amenityAvailabilitySchema,
  note: z.string().nullable(),
  checkedAt: z.iso.datetime({ offset: true }).nullable(),
});

export const stationDetailSchema = stationSchema.extend({
  story: z.string().nullable(),
  amenityDetails: z.array(stationAmenityDetailSchema),
});
export type StationDetailView = z.infer<typeof stationDetailSchema>;

export const stationPageSchema = z.object({
  data: z.array(stationSchema),
  nextCursor: z.string().nullable(),
});


const placeWithCountSchema = z.object({
  adcode: z.number().int(),
  name: z.string(),
  population2020: z.number().int(),
  stationCount: z.number().int(),
  center: z.object({ lat: z.number(), lng: z.number() }).describe("WGS-84 seat of government"),
});

export const cityWithCountSchema = placeWithCountSchema.extend({ districts: z.array(placeWithCountSchema) });
export type CityWithCountView = z.infer<typeof cityWithCountSchema>;

export const stationFeatureCollectionSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      id: z.uuid(),
      geometry: z.object({ type: z.literal("Point"), coordinates: z.tuple([z.number(), z.number()]).describe("[lng, lat], WGS-84") }),
      properties: stationSchema.omit({ id: true, location: true }),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const errorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

