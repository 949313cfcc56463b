import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/json-body";
import { staffRoute } from "@/lib/api/route-handler";
import { updateOpeningHours } from "@/lib/server/station/update-opening-hours";
import { openingHoursEditSchema } from "@/lib/validations/station-edit";

const MAX_BODY_BYTES = 64 * 1024;

export const PUT = staffRoute<{ id: string }>(async ({ request, params, actor }) => {
  const edit = openingHoursEditSchema.parse(await readJsonBody(request, MAX_BODY_BYTES));
  return NextResponse.json(await updateOpeningHours(actor, params.id, edit));
});
export { methodNotAllowed as GET, methodNotAllowed as POST, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
