import { fieldErrorsFromDetails, type FieldErrors } from "@/lib/validations/field-errors";

export type SendResult<T> = { ok: true; value: T } | { ok: false; status: number; message: string | null; fields: FieldErrors };

/**
 * Sends one admin request and reads the answer: the value, or the server's message and its problems by
 * field (a taken email, an unknown station) for the form to show beside its inputs. `message` is null
 * when the network failed, so the form can say so in the reader's language.
 */
export async function sendJson<T>(url: string, method: string, body?: unknown): Promise<SendResult<T>> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(() => null);
  if (!response) return { ok: false, status: 0, message: null, fields: {} };
  const json = await response.json().catch(() => null);
  if (response.ok) return { ok: true, value: json as T };
  return { ok: false, status: response.status, message: json?.error?.message ?? String(response.status), fields: fieldErrorsFromDetails(json?.error?.details) };
}
