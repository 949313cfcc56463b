import { amenityCodeSchema } from "@/lib/validations/station-import";
import * as z from "zod";
import "@/lib/validations/zod";

export const COVERAGE_THRESHOLD_MIN_M = 200;
export const COVERAGE_THRESHOLD_MAX_M = 5000;
/** About 15 minutes on foot at 75 m a minute, the walking pace the finder assumes (lib/geo.ts). */
export const COVERAGE_THRESHOLD_DEFAULT_M = 1000;

/** GET /api/v1/admin/coverage, and the coverage page's own query string. */
export const coverageQuerySchema = z.strictObject({
  amenity: amenityCodeSchema.optional().describe("Count only stations offering this amenity (available or limited); all open stations when absent"),
  thresholdMeters: z
    .string()
    .regex(/^\d+$/, "thresholdMeters 应为整数（米）")
    .transform(Number)
    .refine((n) => n >= COVERAGE_THRESHOLD_MIN_M && n <= COVERAGE_THRESHOLD_MAX_M, {
      message: `thresholdMeters 须在 ${COVERAGE_THRESHOLD_MIN_M} 到 ${COVERAGE_THRESHOLD_MAX_M} 之间`,
    })
    .default(COVERAGE_THRESHOLD_DEFAULT_M)
    .describe(`Walking distance in metres beyond which a place counts as a gap, ${COVERAGE_THRESHOLD_MIN_M}–${COVERAGE_THRESHOLD_MAX_M} (default ${COVERAGE_THRESHOLD_DEFAULT_M})`),
});
export type CoverageQuery = z.infer<typeof coverageQuerySchema>;

/** GET /api/v1/admin/area-statistics takes no parameters; anything given is refused, not ignored. */
export const areaStatisticsQuerySchema = z.strictObject({});
