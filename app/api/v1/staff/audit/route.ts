import { NextResponse } from "next/server";
import { searchParamsObject, staffRoute } from "@/lib/api/route-handler";
import { listAuditEvents, nextAuditCursor } from "@/lib/server/audit/list-audit-events";
import { auditQueryParamsSchema, encodeAuditCursor, withoutBlankParams } from "@/lib/validations/station-edit";

export const GET = staffRoute(async ({ request, actor }) => {
  const query = auditQueryParamsSchema.parse(withoutBlankParams(searchParamsObject(request)));
  const data = await listAuditEvents(actor, query);
  const next = nextAuditCursor(data, query.limit);
  return NextResponse.json({ data, nextCursor: next && encodeAuditCursor(next) }, { headers: { "Cache-Control": "no-store" } });
});
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
