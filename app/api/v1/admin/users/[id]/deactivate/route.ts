import { NextResponse } from "next/server";
import { staffRoute } from "@/lib/api/route-handler";
import { deactivateUser } from "@/lib/server/user/deactivate-user";

export const POST = staffRoute<{ id: string }>(async ({ params, actor }) => NextResponse.json(await deactivateUser(actor, params.id)));

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
