import { NextResponse } from "next/server";
import { publicRoute } from "@/lib/api/route-handler";
import { getStation } from "@/lib/server/station/get-station";

export const GET = publicRoute<{ id: string }>(async ({ params, actor }) => {
  return NextResponse.json(await getStation(actor, params.id), { headers: { "Cache-Control": "no-store" } });
});

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
