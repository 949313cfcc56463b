import * as z from "zod";
import "@/lib/validations/zod";

/** POST /api/v1/admin/import: a dry run, or an apply naming the dry run's digest (optional). */
export const importQuerySchema = z.strictObject({
  mode: z.enum(["dry-run", "apply"], "mode 应为 dry-run 或 apply").describe("`dry-run` answers the plan and writes nothing; `apply` writes it"),
  expect: z
    .string()
    .regex(/^[0-9a-f]{32}$/, "expect 应为预览结果中的 digest")
    .optional()
    .describe("With `apply`: the dry run's `digest`, to write only the plan that was shown"),
});

export const exportFileSchema = z.enum(["stations.csv", "stations.xlsx", "stations.geojson", "coverage.csv", "coverage.xlsx", "coverage.geojson"]);
export const importFileSchema = z.enum(["template.csv", "template.xlsx", "example.csv", "example.xlsx"]);

const cityAdcodeSchema = z.coerce.number().int().min(210100).max(211499);

/** GET /api/v1/admin/export/{file}?city=: one city's part of what the user may see; without it, all of it. */
export const exportQuerySchema = z.strictObject({ city: cityAdcodeSchema.optional().describe("One city's adcode: only its part of what the caller may see") });

/** ?city= of the posters page: a city's adcode. */
export const posterQuerySchema = z.object({ city: cityAdcodeSchema.optional() });
