import { NextResponse } from "next/server";
import { searchParamsObject, staffRoute } from "@/lib/api/route-handler";
import { getCoverage } from "@/lib/server/coverage/get-coverage";
import { coverageQuerySchema } from "@/lib/validations/coverage";

export const GET = staffRoute(async ({ request, actor }) => {
  const query = coverageQuerySchema.parse(searchParamsObject(request));
  return NextResponse.json({ data: await getCoverage(actor, query) }, { headers: { "Cache-Control": "no-store" } });
});

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
