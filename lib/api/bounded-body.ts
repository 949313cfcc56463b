import "server-only";
import type { AppError } from "@/lib/errors";

/**
 * A request's body, refused with `tooLarge()` as soon as more than `maxBytes` arrive: Content-Length can be
 * missing (chunked) or wrong, so the declared length is checked first and then what actually arrives.
 */
export async function readBoundedBody(request: Request, maxBytes: number, tooLarge: () => AppError): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let received = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}
