import { attachmentHeaders } from "@/lib/api/attachment";
import { searchParamsObject, staffRoute } from "@/lib/api/route-handler";
import { AppError } from "@/lib/errors";
import { shanghaiLocalTime } from "@/lib/opening-hours";
import { exportCoverage } from "@/lib/server/transfer/export-coverage";
import { exportStations } from "@/lib/server/transfer/export-stations";
import { contentTypes } from "@/lib/transfer/station-table";
import { exportFileSchema, exportQuerySchema } from "@/lib/validations/transfer";

/** GET stations.csv / .xlsx / .geojson and coverage.csv / .xlsx / .geojson, scoped to what the signed-in user may see (?city= narrows it). */
export const GET = staffRoute<{ file: string }>(async ({ request, params, actor }) => {
  const parsed = exportFileSchema.safeParse(params.file);
  if (!parsed.success) throw new AppError("not_found", "没有这个导出文件");
  const file = parsed.data;
  const { city } = exportQuerySchema.parse(searchParamsObject(request));
  const [kind, format] = file.split(".") as ["stations" | "coverage", "csv" | "xlsx" | "geojson"];
  const bytes = kind === "stations" ? await exportStations(actor, format, city) : await exportCoverage(actor, format, city);
  const date = shanghaiLocalTime(new Date()).date;
  const part = city === undefined ? "" : `-${city}`;
  const name = `${kind === "stations" ? "工行驿站数据" : "工行驿站覆盖情况"}${part}-${date}.${format}`;
  return new Response(Buffer.from(bytes), { headers: attachmentHeaders(name, contentTypes[format], `yizhan-${kind}${part}-${date}.${format}`) });
});
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
