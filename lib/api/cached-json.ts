import "server-only";
import { createHash } from "node:crypto";

/**
 * Shared caches (a CDN) and browsers may keep a public answer for a minute and serve it stale for five
 * more while they revalidate in the background, so a staff edit shows everywhere within about a minute.
 */
export const PUBLIC_CACHE_CONTROL = "public, max-age=60, s-maxage=60, stale-while-revalidate=300";

/**
 * A public read's JSON answer with a strong ETag: the SHA-256 of the exact bytes sent. A request whose
 * If-None-Match names it gets 304 with no body. The tag hashes the body rather than the data's
 * max(updated_at): a station's `openNow` and the exceptions shown change with the clock, and amenity,
 * city and district edits change bodies without touching a station row, so only the body says for sure
 * whether it changed. `extraHeaders` ride along on both answers (e.g. Server-Timing). No `Vary`: these bodies never depend on Accept-Language or cookies.
 */
export function cachedJson(request: Request, body: unknown, contentType = "application/json", extraHeaders: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  const etag = `"${createHash("sha256").update(text).digest("base64url")}"`;
  const headers = { ...extraHeaders, ETag: etag, "Cache-Control": PUBLIC_CACHE_CONTROL };
  if (matchesIfNoneMatch(request.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(text, { headers: { ...headers, "Content-Type": `${contentType}; charset=utf-8` } });
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/` is ignored, and `*` matches anything. */
function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((candidate) => {
    const tag = candidate.trim();
    return tag === "*" || tag.replace(/^W\//, "") === etag;
  });
}
