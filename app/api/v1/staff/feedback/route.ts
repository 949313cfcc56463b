import { NextResponse } from "next/server";
import { searchParamsObject, staffRoute } from "@/lib/api/route-handler";
import { listFeedbackQueue } from "@/lib/server/feedback/list-feedback-queue";
import { feedbackQueueQuerySchema } from "@/lib/validations/feedback";

export const GET = staffRoute(async ({ request, actor }) => {
  const query = feedbackQueueQuerySchema.parse(searchParamsObject(request));
  return NextResponse.json({ data: await listFeedbackQueue(actor, query) }, { headers: { "Cache-Control": "no-store" } });
});
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
