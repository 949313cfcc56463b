import { NextResponse } from "next/server";
import { searchParamsObject, staffRoute } from "@/lib/api/route-handler";
import { getAreaStatistics } from "@/lib/server/coverage/get-area-statistics";
import { areaStatisticsQuerySchema } from "@/lib/validations/coverage";

export const GET = staffRoute(async ({ request, actor }) => {
  areaStatisticsQuerySchema.parse(searchParamsObject(request));
  return NextResponse.json({ data: await getAreaStatistics(actor) }, { headers: { "Cache-Control": "no-store" } });
});

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
