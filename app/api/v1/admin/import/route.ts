import { NextResponse } from "next/server";
import { readUploadedFile } from "@/lib/api/upload-body";
import { searchParamsObject, staffRoute } from "@/lib/api/route-handler";
import { toErrorBody } from "@/lib/errors";
import { prepareStationImport } from "@/lib/server/transfer/apply-station-import";
import { previewStationImport } from "@/lib/server/transfer/preview-station-import";
import { requireImportAccess } from "@/lib/server/transfer/transfer-access";
import { MAX_IMPORT_BYTES } from "@/lib/transfer/read-table";
import type { ImportStreamEvent } from "@/lib/validations/admin-responses";
import { importQuerySchema } from "@/lib/validations/transfer";

/**
 * ?mode=dry-run answers the plan as JSON. ?mode=apply checks the file the same way (errors answer in the
 * usual JSON shape and status) and then streams NDJSON: progress events while the one transaction
 * writes, and a last "done" or "error" event.
 */
export const POST = staffRoute(async ({ request, actor }) => {
  const query = importQuerySchema.parse(searchParamsObject(request));
  // Who may import is known before the body is read: an anonymous upload is not worth reading.
  requireImportAccess(actor);
  const { bytes } = await readUploadedFile(request, MAX_IMPORT_BYTES);
  if (query.mode === "dry-run") return NextResponse.json(await previewStationImport(actor, bytes));

  const job = await prepareStationImport(actor, bytes, query.expect);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: ImportStreamEvent) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      send({ type: "progress", done: 0, total: job.total });
      try {
        send({ type: "done", ...(await job.run((progress) => send({ type: "progress", ...progress }))) });
      } catch (error) {
        send({ type: "error", error: toErrorBody(error).body.error });
      }
      controller.close();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" },
  });
});
export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
