import { NextResponse } from "next/server";
import { clientHash } from "@/lib/api/client-address";
import { readJsonBody } from "@/lib/api/json-body";
import { publicRoute } from "@/lib/api/route-handler";
import { AppError, toErrorBody } from "@/lib/errors";
import { limitFeedback } from "@/lib/rate-limit";
import { createFeedbackReport } from "@/lib/server/feedback/create-feedback-report";
import { feedbackInputSchema } from "@/lib/validations/feedback";

// The form's largest body (1000-character message, 100-character contact) is well under this.
const MAX_BODY_BYTES = 16 * 1024;

export const POST = publicRoute<{ id: string }>(async ({ request, params, actor }) => {
  const input = feedbackInputSchema.parse(await readJsonBody(request, MAX_BODY_BYTES));
  const client = clientHash(request.headers);
  const limit = await limitFeedback(client, params.id);
  if (!limit.allowed) {
    const minutes = Math.ceil(limit.retryAfterSeconds / 60);
    const { status, body } = toErrorBody(
      new AppError("rate_limited", `提交太频繁，请 ${minutes} 分钟后再试`, { retryAfterSeconds: limit.retryAfterSeconds }),
    );
    return NextResponse.json(body, { status, headers: { "Retry-After": String(limit.retryAfterSeconds) } });
  }
  const receipt = await createFeedbackReport(actor, params.id, input, client);
  return NextResponse.json(receipt, { status: 201, headers: { "Cache-Control": "no-store" } });
});

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
