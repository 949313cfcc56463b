import { NextResponse } from "next/server";
import { clientAddress, clientHash } from "@/lib/api/client-address";
import { readJsonBody } from "@/lib/api/json-body";
import { publicRoute } from "@/lib/api/route-handler";
import { AppError, toErrorBody } from "@/lib/errors";
import { limitFeedback } from "@/lib/rate-limit";
import { createFeedbackReport } from "@/lib/server/feedback/create-feedback-report";
import { feedbackInputSchema } from "@/lib/validations/feedback";
import { stationIdParamSchema } from "@/lib/validations/station-query";

// The form's largest body (1000-character message, 100-character contact) is well under this.
const MAX_BODY_BYTES = 16 * 1024;

export const POST = publicRoute<{ id: string }>(async ({ request, params, actor }) => {
  // One spelling per station, so case or junk in the path cannot open a fresh rate-limit budget.
  const parsedId = stationIdParamSchema.safeParse(params.id);
  if (!parsedId.success) throw new AppError("not_found", "没有找到这个驿站");
  const stationId = parsedId.data.toLowerCase();
  const input = feedbackInputSchema.parse(await readJsonBody(request, MAX_BODY_BYTES));
  const limit = await limitFeedback(clientAddress(request.headers), stationId);
  if (!limit.allowed) {
    const minutes = Math.ceil(limit.retryAfterSeconds / 60);
    const { status, body } = toErrorBody(
      new AppError("rate_limited", `提交太频繁，请 ${minutes} 分钟后再试`, { retryAfterSeconds: limit.retryAfterSeconds }),
    );
    return NextResponse.json(body, { status, headers: { "Retry-After": String(limit.retryAfterSeconds) } });
  }
  const receipt = await createFeedbackReport(actor, stationId, input, clientHash(request.headers));
  return NextResponse.json(receipt, { status: 201, headers: { "Cache-Control": "no-store" } });
});

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
