import { NextResponse } from "next/server";
import { publicRoute, searchParamsObject } from "@/lib/api/route-handler";
import { listStations } from "@/lib/server/station/list-stations";
import { stationListQuerySchema } from "@/lib/validations/station-query";

export const GET = publicRoute(async ({ request, actor }) => {
  const query = stationListQuerySchema.parse(searchParamsObject(request));
  return NextResponse.json(await listStations(actor, query), { headers: { "Cache-Control": "no-store" } });
});

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
