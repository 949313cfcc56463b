import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { toErrorBody } from "@/lib/errors";

const gzipAsync = promisify(gzip);

/**
 * A route the production server answers itself, by calling the route file's own GET, instead of going
 * through Next's router. A path it does not match (or a method other than GET and HEAD) goes to Next as usual.
 */
export type DirectRoute = { path: RegExp; answer(request: Request, match: RegExpExecArray): Promise<Response> };

/** A direct route from a route file's GET; `params` turns the path's match into the route's params. */
export function directRoute<Params>(route: {
  path: RegExp;
  params(match: RegExpExecArray): Params;
  GET(request: Request, context: { params: Promise<Params> }): Promise<Response>;
}): DirectRoute {
  return { path: route.path, answer: (request, match) => route.GET(request, { params: Promise.resolve(route.params(match)) }) };
}

/**
 * Answers `request` from the first direct route whose path matches, and says whether it did. Anything that
 * is not a plain GET or HEAD of a matching path, or whose URL or headers a web Request cannot carry, is left
 * to Next, so an odd request gets exactly the answer it would get without this.
 */
export async function serveDirectRoute(routes: readonly DirectRoute[], request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const target = request.url ?? "/";
  const queryStart = target.indexOf("?");
  const pathname = queryStart === -1 ? target : target.slice(0, queryStart);
  for (const route of routes) {
    const match = route.path.exec(pathname);
    if (!match) continue;
    const webRequest = toWebRequest(request);
    if (!webRequest) return false;
    await sendWebResponse(request, response, await answer(route, match, webRequest));
    return true;
  }
  return false;
}

async function answer(route: DirectRoute, match: RegExpExecArray, request: Request): Promise<Response> {
  try {
    return await route.answer(request, match);
  } catch (error) {
    // The route wrapper already maps every error to its JSON answer; this only keeps a bug from hanging the request.
    const { status, body, headers } = toErrorBody(error);
    return Response.json(body, { status, headers });
  }
}

/** The web Request a route handler expects, as Next would build it: the Host header names the origin. */
function toWebRequest(request: IncomingMessage): Request | null {
  try {
    const headers = new Headers();
    for (let i = 0; i < request.rawHeaders.length; i += 2) headers.append(request.rawHeaders[i], request.rawHeaders[i + 1]);
    const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "localhost"}`);
    return new Request(url, { method: request.method, headers });
  } catch {
    return null;
  }
}

/**
 * Writes the route's answer. Like Next's own server it gzips the body when the client accepts gzip (phones
 * on a slow link are the directory's readers), and a HEAD gets the headers of the GET without its body.
 */
async function sendWebResponse(request: IncomingMessage, response: ServerResponse, answer: Response): Promise<void> {
  let body: Buffer = Buffer.from(await answer.arrayBuffer());
  const headers = new Map<string, string>();
  answer.headers.forEach((value, key) => headers.set(key, value));
  if (body.length > 0) {
    headers.set("vary", headers.has("vary") ? `${headers.get("vary")}, Accept-Encoding` : "Accept-Encoding");
    // As Next's compression: a HEAD's answer says nothing of an encoding, since it has no body to encode.
    if (request.method === "GET" && acceptsGzip(request.headers["accept-encoding"]) && !headers.has("content-encoding")) {
      body = await gzipAsync(body);
      headers.set("content-encoding", "gzip");
    }
  }
  if (answer.status !== 304) headers.set("content-length", String(body.length));
  response.writeHead(answer.status, Object.fromEntries(headers));
  response.end(request.method === "HEAD" ? undefined : body);
}

/** True when Accept-Encoding lists gzip (or `*`) without `q=0` (RFC 9110 §12.5.3). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  let accepted = false;
  for (const entry of acceptEncoding.split(",")) {
    const [coding, ...parameters] = entry.trim().toLowerCase().split(";");
    const quality = parameters.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const refused = quality !== undefined && Number(quality.slice(2)) === 0;
    if (coding.trim() === "gzip") return !refused;
    if (coding.trim() === "*") accepted = !refused;
  }
  return accepted;
}
