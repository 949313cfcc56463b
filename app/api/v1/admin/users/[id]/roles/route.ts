import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/json-body";
import { staffRoute } from "@/lib/api/route-handler";
import { assignRole } from "@/lib/server/user/assign-role";
import { roleGrantSchema } from "@/lib/validations/user";

const MAX_BODY_BYTES = 4 * 1024;

export const POST = staffRoute<{ id: string }>(async ({ request, params, actor }) => {
  const grant = roleGrantSchema.parse(await readJsonBody(request, MAX_BODY_BYTES));
  return NextResponse.json(await assignRole(actor, params.id, grant), { status: 201 });
});

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
