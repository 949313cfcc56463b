import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/json-body";
import { searchParamsObject, staffRoute } from "@/lib/api/route-handler";
import { createUser } from "@/lib/server/user/create-user";
import { listUsers } from "@/lib/server/user/list-users";
import { createUserInputSchema, listUsersQuerySchema } from "@/lib/validations/user";

const MAX_BODY_BYTES = 8 * 1024;

export const GET = staffRoute(async ({ request, actor }) => {
  const query = listUsersQuerySchema.parse(searchParamsObject(request));
  return NextResponse.json(await listUsers(actor, query), { headers: { "Cache-Control": "no-store" } });
});

export const POST = staffRoute(async ({ request, actor }) => {
  const input = createUserInputSchema.parse(await readJsonBody(request, MAX_BODY_BYTES));
  return NextResponse.json(await createUser(actor, input), { status: 201 });
});

export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
