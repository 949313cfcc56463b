import { feedbackErrorReasons, type FeedbackErrorReason, type FeedbackField, type FeedbackInput } from "@/lib/validations/feedback";

export type FeedbackOutcome =
  | { ok: true }
  | { ok: false; reason: "validation"; fields: Partial<Record<FeedbackField, FeedbackErrorReason>> }
  | { ok: false; reason: "rateLimited"; minutes: number }
  | { ok: false; reason: "notFound" | "network" | "server" };

// A weak connection can hang rather than fail; after this long the reader is told to try again.
const TIMEOUT_MS = 20_000;

/** Sends feedback and turns every answer into something the form can say in the reader's language. */
export async function postFeedback(stationId: string, input: FeedbackInput): Promise<FeedbackOutcome> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/stations/${encodeURIComponent(stationId)}/feedback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(input),
      signal: typeof AbortSignal.timeout === "function" ? AbortSignal.timeout(TIMEOUT_MS) : undefined,
    });
  } catch {
    return { ok: false, reason: "network" };
  }
  if (response.ok) return { ok: true };
  if (response.status === 429) {
    const seconds = Number(response.headers.get("retry-after")) || 60;
    return { ok: false, reason: "rateLimited", minutes: Math.max(1, Math.ceil(seconds / 60)) };
  }
  if (response.status === 404) return { ok: false, reason: "notFound" };
  if (response.status === 400) {
    const body = (await response.json().catch(() => null)) as { error?: { details?: { path?: string }[] } } | null;
    const issues = (body?.error?.details ?? []).map((d) => ({ path: String(d.path ?? "").split("."), code: "invalid" }));
    return { ok: false, reason: "validation", fields: feedbackErrorReasons(issues) };
  }
  return { ok: false, reason: "server" };
}
