/**
 * Response headers for a file download with a Chinese name: `filename*` (RFC 5987/6266) carries the
 * UTF-8 name every current browser uses; `filename` is an ASCII fallback for anything older.
 */
export function attachmentHeaders(filename: string, contentType: string, asciiFallback: string): HeadersInit {
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
}
