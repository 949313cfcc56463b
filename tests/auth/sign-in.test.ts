import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...all]/route";
import { createAuth, handleAuthRequest, SIGN_IN_ACCOUNT_LIMIT, SIGN_IN_RATE_LIMIT, type Auth } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { createRedisClient, type RedisClient } from "@/lib/redis";
import { AppError } from "@/lib/errors";
import { getRequestActor } from "@/lib/server/auth/get-request-actor";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";

const system: SystemActor = { kind: "system", label: "system:test-auth" };
const password = "correct horse battery";
// Unique per run, so a run that died before its cleanup does not collide with the next one.
const suffix = randomUUID().slice(0, 8);
const createdIds: string[] = [];

let manager: Awaited<ReturnType<typeof createUser>>;
let retired: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  manager = await createUser(system, {
    username: `Mgr_${suffix}`,
    email: `Mgr.${suffix}@example.cn`,
    password,
    name: "沈阳经理",
    role: { role: "CITY_MANAGER", cityAdcode: 210100 },
  });
  retired = await createUser(system, { username: `old_${suffix}`, email: `old.${suffix}@example.cn`, password, name: "离职员工" });
  createdIds.push(manager.id, retired.id);
  await getDb().user.update({ where: { id: retired.id }, data: { deactivatedAt: new Date() } });
});

// Deleting the users cascades to their accounts, sessions and roles; their audit rows stay (append-only).
afterAll(async () => {
  await getDb().user.deleteMany({ where: { id: { in: createdIds } } });
});

// Each test signs in from an address of its own, so the in-memory limiter of one does not refuse another.
function newClient(): string {
  const [a, b] = randomUUID().split("-");
  return `2001:db8:${a.slice(0, 4)}:${b}::1`;
}

function post(path: string, body: unknown, { client = newClient(), cookie }: { client?: string; cookie?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", origin: "http://localhost", "x-forwarded-for": client };
  if (cookie) headers.cookie = cookie;
  return authPost(new Request(`http://localhost/api/auth${path}`, { method: "POST", headers, body: JSON.stringify(body) }));
}

/** The cookies a response sets, as a request's Cookie header would carry them back. */
function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

describe("createUser", () => {
  it("stores lower-case username and email, the display name as typed, and no plain password", async () => {
    const row = await getDb().user.findUniqueOrThrow({ where: { id: manager.id }, include: { accounts: true, roles: true } });
    expect(row).toMatchObject({ username: `mgr_${suffix}`, displayUsername: `Mgr_${suffix}`, email: `mgr.${suffix}@example.cn` });
    expect(row.accounts).toHaveLength(1);
    expect(row.accounts[0]).toMatchObject({ providerId: "credential", accountId: manager.id });
    expect(row.accounts[0].password).not.toContain(password);
    expect(row.roles).toMatchObject([{ role: "CITY_MANAGER", cityAdcode: 210100, stationId: null }]);
  });

  it("audits the user and the role, without the password", async () => {
    const events = await getDb().auditEvent.findMany({ where: { entityId: manager.id } });
    expect(events).toMatchObject([{ entity: "user", action: "CREATE", actorLabel: "system:test-auth", actorUserId: null }]);
    expect(JSON.stringify(events[0].after)).not.toContain(password);
    const role = await getDb().auditEvent.findFirst({ where: { entity: "role_assignment", after: { path: ["userId"], equals: manager.id } } });
    expect(role).toMatchObject({ action: "CREATE", cityAdcode: 210100 });
  });

  it("refuses anonymous callers, users without the admin role, a taken username and bad input", async () => {
    const input = { username: `x_${suffix}`, email: `x.${suffix}@example.cn`, password, name: "某人" };
    await expect(createUser({ kind: "anonymous" }, input)).rejects.toMatchObject({ code: "unauthenticated" });
    const staff = { kind: "user" as const, userId: manager.id, label: "user:m", roles: [{ role: "CITY_MANAGER" as const, cityAdcode: 210100, stationId: null }] };
    await expect(createUser(staff, input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createUser(system, { ...input, username: `MGR_${suffix}` })).rejects.toMatchObject({ code: "conflict" });
    const invalid = await createUser(system, { ...input, username: "a b", password: "short" }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(AppError);
    expect((invalid as AppError).details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "username" }), expect.objectContaining({ path: "password" })]),
    );
    expect(await getDb().user.count({ where: { username: `x_${suffix}` } })).toBe(0);
  });
});

describe("sign-in through /api/auth", () => {
  it("signs in by username (any case), and the session resolves to the user actor with its roles", async () => {
    const response = await post("/sign-in/username", { username: `MGR_${suffix}`, password });
    expect(response.status).toBe(200);
    const cookie = cookieHeader(response);
    expect(cookie).toMatch(/better-auth\.session_token=/);
    const actor = await getRequestActor(new Headers({ cookie }));
    expect(actor).toEqual({
      kind: "user",
      userId: manager.id,
      label: `user:mgr_${suffix}`,
      roles: [{ role: "CITY_MANAGER", cityAdcode: 210100, stationId: null }],
    });
    // The session lasts a working day.
    const session = await authGet(new Request("http://localhost/api/auth/get-session", { headers: { cookie } }));
    const { session: s } = await session.json();
    const hours = (new Date(s.expiresAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);
  });

  it("signs in by email, and signing out ends the session", async () => {
    const response = await post("/sign-in/email", { email: `MGR.${suffix}@example.cn`, password });
    expect(response.status).toBe(200);
    const cookie = cookieHeader(response);
    expect((await getRequestActor(new Headers({ cookie }))).kind).toBe("user");
    const out = await post("/sign-out", {}, { cookie });
    expect(out.status).toBe(200);
    expect(await getRequestActor(new Headers({ cookie }))).toEqual({ kind: "anonymous" });
  });

  it("signing out on all devices ends every session of the account, not only this one", async () => {
    const phone = cookieHeader(await post("/sign-in/username", { username: `mgr_${suffix}`, password }));
    const desktop = cookieHeader(await post("/sign-in/username", { username: `mgr_${suffix}`, password }));
    expect((await getRequestActor(new Headers({ cookie: phone }))).kind).toBe("user");
    const out = await post("/revoke-sessions", {}, { cookie: desktop });
    expect(out.status).toBe(200);
    expect(await getRequestActor(new Headers({ cookie: phone }))).toEqual({ kind: "anonymous" });
    expect(await getRequestActor(new Headers({ cookie: desktop }))).toEqual({ kind: "anonymous" });
    expect(await getDb().session.count({ where: { userId: manager.id } })).toBe(0);
  });

  it("accepts a sign-in over a stale cookie from the site's own host, and refuses it from another site", async () => {
    // As `next start` passes it: the URL says localhost, the Host header says where the browser was.
    const attempt = (origin: string) =>
      authPost(
        new Request("http://localhost/api/auth/sign-in/username", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            host: "yizhan.example.cn:3100",
            origin,
            cookie: "better-auth.session_token=ended.session",
            "x-forwarded-for": newClient(),
          },
          body: JSON.stringify({ username: `mgr_${suffix}`, password }),
        }),
      );
    expect((await attempt("http://yizhan.example.cn:3100")).status).toBe(200);
    expect((await attempt("https://evil.example.com")).status).toBe(403);
  });

  it("is anonymous without a cookie or with a forged one", async () => {
    expect(await getRequestActor(new Headers())).toEqual({ kind: "anonymous" });
    expect(await getRequestActor(new Headers({ cookie: "better-auth.session_token=forged.value" }))).toEqual({ kind: "anonymous" });
  });

  it("answers a wrong password, an unknown user and a deactivated user alike, and sets no cookie", async () => {
    const answers = await Promise.all(
      [
        { username: `mgr_${suffix}`, password: "wrong password!" },
        { username: `nobody_${suffix}`, password },
        { username: `old_${suffix}`, password },
      ].map(async (body) => {
        const response = await post("/sign-in/username", body);
        return { status: response.status, cookie: cookieHeader(response), body: await response.json() };
      }),
    );
    for (const answer of answers) {
      expect(answer).toEqual({ status: 401, cookie: "", body: answers[0].body });
    }
    expect(answers[0].body).toMatchObject({ code: "INVALID_USERNAME_OR_PASSWORD" });
    expect(await getDb().session.count({ where: { userId: retired.id } })).toBe(0);
  });

  it("keeps a deactivated user out by email too, and ends their existing sessions' effect at once", async () => {
    const byEmail = await post("/sign-in/email", { email: `old.${suffix}@example.cn`, password });
    expect(byEmail.status).toBe(401);
    // A session made before deactivation no longer makes its holder a user.
    const before = await post("/sign-in/username", { username: `mgr_${suffix}`, password });
    const cookie = cookieHeader(before);
    await getDb().user.update({ where: { id: manager.id }, data: { deactivatedAt: new Date() } });
    try {
      expect(await getRequestActor(new Headers({ cookie }))).toEqual({ kind: "anonymous" });
    } finally {
      await getDb().user.update({ where: { id: manager.id }, data: { deactivatedAt: null } });
    }
  });

  it(`refuses sign-in after ${SIGN_IN_RATE_LIMIT.max} attempts a minute from one address`, async () => {
    const client = newClient();
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_RATE_LIMIT.max + 2; i++) {
      const response = await post("/sign-in/username", { username: `mgr_${suffix}`, password: "wrong password!" }, { client });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array(SIGN_IN_RATE_LIMIT.max).fill(401), 429, 429]);
    // Even the right password is refused until the window passes; another address is not affected.
    expect((await post("/sign-in/username", { username: `mgr_${suffix}`, password }, { client })).status).toBe(429);
    expect((await post("/sign-in/username", { username: `mgr_${suffix}`, password })).status).toBe(200);
  });

  it(`refuses an account after ${SIGN_IN_ACCOUNT_LIMIT.points} failed sign-ins, from any addresses, by username or email`, async () => {
    const target = await createUser(system, { username: `tgt_${suffix}`, email: `tgt.${suffix}@example.cn`, password, name: "被猜密码的人" });
    createdIds.push(target.id);
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_ACCOUNT_LIMIT.points; i++) {
      // Every attempt from a new address, half by email: the per-address limit never trips.
      const body = i % 2 ? { email: `tgt.${suffix}@example.cn`, password: `guess ${i}!!` } : { username: `tgt_${suffix}`, password: `guess ${i}!!` };
      statuses.push((await post(i % 2 ? "/sign-in/email" : "/sign-in/username", body)).status);
    }
    expect(statuses).toEqual(Array(SIGN_IN_ACCOUNT_LIMIT.points).fill(401));
    const locked = await post("/sign-in/username", { username: `TGT_${suffix}`, password });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(SIGN_IN_ACCOUNT_LIMIT.durationSeconds - 60);
    expect(cookieHeader(locked)).toBe("");
    // Other accounts are not affected.
    expect((await post("/sign-in/username", { username: `mgr_${suffix}`, password })).status).toBe(200);
  });

  it("counts a name that matches no account the same way, so the limit does not reveal which exist", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_ACCOUNT_LIMIT.points; i++) {
      statuses.push((await post("/sign-in/username", { username: `ghost_${suffix}`, password: `guess ${i}!!` })).status);
    }
    expect(statuses).toEqual([...Array(SIGN_IN_ACCOUNT_LIMIT.points).fill(401), 429]);
  });

  it("clears an account's count when its owner signs in", async () => {
    const owner = await createUser(system, { username: `own_${suffix}`, email: `own.${suffix}@example.cn`, password, name: "记错密码的人" });
    createdIds.push(owner.id);
    const fail = () => post("/sign-in/username", { username: `own_${suffix}`, password: "not my password" });
    for (let i = 0; i < SIGN_IN_ACCOUNT_LIMIT.points - 1; i++) expect((await fail()).status).toBe(401);
    expect((await post("/sign-in/username", { username: `own_${suffix}`, password })).status).toBe(200);
    for (let i = 0; i < SIGN_IN_ACCOUNT_LIMIT.points - 1; i++) expect((await fail()).status).toBe(401);
  });

  it("has no self sign-up", async () => {
    const response = await post("/sign-up/email", { email: `new.${suffix}@example.cn`, password, name: "路人" });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await getDb().user.count({ where: { email: `new.${suffix}@example.cn` } })).toBe(0);
  });
});

describe("sign-in while Redis is down", () => {
  // Nothing listens on port 1: every rate-limit command fails at once, as during an outage.
  let down: RedisClient;
  let auth: Auth;
  beforeAll(() => {
    down = createRedisClient("redis://127.0.0.1:1", "unused:");
    auth = createAuth({ oidc: null, redis: down });
  });
  afterAll(() => down.destroy());

  const request = (path: string, init: RequestInit = {}) =>
    handleAuthRequest(
      auth,
      new Request(`http://localhost/api/auth${path}`, {
        ...init,
        headers: { "content-type": "application/json", origin: "http://localhost", "x-forwarded-for": newClient(), ...init.headers },
      }),
    );

  it("refuses password sign-ins with 503 and Retry-After rather than letting them through uncounted", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const response = await request("/sign-in/username", { method: "POST", body: JSON.stringify({ username: `mgr_${suffix}`, password }) });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("30");
      expect(await response.json()).toMatchObject({ code: "SIGN_IN_UNAVAILABLE" });
      expect(cookieHeader(response)).toBe("");
    } finally {
      log.mockRestore();
    }
  });

  it("keeps answering the other auth endpoints (session lookups, sign-out), counted per process meanwhile", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const response = await request("/get-session", { method: "GET" });
      expect(response.status).toBe(200);
      expect(await response.json()).toBeNull();
    } finally {
      log.mockRestore();
    }
  });
});
