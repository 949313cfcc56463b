import { NextResponse } from "next/server";
import { staffRoute } from "@/lib/api/route-handler";
import { revokeRole } from "@/lib/server/user/revoke-role";

export const DELETE = staffRoute<{ id: string; roleId: string }>(async ({ params, actor }) =>
  NextResponse.json(await revokeRole(actor, params.id, params.roleId)),
);

export { methodNotAllowed as GET, methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH } from "@/lib/api/route-handler";
