import { attachmentHeaders } from "@/lib/api/attachment";
import { staffRoute } from "@/lib/api/route-handler";
import { AppError } from "@/lib/errors";
import { importExample, importTemplate } from "@/lib/server/transfer/import-template";
import { contentTypes } from "@/lib/transfer/station-table";
import { importFileSchema } from "@/lib/validations/transfer";

/** GET template.csv / template.xlsx (empty, with a commented example row) and example.csv / example.xlsx. */
export const GET = staffRoute<{ file: string }>(async ({ params, actor }) => {
  const parsed = importFileSchema.safeParse(params.file);
  if (!parsed.success) throw new AppError("not_found", "没有这个文件");
  const file = parsed.data;
  const [kind, format] = file.split(".") as ["template" | "example", "csv" | "xlsx"];
  const bytes = kind === "template" ? await importTemplate(actor, format) : await importExample(actor, format);
  const name = kind === "template" ? "工行驿站导入模板" : "工行驿站导入示例";
  return new Response(Buffer.from(bytes), { headers: attachmentHeaders(`${name}.${format}`, contentTypes[format], `yizhan-import-${file}`) });
});
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
