import { z } from "zod";

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
  .pipe(z.array(z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, "设施代码格式无效")).min(1, "至少给出一个设施代码").max(20))
  .describe("Comma-separated amenity codes; a station must offer all of them");

const cursorPayloadSchema = z.union([
  z.object({ mode: z.literal("near"), key: z.number().nonnegative(), seen: z.array(z.uuid()).min(1).max(5000) }),
  z.object({ mode: z.literal("code"), code: z.string().min(1).max(40) }),
]);
export type StationCursor = z.infer<typeof cursorPayloadSchema>;

export function encodeCursor(cursor: StationCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export const cursorParamSchema = z
  .string()
  .max(200_000, "cursor 无效")
  .transform((value, ctx) => {
    try {
      return cursorPayloadSchema.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    } catch {
      ctx.addIssue({ code: "custom", message: "cursor 无效：请使用上一页返回的 nextCursor" });
      return z.NEVER;
    }
  })
  .describe("Opaque paging cursor: the `nextCursor` of the previous page");

export const MAX_RADIUS_METERS = 50_000;

const filterShape = {
  near: latLngParamSchema.optional(),
  radius: integerParam(1, MAX_RADIUS_METERS, "radius ").optional().describe("Metres from `near`, at most 50000"),
  bbox: bboxParamSchema.optional(),
  city: adcodeParamSchema.optional().describe("City adcode (GB/T 2260), e.g. 210100"),
  district: adcodeParamSchema.optional().describe("District adcode (GB/T 2260), e.g. 210104"),
  amenities: amenityCodesParamSchema.optional(),
  q: z.string().trim().min(1, "q 不能为空").max(50, "q 最长 50 个字符").optional().describe("Text in the name or address"),
  openNow: z.enum(["true", "false"]).transform((v) => v === "true").optional().describe("Only stations open now (Asia/Shanghai time)"),
  cursor: cursorParamSchema.optional(),
};

function checkCombination(query: { near?: unknown; radius?: unknown; cursor?: StationCursor }, ctx: z.RefinementCtx) {
  if (query.radius !== undefined && query.near === undefined) {
    ctx.addIssue({ code: "custom", path: ["radius"], message: "radius 需要与 near 一起使用" });
  }
  if (query.cursor && (query.cursor.mode === "near") !== (query.near !== undefined)) {
    ctx.addIssue({ code: "custom", path: ["cursor"], message: "cursor 与当前查询不匹配" });
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

export type StationListQuery = z.output<typeof stationListQuerySchema>;

export const stationIdParamSchema = z.uuid({ message: "站点 id 无效" });
