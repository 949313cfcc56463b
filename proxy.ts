import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { createNonce, securityHeaders, servedOverHttps } from "@/lib/security-headers";

/**
 * Security headers on every response except Next's hashed build output (next.config.js gives those the
 * request-independent ones) and the v1 API, whose route wrapper (lib/api/route-handler.ts) sets them
 * without this extra pass through Next for each of its many small requests. Each page gets a fresh nonce: Next reads it from the request's
 * Content-Security-Policy header and puts it on its own scripts and styles, which is why every page must
 * render per request (the root layout reads cookies, so all of them do).
 */
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const headers = securityHeaders({
    pathname: request.nextUrl.pathname,
    nonce,
    tileUrl: env.TILE_URL,
    oidcIssuer: env.OIDC_ISSUER,
    https: servedOverHttps(request.headers, request.nextUrl.protocol, [env.AUTH_URL, env.PUBLIC_BASE_URL]),
    development: env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers.get("Content-Security-Policy")!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  headers.forEach((value, key) => response.headers.set(key, value));
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|api/v1/).*)"],
};
