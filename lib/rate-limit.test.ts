import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRateLimiter, strictest, type RateLimitRule } from "@/lib/rate-limit";
import { createRedisClient, type RedisClient } from "@/lib/redis";
import { connected, deleteKeys, redisUnavailableReason, testRedisUrl, uniqueKeyPrefix } from "@/tests/support/redis";

const rule = (name: string, points: number, whenStoreFails: RateLimitRule["whenStoreFails"] = "memory"): RateLimitRule => ({
  name,
  points,
  durationSeconds: 600,
  whenStoreFails,
});

describe("createRateLimiter in memory", () => {
  it("allows the rule's points per key, then refuses with the wait until the window ends", async () => {
    const limiter = createRateLimiter(rule("test-points", 3), null);
    for (let i = 0; i < 3; i++) expect(await limiter.consume("a")).toEqual({ allowed: true });
    const refused = await limiter.consume("a");
    expect(refused).toMatchObject({ allowed: false, reason: "limited" });
    if (!refused.allowed) {
      expect(refused.retryAfterSeconds).toBeGreaterThan(590);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(600);
    }
    expect(await limiter.consume("b")).toEqual({ allowed: true });
  });

  it("check spends nothing; reset gives the key its points back", async () => {
    const limiter = createRateLimiter(rule("test-check", 2), null);
    expect(await limiter.check("a")).toEqual({ allowed: true });
    await limiter.consume("a");
    expect(await limiter.check("a")).toEqual({ allowed: true });
    await limiter.consume("a");
    expect((await limiter.check("a")).allowed).toBe(false);
    expect((await limiter.check("a")).allowed).toBe(false);
    await limiter.reset("a");
    expect(await limiter.check("a")).toEqual({ allowed: true });
    expect(await limiter.consume("a")).toEqual({ allowed: true });
  });
});

describe("strictest", () => {
  it("refuses when any limit refuses, for the longest wait, as unavailable if any store was", () => {
    expect(strictest([{ allowed: true }, { allowed: true }])).toEqual({ allowed: true });
    expect(
      strictest([{ allowed: false, retryAfterSeconds: 30, reason: "limited" }, { allowed: true }, { allowed: false, retryAfterSeconds: 3000, reason: "limited" }]),
    ).toEqual({ allowed: false, retryAfterSeconds: 3000, reason: "limited" });
    expect(strictest([{ allowed: false, retryAfterSeconds: 30, reason: "unavailable" }, { allowed: false, retryAfterSeconds: 300, reason: "limited" }])).toEqual({
      allowed: false,
      retryAfterSeconds: 300,
      reason: "unavailable",
    });
  });
});

const redisMissing = await redisUnavailableReason();

describe.skipIf(redisMissing)(`createRateLimiter on Redis${redisMissing ? ` — skipped: ${redisMissing}` : ""}`, () => {
  const prefix = uniqueKeyPrefix("rate-limit");
  const clients: RedisClient[] = [];
  let instanceA: RedisClient;
  let instanceB: RedisClient;
  beforeAll(async () => {
    // Two clients stand for two app instances sharing one Redis.
    instanceA = await connected(createRedisClient(testRedisUrl, prefix));
    instanceB = await connected(createRedisClient(testRedisUrl, prefix));
    clients.push(instanceA, instanceB);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await deleteKeys(testRedisUrl, prefix);
  });

  it("counts one key together across instances, and check and reset see the shared count", async () => {
    const onA = createRateLimiter(rule("shared", 3), instanceA);
    const onB = createRateLimiter(rule("shared", 3), instanceB);
    expect(await onA.consume("client-1")).toEqual({ allowed: true });
    expect(await onB.consume("client-1")).toEqual({ allowed: true });
    expect(await onA.consume("client-1")).toEqual({ allowed: true });
    expect(await onB.check("client-1")).toMatchObject({ allowed: false, reason: "limited" });
    const refused = await onB.consume("client-1");
    expect(refused).toMatchObject({ allowed: false, reason: "limited" });
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThan(590);
    expect(await onA.consume("client-2")).toEqual({ allowed: true });
    await onB.reset("client-1");
    expect(await onA.check("client-1")).toEqual({ allowed: true });
  });

  it("waits for a client that is still making its first connection instead of treating Redis as down", async () => {
    const justStarted = createRedisClient(testRedisUrl, prefix);
    clients.push(justStarted);
    const limiter = createRateLimiter(rule("first-request", 1, "refuse"), justStarted);
    expect(justStarted.isReady).toBe(false);
    expect(await limiter.consume("k")).toEqual({ allowed: true });
    expect(await limiter.consume("k")).toMatchObject({ allowed: false, reason: "limited" });
  });

  it("stores only keyed hashes of the keys, under the configured prefix", async () => {
    const limiter = createRateLimiter(rule("hashed", 5), instanceA);
    await limiter.consume("203.0.113.7|typed-password-by-mistake");
    const raw = await connected(createRedisClient(testRedisUrl, ""));
    clients.push(raw);
    const keys = await raw.keys(`${prefix}*hashed*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(new RegExp(`^${prefix}rate-limit:hashed:[A-Za-z0-9_-]{43}$`));
    expect(keys[0]).not.toContain("203.0.113.7");
  });
});

describe("createRateLimiter while Redis is down", () => {
  // Nothing listens on port 1: every command fails at once, as during an outage.
  let down: RedisClient;
  beforeAll(() => {
    down = createRedisClient("redis://127.0.0.1:1", "unused:");
  });
  afterAll(() => down.destroy());

  it('"memory" keeps limiting in this process, and says so in the log once', async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const limiter = createRateLimiter(rule("fallback", 2, "memory"), down);
      expect(await limiter.consume("k")).toEqual({ allowed: true });
      expect(await limiter.consume("k")).toEqual({ allowed: true });
      expect(await limiter.consume("k")).toMatchObject({ allowed: false, reason: "limited" });
      expect(await limiter.check("k")).toMatchObject({ allowed: false, reason: "limited" });
      await limiter.reset("k");
      expect(await limiter.consume("k")).toEqual({ allowed: true });
      const reports = log.mock.calls.filter(([line]) => String(line).startsWith('Rate limit "fallback"'));
      expect(reports).toHaveLength(1);
      expect(String(reports[0][0])).toContain("counting in this process's memory");
    } finally {
      log.mockRestore();
    }
  });

  it('"refuse" refuses everything as unavailable, never as the client\'s fault', async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const limiter = createRateLimiter(rule("strict", 2, "refuse"), down);
      for (let i = 0; i < 3; i++) expect(await limiter.consume("k")).toEqual({ allowed: false, retryAfterSeconds: 30, reason: "unavailable" });
      expect(await limiter.check("k")).toEqual({ allowed: false, retryAfterSeconds: 30, reason: "unavailable" });
      await expect(limiter.reset("k")).resolves.toBeUndefined();
      expect(log.mock.calls.some(([line]) => String(line).includes("refusing every request"))).toBe(true);
    } finally {
      log.mockRestore();
    }
  });
});
