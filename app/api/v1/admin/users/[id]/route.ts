import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/json-body";
import { staffRoute } from "@/lib/api/route-handler";
import { getUser } from "@/lib/server/user/get-user";
import { updateUser } from "@/lib/server/user/update-user";
import { userUpdateSchema } from "@/lib/validations/user";

const MAX_BODY_BYTES = 8 * 1024;

export const GET = staffRoute<{ id: string }>(async ({ params, actor }) =>
  NextResponse.json(await getUser(actor, params.id), { headers: { "Cache-Control": "no-store" } }),
);

export const PATCH = staffRoute<{ id: string }>(async ({ request, params, actor }) => {
  const update = userUpdateSchema.parse(await readJsonBody(request, MAX_BODY_BYTES));
  return NextResponse.json(await updateUser(actor, params.id, update));
});

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
