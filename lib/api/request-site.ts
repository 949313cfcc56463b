/**
 * Where a request comes from, as the browser tells it: `same-origin` for this site's own pages,
 * `cross-site` for another site's (a form post, a fetch), `unknown` when neither Sec-Fetch-Site nor
 * Origin says (a script or curl, never a browser sending a state-changing request on its own).
 */
export function requestSite(request: Request): "same-origin" | "cross-site" | "unknown" {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin" ? "same-origin" : "cross-site";
  const origin = request.headers.get("origin");
  if (!origin) return "unknown";
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  try {
    return new URL(origin).host === host ? "same-origin" : "cross-site";
  } catch {
    // "Origin: null" (a sandboxed frame, a redirect across sites) and garbage are not this site.
    return "cross-site";
  }
}
