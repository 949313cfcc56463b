import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { SIGN_IN_ACCOUNT_LIMIT, SIGN_IN_RATE_LIMIT } from "@/lib/auth";
import { FEEDBACK_LIMITS } from "@/lib/rate-limit";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";
import { startAppServer, type AppServer } from "@/tests/support/process-group";
import { serverKind } from "@/tests/support/server-kind";
import { deleteKeys, redisUnavailableReason, testRedisUrl, uniqueKeyPrefix } from "@/tests/support/redis";
import { createStations } from "../e2e/support/station-fixtures";

/**
 * The app is stateless: two processes of the production server (scripts/serve.ts), on two ports, sharing one
 * PostgreSQL database and one Redis, must behave as one app. Rate limits count across both, and a staff
 * edit through one is what the other serves at once. A third instance whose Redis is down shows the
 * failure policy: sign-in refuses (503), the public report form keeps working with per-process limits.
 */

async function skipReason(): Promise<string | null> {
  const kind = await serverKind(env.DATABASE_URL);
  if (kind === "none") return "no DATABASE_URL";
  // PGlite serves one connection at a time: two app instances with their pools would only queue on it.
  if (kind === "pglite") return "DATABASE_URL is the embedded PGlite, which one app process uses alone";
  if (!existsSync(".next/BUILD_ID")) return "no production build (`npm test` makes one; or `npm run build`)";
  return redisUnavailableReason();
}

const skipped = await skipReason();
const suffix = skipped ? ` — skipped: ${skipped}` : "";
const system: SystemActor = { kind: "system", label: "system:test-multi-instance" };
// Each instance resolves a request's client from X-Forwarded-For (the default CLIENT_IP_HEADERS).
const newClient = () => `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::1`;

// Every instance of one app shares AUTH_SECRET (session cookies, rate-limit key hashes).
const sharedSecret = randomBytes(32).toString("base64url");

type Instance = AppServer;

function startInstance(name: string, overrides: Record<string, string>): Promise<Instance> {
  return startAppServer({ env: { AUTH_SECRET: env.AUTH_SECRET ?? sharedSecret, ...overrides } }).catch((error: Error) => {
    throw new Error(`instance ${name}: ${error.message}`);
  });
}

function signIn(instance: Instance, body: Record<string, string>, client = newClient()) {
  return fetch(`${instance.origin}/api/auth/sign-in/username`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: instance.origin, "x-forwarded-for": client },
    body: JSON.stringify(body),
  });
}

function sendFeedback(instance: Instance, stationId: string, kind: string, client: string) {
  return fetch(`${instance.origin}/api/v1/stations/${stationId}/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": client },
    body: JSON.stringify({ kind }),
  });
}

function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

describe.skipIf(skipped)(`two app instances sharing one database and one Redis${suffix}`, () => {
  const keyPrefix = uniqueKeyPrefix("instances");
  const password = "multi instance password";
  const tag = randomUUID().slice(0, 8);
  const userIds: string[] = [];
  let a: Instance;
  let b: Instance;
  let stations: Awaited<ReturnType<typeof createStations>>;

  beforeAll(async () => {
    stations = await createStations([{ name: "工行测试多实例驿站" }]);
    const shared = { REDIS_URL: testRedisUrl, REDIS_KEY_PREFIX: keyPrefix };
    [a, b] = await Promise.all([startInstance("A", shared), startInstance("B", shared)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await stations?.remove();
    await getDb().user.deleteMany({ where: { id: { in: userIds } } });
    await deleteKeys(testRedisUrl, keyPrefix);
  });

  async function account(label: string, role?: Parameters<typeof createUser>[1]["role"]) {
    const user = await createUser(system, { username: `${label}_${tag}`, email: `${label}.${tag}@example.cn`, password, name: "多实例测试", role });
    userIds.push(user.id);
    return `${label}_${tag}`;
  }

  it(`locks an account after ${SIGN_IN_ACCOUNT_LIMIT.points} failed sign-ins spread over both instances`, async () => {
    const username = await account("target");
    const statuses: number[] = [];
    // Alternating instances, each attempt from a new address: either instance alone sees half the limit.
    for (let i = 0; i < SIGN_IN_ACCOUNT_LIMIT.points; i++) {
      statuses.push((await signIn(i % 2 ? b : a, { username, password: `guess ${i}!!` })).status);
    }
    expect(statuses).toEqual(Array(SIGN_IN_ACCOUNT_LIMIT.points).fill(401));
    for (const instance of [a, b]) {
      const locked = await signIn(instance, { username, password });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(SIGN_IN_ACCOUNT_LIMIT.durationSeconds - 60);
    }
  });

  it(`refuses one address after ${SIGN_IN_RATE_LIMIT.max} sign-in attempts a minute over both instances`, async () => {
    const client = newClient();
    const statuses: number[] = [];
    // Names that match nobody, each different, so only the per-address limit can refuse.
    for (let i = 0; i < SIGN_IN_RATE_LIMIT.max; i++) {
      statuses.push((await signIn(i % 2 ? b : a, { username: `ghost${i}_${tag}`, password }, client)).status);
    }
    expect(statuses).toEqual(Array(SIGN_IN_RATE_LIMIT.max).fill(401));
    expect((await signIn(a, { username: `ghostA_${tag}`, password }, client)).status).toBe(429);
    expect((await signIn(b, { username: `ghostB_${tag}`, password }, client)).status).toBe(429);
    // Another address is not affected.
    expect((await signIn(b, { username: `ghostC_${tag}`, password })).status).toBe(401);
  });

  it(`refuses a client's ${FEEDBACK_LIMITS.perStation.points + 1}th report or confirmation of a station across both instances`, async () => {
    const [station] = stations.ids;
    const client = newClient();
    const statuses: number[] = [];
    for (let i = 0; i < FEEDBACK_LIMITS.perStation.points; i++) {
      statuses.push((await sendFeedback(i % 2 ? b : a, station, i % 2 ? "closed" : "confirmation", client)).status);
    }
    expect(statuses).toEqual(Array(FEEDBACK_LIMITS.perStation.points).fill(201));
    for (const [instance, kind] of [[a, "wrong_location"], [b, "confirmation"]] as const) {
      const refused = await sendFeedback(instance, station, kind, client);
      expect(refused.status).toBe(429);
      expect((await refused.json()).error.code).toBe("rate_limited");
    }
    // Another client may still report it.
    expect((await sendFeedback(b, station, "confirmation", newClient())).status).toBe(201);
  });

  it("serves a staff edit made through instance A from instance B's API and page at once", async () => {
    const [station] = stations.ids;
    const username = await account("editor", { role: "CITY_MANAGER", cityAdcode: 210100 });
    // B serves the station first, so anything B kept in memory would now be the old notice.
    const before = await fetch(`${b.origin}/api/v1/stations/${station}`);
    expect((await before.json()).notice).toBeNull();
    const etagBefore = before.headers.get("etag")!;
    expect(await (await fetch(`${b.origin}/stations/${station}`)).text()).not.toContain(tag);

    const signedIn = await signIn(a, { username, password });
    expect(signedIn.status).toBe(200);
    const cookie = cookieHeader(signedIn);
    // The session lives in the database: B knows it too.
    const session = await (await fetch(`${b.origin}/api/auth/get-session`, { headers: { cookie } })).json();
    expect(session.user.username).toBe(username);

    const { version } = await getDb().station.findUniqueOrThrow({ where: { id: station }, select: { version: true } });
    const notice = `多实例公告 ${tag}`;
    const edited = await fetch(`${a.origin}/api/v1/staff/stations/${station}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", origin: a.origin, cookie },
      body: JSON.stringify({ version, notice }),
    });
    expect(edited.status).toBe(200);
    const editedAt = performance.now();

    const api = await fetch(`${b.origin}/api/v1/stations/${station}`, { headers: { "if-none-match": etagBefore } });
    expect(api.status).toBe(200);
    expect((await api.json()).notice).toBe(notice);
    expect(await (await fetch(`${b.origin}/stations/${station}`)).text()).toContain(notice);
    console.log(`multi-instance: edit through A served by B after ${Math.round(performance.now() - editedAt)} ms`);
  });
});

describe.skipIf(skipped)(`an instance whose Redis is down${suffix}`, () => {
  let c: Instance;
  let stations: Awaited<ReturnType<typeof createStations>>;

  beforeAll(async () => {
    stations = await createStations([{ name: "工行测试无缓存驿站" }]);
    // Nothing listens on port 1: Redis is unreachable from the start.
    c = await startInstance("C", { REDIS_URL: "redis://127.0.0.1:1", REDIS_KEY_PREFIX: uniqueKeyPrefix("down") });
  }, 120_000);

  afterAll(async () => {
    await c?.stop();
    await stations?.remove();
  });

  it("refuses sign-in with 503 and Retry-After instead of counting nothing, and says so in its log", async () => {
    const response = await signIn(c, { username: "anybody", password: "whatever password" });
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await response.json()).code).toBe("SIGN_IN_UNAVAILABLE");
    expect(c.output()).toMatch(/Rate limit "auth-sign-in-[^"]+": Redis did not answer .*refusing every request/);
  });

  it("keeps taking reports, limited per process meanwhile", async () => {
    const [station] = stations.ids;
    const client = newClient();
    for (let i = 0; i < FEEDBACK_LIMITS.perStation.points; i++) {
      expect((await sendFeedback(c, station, "confirmation", client)).status).toBe(201);
    }
    expect((await sendFeedback(c, station, "confirmation", client)).status).toBe(429);
    expect(c.output()).toMatch(/Rate limit "feedback-[^"]+": Redis did not answer .*counting in this process's memory/);
    expect((await fetch(`${c.origin}/stations/${station}`)).status).toBe(200);
  });
});
