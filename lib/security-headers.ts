/**
 * The security headers of every response, built from configuration and the request. Pure functions, so the
 * policy can be tested without a server; proxy.ts applies them per request and next.config.js applies the
 * request-independent ones to Next's build output (which the proxy skips).
 */

/** What one page's policy depends on. */
export type PagePolicyOptions = {
  /** Fresh per response; Next reads it back from the request's Content-Security-Policy header. */
  nonce: string;
  /** TILE_URL: the map's tiles are the only images from another origin. */
  tileUrl: string;
  /** OIDC_ISSUER, when single sign-on is configured. */
  oidcIssuer?: string;
  /** The page is served over HTTPS: sub-resources are upgraded too. */
  https: boolean;
  /** `next dev`: React's debugging needs eval, and the dev server injects unnonced styles. */
  development: boolean;
};

/**
 * The CSP source that allows TILE_URL's images: its origin, with a Leaflet placeholder in the first host
 * label (`{s}.tile.openstreetmap.org`, `webrd0{s}.is.autonavi.com`) widened to that label's wildcard, since
 * CSP wildcards cover whole leading labels only. A path-only TILE_URL is this site's own ('self'): null.
 */
export function tileImageSource(tileUrl: string): string | null {
  if (tileUrl.startsWith("/") && !tileUrl.startsWith("//")) return null;
  const match = /^(https?):\/\/([^/?#]+)/i.exec(tileUrl);
  if (!match) throw new Error(`must be an http(s) URL or a path on this site, not ${JSON.stringify(tileUrl)}`);
  const scheme = match[1].toLowerCase();
  const [host, port] = splitPort(match[2].toLowerCase());
  const labels = host.split(".");
  const templated = labels.map((label) => label.includes("{"));
  if (templated.slice(1).some(Boolean) || (templated[0] && labels.length < 3)) {
    throw new Error(`a placeholder in the host is only supported in its first label, with a domain under it (${host}): a CSP source cannot express it`);
  }
  if (port.includes("{")) throw new Error(`a placeholder in the port is not supported (${port})`);
  const sourceHost = templated[0] ? `*.${labels.slice(1).join(".")}` : host;
  return `${scheme}://${sourceHost}${port ? `:${port}` : ""}`;
}

function splitPort(authority: string): [string, string] {
  const at = authority.lastIndexOf("@");
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  const colon = hostPort.lastIndexOf(":");
  return colon > hostPort.lastIndexOf("]") && colon >= 0 ? [hostPort.slice(0, colon), hostPort.slice(colon + 1)] : [hostPort, ""];
}

function serialize(directives: [string, ...string[]][]): string {
  return directives.map((parts) => parts.join(" ")).join("; ");
}

/**
 * The policy of an HTML page (and of everything else the proxy answers outside /api: the worker script,
 * the manifest, public files). Scripts run only with the response's nonce, and what they load
 * ('strict-dynamic' lets Next's runtime add its chunks); 'self' is the fallback for browsers without
 * CSP 3. Styles: `<style>` and stylesheets need the nonce or this origin; style attributes are allowed
 * (React's style props and the server-drawn chart SVGs write them, and a style attribute can neither run
 * script nor read the page); the plain style-src keeps older browsers, which know neither split
 * directive, at the same allowance rather than breaking every page's layout.
 */
export function pageContentSecurityPolicy(options: PagePolicyOptions): string {
  const nonce = `'nonce-${options.nonce}'`;
  const tiles = tileImageSource(options.tileUrl);
  const formTargets = options.oidcIssuer ? [new URL(options.oidcIssuer).origin] : [];
  return serialize([
    ["default-src", "'self'"],
    ["script-src", "'self'", nonce, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["style-src-elem", "'self'", options.development ? "'unsafe-inline'" : nonce],
    ["style-src-attr", "'unsafe-inline'"],
    // data: for the map's pins, which are SVG data URLs; an image from one can neither run script nor
    // reach the network.
    ["img-src", "'self'", "data:", ...(tiles ? [tiles] : [])],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["worker-src", "'self'"],
    ["manifest-src", "'self'"],
    ["frame-src", "'none'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    // The sign-in form posts to this site; the single sign-on hop may pass through a form that the bank's
    // identity provider answers with a redirect, which browsers check against form-action as well.
    ["form-action", "'self'", ...formTargets],
    ["frame-ancestors", "'none'"],
    ...(options.https ? [["upgrade-insecure-requests"] as [string]] : []),
  ]);
}

/**
 * JSON, CSV, XLSX and the sign-in endpoints' answers are never meant to be a document: opened as one,
 * nothing in them may load, run or be framed.
 */
export const API_CONTENT_SECURITY_POLICY = serialize([
  ["default-src", "'none'"],
  ["base-uri", "'none'"],
  ["form-action", "'none'"],
  ["frame-ancestors", "'none'"],
]);

/**
 * Powerful features the directory never uses are switched off for it and anything it could embed;
 * geolocation ("nearest station") is kept for the site itself only.
 */
export const PERMISSIONS_POLICY = [
  "geolocation=(self)",
  "accelerometer=()",
  "autoplay=()",
  "browsing-topics=()",
  "camera=()",
  "display-capture=()",
  "encrypted-media=()",
  "gyroscope=()",
  "hid=()",
  "idle-detection=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "publickey-credentials-get=()",
  "screen-wake-lock=()",
  "serial=()",
  "usb=()",
  "xr-spatial-tracking=()",
].join(", ");

/** Two years, and the site's subdomains: the value HSTS preload lists ask for, without enrolling in one. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/**
 * The headers that are the same on every response, whatever the request. Referrer: other sites (the map
 * tile server, the navigation apps the station page links to) get this site's origin and no path or
 * query — a finder URL can carry the reader's position. OpenStreetMap's tile policy refuses requests
 * without a Referer, so no-referrer would blank the map.
 */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
  // frame-ancestors says the same to every browser with CSP 2; this is for the WebViews without it.
  { key: "X-Frame-Options", value: "DENY" },
];

/**
 * Whether readers reach the site over HTTPS: a configured public origin (AUTH_URL, PUBLIC_BASE_URL) says
 * so, or the reverse proxy's X-Forwarded-Proto does. A forged X-Forwarded-Proto on a plain-HTTP request
 * does no harm: browsers ignore Strict-Transport-Security received over HTTP (RFC 6797 §8.1), and the
 * upgrade of sub-resources only breaks the forger's own page.
 */
export function servedOverHttps(headers: Headers, requestProtocol: string, configuredOrigins: ReadonlyArray<string | undefined>): boolean {
  if (configuredOrigins.some((origin) => origin?.toLowerCase().startsWith("https://"))) return true;
  if (requestProtocol === "https:") return true;
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

export type ResponseHeaderOptions = PagePolicyOptions & { pathname: string };

/** Every security header of one response the proxy handles. */
export function securityHeaders(options: ResponseHeaderOptions): Headers {
  const isApi = options.pathname === "/api" || options.pathname.startsWith("/api/");
  if (isApi) return apiSecurityHeaders(options.https);
  const headers = new Headers();
  headers.set("Content-Security-Policy", pageContentSecurityPolicy(options));
  for (const { key, value } of STATIC_SECURITY_HEADERS) headers.set(key, value);
  if (options.https) headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return headers;
}

/** The headers of an API answer: nothing on it may load or run anything, and no page may frame it. */
export function apiSecurityHeaders(https: boolean): Headers {
  const headers = new Headers();
  headers.set("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
  for (const { key, value } of STATIC_SECURITY_HEADERS) headers.set(key, value);
  if (https) headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return headers;
}

/** 128 random bits, base64: unguessable, and in the character set CSP allows for a nonce. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
