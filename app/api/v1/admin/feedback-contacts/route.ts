import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/json-body";
import { staffRoute } from "@/lib/api/route-handler";
import { findReporterContact } from "@/lib/server/feedback/find-reporter-contact";
import { contactErasureSchema } from "@/lib/validations/feedback";

const MAX_BODY_BYTES = 4 * 1024;

/** A search, sent as POST so that the contact looked for never sits in a URL (logs, history). */
export const POST = staffRoute(async ({ request, actor }) => {
  const input = contactErasureSchema.parse(await readJsonBody(request, MAX_BODY_BYTES));
  return NextResponse.json({ matches: await findReporterContact(actor, input) });
});

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
