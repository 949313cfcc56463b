/**
 * The origin readers reach this site at, for links that leave the page (share, printed QR codes):
 * PUBLIC_BASE_URL when configured, else what the reverse proxy or the browser says the host is.
 */
export function publicOrigin(headers: Headers, configured?: string): string {
  if (configured) return configured.replace(/\/+$/, "");
  const first = (name: string) => headers.get(name)?.split(",")[0]?.trim() || undefined;
  const proto = first("x-forwarded-proto");
  const host = first("x-forwarded-host") ?? first("host");
  // A Host header is client-supplied: anything that is not a plain host[:port] falls back rather than
  // ending up inside a printed link.
  const safeHost = host && /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(host) ? host : "localhost";
  return `${proto === "https" ? "https" : "http"}://${safeHost}`;
}
