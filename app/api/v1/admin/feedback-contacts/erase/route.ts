import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/json-body";
import { staffRoute } from "@/lib/api/route-handler";
import { eraseReporterContact } from "@/lib/server/feedback/erase-reporter-contact";
import { contactErasureSchema } from "@/lib/validations/feedback";

const MAX_BODY_BYTES = 4 * 1024;

export const POST = staffRoute(async ({ request, actor }) => {
  const input = contactErasureSchema.parse(await readJsonBody(request, MAX_BODY_BYTES));
  return NextResponse.json(await eraseReporterContact(actor, input));
});

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
