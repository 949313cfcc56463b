import { NextResponse } from "next/server";
import { searchParamsObject, staffRoute } from "@/lib/api/route-handler";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { auditQueryParamsSchema } from "@/lib/validations/station-edit";

export const GET = staffRoute(async ({ request, actor }) => {
  const query = auditQueryParamsSchema.parse(searchParamsObject(request));
  return NextResponse.json({ data: await listAuditEvents(actor, query) }, { headers: { "Cache-Control": "no-store" } });
});
