import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/json-body";
import { staffRoute } from "@/lib/api/route-handler";
import { verifyStation } from "@/lib/server/station/verify-station";
import { stationVerifySchema } from "@/lib/validations/station-edit";

export const POST = staffRoute<{ id: string }>(async ({ request, params, actor }) => {
  const { version } = stationVerifySchema.parse(await readJsonBody(request, 1024));
  return NextResponse.json(await verifyStation(actor, params.id, version));
});
export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
