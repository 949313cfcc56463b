import { createHash } from "node:crypto";
import { amenityCodeSchema } from "@/lib/validations/station-import";
import * as z from "zod";
import "@/lib/validations/zod";

const decimal = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

function numberList(count: number, label: string) {
  return z.string().transform((value, ctx) => {
    const parts = value.split(",");
    if (parts.length !== count || !parts.every((p) => decimal.test(p.trim()))) {
      ctx.addIssue({ code: "custom", message: `${label}应为 ${count} 个以逗号分隔的数字` });
      return z.NEVER;
    }
    return parts.map((p) => Number(p.trim()));
  });
}

function inRange(value: number, min: number, max: number): boolean {
  return Number.isFinite(value) && value >= min && value <= max;
}

/**
 * A nearest search with filters and no radius looks among this many stations nearest the point. Without
 * a bound, a filter nothing nearby passes walks the whole table in distance order: "open now" in the
 * evening, when no station is open, took 10 s at 1,000,000 stations (every station's hours probed) and
 * is the usual case after work. 2,000 is every station of Liaoning today, and a city's worth at national
 * scale; the walk then costs at most about 30 ms at 1,000,000. A radius bounds the search by area instead.
 */
export const NEAREST_SEARCH_HORIZON = 2000;

export const latLngParamSchema = numberList(2, "near ")
  .refine(([lat]) => inRange(lat, -90, 90), { message: "纬度须在 -90 到 90 之间" })
  .refine(([, lng]) => inRange(lng, -180, 180), { message: "经度须在 -180 到 180 之间" })
  .transform(([lat, lng]) => ({ lat, lng }))
  .describe("WGS-84 point `lat,lng`; results are ordered by distance from it");

export const bboxParamSchema = numberList(4, "bbox ")
  .refine(([minLng, minLat, maxLng, maxLat]) => [minLng, maxLng].every((v) => inRange(v, -180, 180)) && [minLat, maxLat].every((v) => inRange(v, -90, 90)), {
    message: "bbox 的经纬度超出范围",
  })
  .refine(([minLng, minLat, maxLng, maxLat]) => minLng < maxLng && minLat < maxLat, {
    message: "bbox 应为 minLng,minLat,maxLng,maxLat，且最小值小于最大值",
  })
  .transform(([minLng, minLat, maxLng, maxLat]) => ({ minLng, minLat, maxLng, maxLat }))
  .describe("WGS-84 bounding box `minLng,minLat,maxLng,maxLat`");

function integerParam(min: number, max: number, label: string) {
  return z
    .string()
    .regex(/^\d+$/, `${label}应为整数`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `${label}须在 ${min} 到 ${max} 之间` });
}

export const adcodeParamSchema = z.string().regex(/^\d{6}$/, "行政区划代码应为 6 位数字").transform(Number);

export const amenityCodesParamSchema = z
  .string()
  .transform((value) => value.split(",").map((code) => code.trim()).filter(Boolean))
  .pipe(z.array(amenityCodeSchema).min(1, "至少给出一个设施代码").max(20, "最多 20 个设施代码"))
  .describe("Comma-separated amenity codes; a station must offer all of them");

// PostgreSQL text cannot hold NUL, and no name or address contains control characters: refuse them
// here as bad input instead of letting the database fail on them.
const printableText = (label: string) =>
  z.string().refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { message: `${label}含有控制字符` });

/**
 * Paging state. `filters` fingerprints the query that made the cursor, so a cursor used with other
 * filters is refused rather than silently answering a wrong page. `near` pages by (distance key, id).
 */
const cursorPayloadSchema = z.union([
  z.strictObject({ mode: z.literal("near"), filters: z.string().max(32), key: z.number().nonnegative(), id: z.uuid() }),
  z.strictObject({ mode: z.literal("code"), filters: z.string().max(32), code: printableText("cursor ").pipe(z.string().min(1).max(40)) }),
]);
export type StationCursor = z.infer<typeof cursorPayloadSchema>;

export function encodeCursor(cursor: StationCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export const cursorParamSchema = z
  .string()
  .max(400, "cursor 无效")
  .transform((value, ctx) => {
    try {
      return cursorPayloadSchema.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    } catch {
      ctx.addIssue({ code: "custom", message: "cursor 无效：请使用上一页返回的 nextCursor" });
      return z.NEVER;
    }
  })
  .describe("Opaque paging cursor: the `nextCursor` of the previous page, with the same filters");

export const MAX_RADIUS_METERS = 50_000;

const filterShape = {
  near: latLngParamSchema
    .optional()
    .describe(
      `WGS-84 point \`lat,lng\`; results are ordered by distance from it. With other filters and no \`radius\`, the search looks among the ${NEAREST_SEARCH_HORIZON.toLocaleString("en")} stations nearest the point (a city's worth; all of Liaoning today), so a filter nothing nearby passes answers an empty page quickly; give \`radius\` to search an area instead`,
    ),
  radius: integerParam(1, MAX_RADIUS_METERS, "radius ").optional().describe("Metres from `near`, at most 50000"),
  bbox: bboxParamSchema.optional(),
  city: adcodeParamSchema.optional().describe("City adcode (GB/T 2260), e.g. 210100"),
  district: adcodeParamSchema.optional().describe("District adcode (GB/T 2260), e.g. 210104"),
  amenities: amenityCodesParamSchema.optional(),
  q: printableText("q ")
    .pipe(z.string().trim().min(1, "q 不能为空").max(50, "q 最长 50 个字符"))
    .optional()
    .describe("Words that must all appear in the name or address; Latin words also match pinyin or initials (`sydd` finds 沈阳大东)"),
  openNow: z
    .enum(["true", "false"], "openNow 应为 true 或 false")
    .transform((v) => v === "true")
    .optional()
    .describe("`true`: only stations open now; `false`: only stations known to be closed now (Asia/Shanghai time). Stations with unknown hours match neither."),
  cursor: cursorParamSchema.optional(),
};

type FilterFields = {
  near?: { lat: number; lng: number };
  radius?: number;
  bbox?: { minLng: number; minLat: number; maxLng: number; maxLat: number };
  city?: number;
  district?: number;
  amenities?: string[];
  q?: string;
  openNow?: boolean;
};

/** A short digest of the filters (not the page size or cursor) that a cursor belongs to. */
export function filtersFingerprint(f: FilterFields): string {
  const canonical = JSON.stringify([f.near, f.radius, f.bbox, f.city, f.district, f.amenities, f.q, f.openNow]);
  return createHash("sha256").update(canonical).digest("base64url").slice(0, 16);
}

function checkCombination(query: FilterFields & { cursor?: StationCursor }, ctx: z.RefinementCtx) {
  if (query.radius !== undefined && query.near === undefined) {
    ctx.addIssue({ code: "custom", path: ["radius"], message: "radius 需要与 near 一起使用" });
  }
  if (query.cursor && (query.cursor.mode !== (query.near ? "near" : "code") || query.cursor.filters !== filtersFingerprint(query))) {
    ctx.addIssue({ code: "custom", path: ["cursor"], message: "cursor 与当前查询条件不匹配：换了条件请从第一页开始" });
  }
}

export const stationListQuerySchema = z
  .strictObject({
    ...filterShape,
    limit: integerParam(1, 200, "limit ").default(20).describe("Page size, 1–200"),
  })
  .superRefine(checkCombination);

export const stationGeoJsonQuerySchema = z
  .strictObject({
    ...filterShape,
    limit: integerParam(1, 5000, "limit ").default(1000).describe("Features per page, 1–5000"),
  })
  .superRefine(checkCombination);

/** What the station search takes, from either the list or the GeoJSON route. */
export type StationFilters = z.output<typeof stationListQuerySchema>;

export const stationIdParamSchema = z.uuid({ message: "站点 id 无效" });
