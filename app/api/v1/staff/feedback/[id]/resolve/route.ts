import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/json-body";
import { staffRoute } from "@/lib/api/route-handler";
import { resolveFeedbackReport } from "@/lib/server/feedback/resolve-feedback-report";
import { feedbackResolutionSchema } from "@/lib/validations/feedback";

export const POST = staffRoute<{ id: string }>(async ({ request, params, actor }) => {
  const input = feedbackResolutionSchema.parse(await readJsonBody(request, 8 * 1024));
  return NextResponse.json(await resolveFeedbackReport(actor, params.id, input));
});
export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
