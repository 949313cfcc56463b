import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/json-body";
import { staffRoute } from "@/lib/api/route-handler";
import { updateStation } from "@/lib/server/station/update-station";
import { stationEditSchema } from "@/lib/validations/station-edit";

const MAX_BODY_BYTES = 16 * 1024;

export const PATCH = staffRoute<{ id: string }>(async ({ request, params, actor }) => {
  const edit = stationEditSchema.parse(await readJsonBody(request, MAX_BODY_BYTES));
  return NextResponse.json(await updateStation(actor, params.id, edit));
});
export { methodNotAllowed as GET, methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
