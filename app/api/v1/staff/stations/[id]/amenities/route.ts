import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/json-body";
import { staffRoute } from "@/lib/api/route-handler";
import { updateStationAmenities } from "@/lib/server/station/update-station-amenities";
import { stationAmenitiesEditSchema } from "@/lib/validations/station-edit";

const MAX_BODY_BYTES = 64 * 1024;

export const PUT = staffRoute<{ id: string }>(async ({ request, params, actor }) => {
  const edit = stationAmenitiesEditSchema.parse(await readJsonBody(request, MAX_BODY_BYTES));
  return NextResponse.json(await updateStationAmenities(actor, params.id, edit));
});
export { methodNotAllowed as GET, methodNotAllowed as POST, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
