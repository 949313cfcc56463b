import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/json-body";
import { staffRoute } from "@/lib/api/route-handler";
import { resetUserPassword } from "@/lib/server/user/reset-user-password";
import { passwordResetSchema } from "@/lib/validations/user";

const MAX_BODY_BYTES = 4 * 1024;

export const POST = staffRoute<{ id: string }>(async ({ request, params, actor }) => {
  const reset = passwordResetSchema.parse(await readJsonBody(request, MAX_BODY_BYTES));
  return NextResponse.json(await resetUserPassword(actor, params.id, reset));
});

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
