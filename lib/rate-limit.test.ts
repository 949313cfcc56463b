import { describe, expect, it } from "vitest";
import { createRateLimiter, strictest } from "@/lib/rate-limit";

describe("createRateLimiter", () => {
  it("allows the rule's points per key, then refuses with the wait until the window ends", async () => {
    const limiter = createRateLimiter({ name: "test-points", points: 3, durationSeconds: 600 });
    for (let i = 0; i < 3; i++) expect(await limiter.consume("a")).toEqual({ allowed: true });
    const refused = await limiter.consume("a");
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.retryAfterSeconds).toBeGreaterThan(590);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(600);
    }
    expect(await limiter.consume("b")).toEqual({ allowed: true });
  });
});

describe("check and reset", () => {
  it("check spends nothing; reset gives the key its points back", async () => {
    const limiter = createRateLimiter({ name: "test-check", points: 2, durationSeconds: 600 });
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
  it("refuses when any limit refuses, for the longest wait", () => {
    expect(strictest([{ allowed: true }, { allowed: true }])).toEqual({ allowed: true });
    expect(strictest([{ allowed: false, retryAfterSeconds: 30 }, { allowed: true }, { allowed: false, retryAfterSeconds: 3000 }])).toEqual({
      allowed: false,
      retryAfterSeconds: 3000,
    });
  });
});
