import { searchParamsObject, staffRoute } from "@/lib/api/route-handler";
import { auditCsvHeader, auditCsvRows } from "@/lib/audit-csv";
import { listAuditEvents, nextAuditCursor } from "@/lib/server/audit/list-audit-events";
import { auditQueryParamsSchema, withoutBlankParams } from "@/lib/validations/station-edit";

const PAGE = 500;
/** An export is a report, not a backup: past this many rows, narrow the filters. */
const MAX_EXPORT_ROWS = 20_000;

export const GET = staffRoute(async ({ request, actor }) => {
  const query = auditQueryParamsSchema.parse(withoutBlankParams(searchParamsObject(request)));
  // The BOM lets Excel on Windows read the file as UTF-8 rather than GBK.
  let body = `\uFEFF${auditCsvHeader}`;
  let cursor = query.cursor;
  for (let rows = 0; rows < MAX_EXPORT_ROWS; rows += PAGE) {
    const events = await listAuditEvents(actor, { ...query, cursor, limit: PAGE });
    body += auditCsvRows(events);
    const next = nextAuditCursor(events, PAGE);
    if (!next) break;
    cursor = next;
  }
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit.csv"; filename*=UTF-8''${encodeURIComponent("操作记录.csv")}`,
      "Cache-Control": "no-store",
    },
  });
});
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
