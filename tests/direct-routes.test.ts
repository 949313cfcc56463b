import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { startAppServer, type AppServer } from "@/tests/support/process-group";
import { serverKind } from "@/tests/support/server-kind";
import { createStations, everyDay9to17 } from "../e2e/support/station-fixtures";

/**
 * The production server (scripts/serve.ts) answers the busiest public reads itself
 * (app/api/v1/direct-routes.ts) instead of through Next's router. A reader must not be able to tell:
 * for every kind of request to those paths, and to paths that only look like them, it must send what
 * plain `next start` sends: the same status, body and headers (compression included), apart from the
 * headers that describe the connection.
 */

async function skipReason(): Promise<string | null> {
  const kind = await serverKind(env.DATABASE_URL);
  if (kind === "none") return "no DATABASE_URL";
  // Two app servers on PGlite's one backend only queue; npm start on PGlite runs the production server in embedded-start.test.ts.
  if (kind === "pglite") return "DATABASE_URL is the embedded PGlite, which one app process uses alone";
  if (!existsSync(".next/BUILD_ID")) return "no production build (`npm test` makes one; or `npm run build`)";
  return null;
}

const skipped = await skipReason();

/** Headers about the connection, the framing and the time taken, which legitimately differ between two servers. */
const CONNECTION_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "vary", "server-timing"]);

type Answer = { status: number; body: string; headers: Record<string, string>; varyAcceptEncoding: boolean };

/** Next's router adds its own `Vary: rsc, …` to every answer; a direct route's answer has only Accept-Encoding. */
async function servedByNextRouter(origin: string, path: string): Promise<boolean> {
  const response = await fetch(`${origin}${path}`, { redirect: "manual" });
  await response.body?.cancel();
  return /\brsc\b/.test(response.headers.get("vary") ?? "");
}

async function ask(origin: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${origin}${path}`, { redirect: "manual", ...init });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    if (!CONNECTION_HEADERS.has(key)) headers[key] = value;
  });
  const vary = response.headers.get("vary") ?? "";
  return { status: response.status, body: await response.text(), headers, varyAcceptEncoding: /accept-encoding/i.test(vary) };
}

describe.skipIf(skipped)(`the production server's direct routes answer as next start does${skipped ? ` — skipped: ${skipped}` : ""}`, () => {
  let production: AppServer;
  let nextStart: AppServer;
  let fixture: Awaited<ReturnType<typeof createStations>>;
  const name = `工行直达路由驿站${Date.now().toString(36)}`;

  beforeAll(async () => {
    fixture = await createStations([
      { name, lat: 40.6123, lng: 122.2456, cityAdcode: 210800, districtAdcode: 210802, openingHours: { weekly: everyDay9to17, exceptions: [] } },
      { name: `${name}二`, lat: 40.6133, lng: 122.2466, cityAdcode: 210800, districtAdcode: 210802 },
    ]);
    [production, nextStart] = await Promise.all([startAppServer({ kind: "production" }), startAppServer({ kind: "next-start" })]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([production?.stop(), nextStart?.stop()]);
    await fixture?.remove();
  });

  /**
   * Other tests share the database and `openNow` follows the clock, so an answer may change between two
   * requests: next start is asked before and after the production server, and must match one of the two.
   */
  async function expectSameAnswer(path: string, init: RequestInit = {}) {
    const before = await ask(nextStart.origin, path, init);
    const ours = await ask(production.origin, path, init);
    const after = await ask(nextStart.origin, path, init);
    const reference = JSON.stringify(ours) === JSON.stringify(after) ? after : before;
    expect(ours, `${init.method ?? "GET"} ${path}`).toEqual(reference);
    return ours;
  }

  const listPaths = () => [
    "/api/v1/stations?near=40.6123,122.2456&limit=5",
    "/api/v1/stations?near=40.6123,122.2456&limit=5&amenities=rest,wifi&openNow=true",
    "/api/v1/stations?bbox=122.2,40.58,122.3,40.64&limit=50",
    `/api/v1/stations?q=${encodeURIComponent(name)}`,
    `/api/v1/stations?updatedSince=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`,
    "/api/v1/stations",
  ];

  it("answers the two paths itself, and everything else through Next", async () => {
    expect(await servedByNextRouter(production.origin, listPaths()[0])).toBe(false);
    expect(await servedByNextRouter(production.origin, `/api/v1/stations/${fixture.ids[0]}`)).toBe(false);
    expect(await servedByNextRouter(production.origin, "/api/v1/amenities")).toBe(true);
    expect(await servedByNextRouter(production.origin, "/api/v1/stations/not-a-station")).toBe(true);
    expect(await servedByNextRouter(nextStart.origin, listPaths()[0])).toBe(true);
  });

  it("station searches, a second page and the sync feed", async () => {
    for (const path of listPaths()) {
      const answer = await expectSameAnswer(path);
      expect(answer.status, path).toBe(200);
    }
    const first = JSON.parse((await ask(production.origin, "/api/v1/stations?near=40.6123,122.2456&limit=1")).body) as { nextCursor: string };
    await expectSameAnswer(`/api/v1/stations?near=40.6123,122.2456&limit=1&cursor=${encodeURIComponent(first.nextCursor)}`);
  });

  it("one station, an unknown one, and ids written differently", async () => {
    const [id] = fixture.ids;
    expect((await expectSameAnswer(`/api/v1/stations/${id}`)).status).toBe(200);
    expect((await expectSameAnswer(`/api/v1/stations/${id.toUpperCase()}`)).status).toBe(200);
    expect((await expectSameAnswer("/api/v1/stations/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("bad parameters get the same JSON errors", async () => {
    for (const path of ["/api/v1/stations?near=abc", "/api/v1/stations?limit=0", "/api/v1/stations?limit=1&limit=2", "/api/v1/stations?near=40.6,122.2&cursor=bad", "/api/v1/stations?updatedSince=yesterday"]) {
      const answer = await expectSameAnswer(path);
      expect(answer.status, path).toBe(400);
      expect(JSON.parse(answer.body).error.code, path).toBeTruthy();
    }
  });

  it("HEAD, conditional requests and compression", async () => {
    const path = `/api/v1/stations/${fixture.ids[0]}`;
    const head = await expectSameAnswer(path, { method: "HEAD" });
    expect(head.body).toBe("");
    const { headers } = await ask(production.origin, path);
    expect((await expectSameAnswer(path, { headers: { "if-none-match": headers.etag } })).status).toBe(304);
    expect((await expectSameAnswer(listPaths()[0], { headers: { "if-none-match": "*" } })).status).toBe(304);
    for (const acceptEncoding of ["identity", "gzip", "gzip;q=0", "br", "deflate, gzip;q=0.5", "*"]) {
      const answer = await expectSameAnswer(path, { headers: { "accept-encoding": acceptEncoding } });
      expect(answer.varyAcceptEncoding, acceptEncoding).toBe(true);
    }
    const gzipped = await ask(production.origin, path, { headers: { "accept-encoding": "gzip" } });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
  });

  it("behind an HTTPS proxy both add Strict-Transport-Security", async () => {
    const answer = await expectSameAnswer(`/api/v1/stations/${fixture.ids[0]}`, { headers: { "x-forwarded-proto": "https" } });
    expect(answer.headers["strict-transport-security"]).toBeDefined();
  });

  it("leaves to Next what is not a plain read of those two paths", async () => {
    const [id] = fixture.ids;
    for (const path of ["/api/v1/stations/not-a-station", "/api/v1/stations/clusters?bbox=122.2,40.58,122.3,40.64&zoom=12", "/api/v1/stations/", `/api/v1/stations/${id}/`]) {
      await expectSameAnswer(path);
    }
    const post = await expectSameAnswer("/api/v1/stations", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(post.status).toBe(405);
  });
});
