import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { env } from "@/lib/env";
import { localAuthSecret } from "../scripts/lib/auth-secret";
import { createCluster, postgresBinariesAvailable, type PostgresCluster } from "../scripts/lib/postgres-cluster";
import { freePort, provisionTestDatabase } from "../scripts/lib/test-database";
import { startAppServer, type AppServer } from "./support/process-group";
import { serverKind } from "./support/server-kind";

/**
 * The database stops while the production server is under light load, and comes back. While it is down
 * the API answers 503 JSON with Retry-After at once and pages show the friendly error; within 5 s of the
 * database accepting connections again everything answers 200, with the same server process. The
 * database is a private cluster of this test's own: the shared server is never stopped.
 */
const skipReason =
  (await serverKind(env.DATABASE_URL)) !== "postgresql"
    ? "stops and starts a PostgreSQL 15 cluster of its own, in the PostgreSQL run only; this is the embedded (PGlite) run"
    : !postgresBinariesAvailable()
      ? "needs the PostgreSQL 15 server binaries in /usr/lib/postgresql/15/bin"
      : !existsSync(path.join(".next", "BUILD_ID"))
        ? "needs the production build (npm run build; npm test makes it)"
        : null;

const FAST_ANSWER_MS = 2000;
const RECOVERY_MS = 5000;

type Observation = { url: string; at: number; status: number; ms: number; contentType: string; retryAfter: string | null; body: string };

async function get(url: string, init?: RequestInit): Promise<Observation> {
  const started = performance.now();
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  const body = await response.text();
  return { url, at: started, status: response.status, ms: performance.now() - started, contentType: response.headers.get("content-type") ?? "", retryAfter: response.headers.get("retry-after"), body };
}

describe.skipIf(skipReason)(`database outage under load: 503 while down, recovery within 5 s${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  let cluster: PostgresCluster;
  let server: AppServer;
  let origin: string;
  let stationId: string;
  let loading = false;

  beforeAll(async () => {
    cluster = await createCluster(await freePort());
    const database = await provisionTestDatabase(cluster.url());
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    stationId = (await sql.query<{ id: string }>("SELECT id FROM stations ORDER BY code LIMIT 1")).rows[0].id;
    await sql.end();

    server = await startAppServer({
      env: { DATABASE_URL: database.url, DATABASE_REPLICA_URLS: "", AUTH_SECRET: localAuthSecret() },
      hostname: "127.0.0.1",
      readyPath: "/api/v1/cities",
    });
    origin = server.origin;
  }, 90_000);

  afterAll(async () => {
    loading = false;
    await server?.stop();
    await cluster?.remove();
  });

  it("answers 503 JSON with Retry-After and a friendly page while down, and 200 again within 5 s of the return", async () => {
    onTestFailed(() => console.log(`the server said:\n${server.output()}`));
    const api = [`${origin}/api/v1/stations/${stationId}`, `${origin}/api/v1/stations?limit=5`, `${origin}/api/v1/cities`];
    // better-auth's own route: a sign-in needs the database.
    const signIn = {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ username: "nobody", password: "not a password 123" }),
    };
    const pages = [`${origin}/stations/${stationId}`, `${origin}/`];

    // Light load for the whole test: three clients asking for a station, each every 50 ms. A request
    // that fails outright (no answer at all) counts as status 0.
    const load: Observation[] = [];
    loading = true;
    const clients = [0, 1, 2].map(async () => {
      while (loading) {
        load.push(await get(api[0]).catch((error: Error) => ({ url: api[0], at: performance.now(), status: 0, ms: 0, contentType: "", retryAfter: null, body: error.message })));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });

    // What does not answer 200 now, as "status url".
    const failing = async () => (await Promise.all([...api, ...pages].map((url) => get(url)))).filter((o) => o.status !== 200).map((o) => `${o.status} ${o.url}`);
    // The first requests of a fresh server on a busy machine are slow; start from one that answers everything.
    const warm = performance.now() + 30_000;
    while ((await failing()).length > 0) expect(performance.now(), "the server answers 200 before the outage").toBeLessThan(warm);

    const stopping = performance.now();
    await cluster.stop("fast");
    for (const [url, init] of [...api.map((url) => [url] as const), [`${origin}/api/auth/sign-in/username`, signIn] as const]) {
      const answer = await get(url, init);
      expect(answer.status, url).toBe(503);
      expect(answer.ms, url).toBeLessThan(FAST_ANSWER_MS);
      expect(answer.contentType).toContain("application/json");
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      expect(JSON.parse(answer.body).error.code).toBe("database_unavailable");
    }
    for (const url of pages) {
      const page = await get(url, { headers: { "accept-language": "zh-CN" } });
      expect(page.status, url).toBeGreaterThanOrEqual(500);
      expect(page.ms, url).toBeLessThan(FAST_ANSWER_MS);
      expect(page.body).toContain("服务暂时不可用");
      expect(page.body).not.toMatch(/Prisma|ECONNREFUSED|Can&#x27;t reach|Can't reach|DatabaseNotReachable/);
    }

    await cluster.start();
    const back = performance.now();
    for (let still = await failing(); still.length > 0; still = await failing()) {
      expect(performance.now() - back, `everything answers 200 again; still failing: ${still.join(", ")}`).toBeLessThan(RECOVERY_MS);
    }
    const recoveredMs = performance.now() - back;

    loading = false;
    await Promise.all(clients);
    // Under load nothing hung and nothing failed any other way: each answer was a 200 or the 503, and a 503
    // came at the latest when the pool gave up connecting.
    expect(load.filter((o) => o.status !== 200 && o.status !== 503)).toEqual([]);
    const unavailable = load.filter((o) => o.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    const slowest503 = Math.max(...unavailable.map((o) => o.ms));
    expect(slowest503).toBeLessThan(env.DATABASE_CONNECT_TIMEOUT_MS + 1000);
    console.log(
      `database outage: down ${Math.round(back - stopping)} ms; ${load.length} requests under load, ${unavailable.length} answered 503, the slowest 503 in ${Math.round(slowest503)} ms; ` +
        `everything 200 again ${Math.round(recoveredMs)} ms after the database accepted connections`,
    );
  });
});
