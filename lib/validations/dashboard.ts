import { amenityCodeSchema } from "@/lib/validations/station-import";
import * as z from "zod";
import "@/lib/validations/zod";

export const STALE_DAYS_DEFAULT = 90;
export const STALE_DAYS_MAX = 3650;

/**
 * A figure of an area the dashboard can sort its table by and colour its map with: the fixed ones, or
 * `amenity.<code>` for the share of stations offering that amenity.
 */
export const areaMeasureSchema = z.union([
  z.enum(["residentsPerStation", "verifiedShare", "outsideShare"]),
  z.templateLiteral(["amenity.", amenityCodeSchema]),
]);
export type AreaMeasure = z.infer<typeof areaMeasureSchema>;

export const areaSortSchema = z.union([z.enum(["name", "stations"]), areaMeasureSchema]);
export type AreaSort = z.infer<typeof areaSortSchema>;

const adcode = (what: string) => z.string().regex(/^21\d{4}$/, `${what} 应为辽宁的六位行政区划代码`).transform(Number);

/** The dashboard's query string (/admin): one shareable URL for the table, the map and the staleness list. */
export const dashboardQuerySchema = z.strictObject({
  city: adcode("city")
    .refine((n) => n % 100 === 0, "city 应为地级市的代码（以 00 结尾）")
    .optional(),
  /** The city or district to outline on the map, from a table row's "on the map" link. */
  focus: adcode("focus").optional(),
  sort: areaSortSchema.default("residentsPerStation"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  q: z.string().trim().max(20, "筛选文字最多 20 个字").default(""),
  measure: areaMeasureSchema.default("residentsPerStation"),
  stale: z
    .string()
    .regex(/^\d+$/, "stale 应为天数（整数）")
    .transform(Number)
    .refine((n) => n >= 1 && n <= STALE_DAYS_MAX, `stale 须在 1 到 ${STALE_DAYS_MAX} 天之间`)
    .default(STALE_DAYS_DEFAULT),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;
