import "server-only";
import { NextResponse } from "next/server";
import { requestSite } from "@/lib/api/request-site";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, isDatabaseUnavailable, toErrorBody } from "@/lib/errors";
import { apiSecurityHeaders, servedOverHttps } from "@/lib/security-headers";
import { anonymousActor, type Actor } from "@/lib/server/actor";
import { getRequestActor } from "@/lib/server/auth/get-request-actor";

type RouteContext<Params> = { params: Promise<Params> };

export type HandlerArgs<Params> = { request: Request; params: Params; actor: Actor };

/**
 * Wraps a route handler: resolves the actor and params, and turns every thrown error into the one
 * JSON error shape. Handlers stay thin: parse, call the data-access layer, respond.
 */
export function publicRoute<Params = Record<string, never>>(
  handler: (args: HandlerArgs<Params>) => Promise<Response>,
) {
  return wrap<Params>(async () => anonymousActor, handler);
}

/**
 * A route for signed-in staff: the actor comes from the session (with the roles held now), and a
 * state-changing request must come from this site's own pages (the browser's Origin, or its
 * Sec-Fetch-Site, says so), which refuses cross-site form posts and fetches. Scope is enforced by the
 * data-access function the handler calls, not here.
 */
export function staffRoute<Params = Record<string, never>>(handler: (args: HandlerArgs<Params>) => Promise<Response>) {
  return wrap<Params>(async (request) => {
    if (!["GET", "HEAD"].includes(request.method) && requestSite(request) !== "same-origin") {
      throw new AppError("forbidden", "请求来源不被允许");
    }
    return getRequestActor(request.headers);
  }, handler);
}

function wrap<Params>(resolveActor: (request: Request) => Promise<Actor>, handler: (args: HandlerArgs<Params>) => Promise<Response>) {
  return async (request: Request, context: RouteContext<Params>): Promise<Response> => {
    let response: Response;
    try {
      const params = await context.params;
      response = await handler({ request, params, actor: await resolveActor(request) });
    } catch (error) {
      const { status, body, headers } = toErrorBody(error);
      response = NextResponse.json(body, { status, headers });
    }
    return withSecurityHeaders(request, response);
  };
}

/** proxy.ts leaves the v1 API out (see there): its answers get their security headers here. */
function withSecurityHeaders(request: Request, response: Response): Response {
  const headers = new Headers(response.headers);
  const https = servedOverHttps(request.headers, new URL(request.url).protocol, [env.AUTH_URL, env.PUBLIC_BASE_URL]);
  apiSecurityHeaders(https).forEach((value, key) => headers.set(key, value));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * better-auth (/api/auth/*) answers any failure of its own with a bare 500 and keeps the error to itself.
 * When the database does not answer either, that 500 was the outage: it becomes the same 503 with
 * Retry-After as every other route's, so the sign-in form can say "try again shortly".
 */
export async function withDatabaseOutageAnswer(response: Response): Promise<Response> {
  if (response.status < 500) return response;
  try {
    await getDb().$queryRaw`SELECT 1`;
    return response;
  } catch (error) {
    if (!isDatabaseUnavailable(error)) return response;
    const { status, body, headers } = toErrorBody(error);
    return NextResponse.json(body, { status, headers });
  }
}

/** Query parameters as a plain object; a repeated parameter keeps every value so the schema can refuse it. */
export function searchParamsObject(request: Request): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    const existing = result[key];
    result[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return result;
}

/** Read-only endpoints answer other methods in the same JSON error shape as everything else. */
export const methodNotAllowed = publicRoute<Record<string, unknown>>(async ({ request }) => {
  throw new AppError("method_not_allowed", `此接口不支持 ${request.method} 请求`);
});

/** Unknown paths under /api answer JSON, not Next's HTML page. */
export const apiNotFound = publicRoute<Record<string, unknown>>(async () => {
  throw new AppError("not_found", "没有这个接口，请查看 /api/v1/openapi.json");
});
