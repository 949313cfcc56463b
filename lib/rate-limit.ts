import "server-only";
import { createHmac } from "node:crypto";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { authSecret } from "@/lib/env";
import { firstConnectionAttempt, getRedis, type RedisClient } from "@/lib/redis";

export type RateLimitRule = {
  name: string;
  points: number;
  durationSeconds: number;
  /**
   * What the limit does while the shared store (Redis) cannot answer: "memory" keeps counting in this
   * process alone (each instance then allows the full budget), "refuse" refuses everything until Redis is
   * back, for limits that must not become looser unnoticed. Unused without REDIS_URL.
   */
  whenStoreFails: "memory" | "refuse";
};
export type RateLimitDecision =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; reason: "limited" | "unavailable" };

/** How long a limit waits for Redis before treating it as down: a request must not hang on it. */
export const STORE_TIMEOUT_MS = 1000;
/** What a "refuse" limit tells the client to wait while Redis is down. */
const UNAVAILABLE_RETRY_SECONDS = 30;

/**
 * The one seam between the app and a rate-limit store. Without REDIS_URL each process counts in its own
 * memory; with it every instance shares the counts in Redis (RateLimiterRedis), with the rule's
 * `whenStoreFails` deciding what happens while Redis is down.
 */
export interface RateLimiter {
  consume(key: string): Promise<RateLimitDecision>;
  /** Whether the key has points left, without spending one. */
  check(key: string): Promise<RateLimitDecision>;
  /** Forgets the key's spent points (after a successful sign-in, say). */
  reset(key: string): Promise<void>;
}

const allowed: RateLimitDecision = { allowed: true };

/** Thrown where a limit that refuses without its store cannot answer with a decision (better-auth's storage). */
export class RateLimitStoreUnavailable extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("The rate-limit store (Redis) is unavailable");
    this.name = "RateLimitStoreUnavailable";
  }
}

export function createRateLimiter(rule: RateLimitRule, redis: RedisClient | null = getRedis()): RateLimiter {
  const options = { keyPrefix: `rate-limit:${rule.name}`, points: rule.points, duration: rule.durationSeconds };
  const memory = new RateLimiterMemory(options);
  // Not RLF's insuranceLimiter: a fallback must be logged, and a "refuse" rule has none.
  const shared = redis ? new RateLimiterRedis({ ...options, storeClient: redis, useRedisPackage: true, rejectIfRedisNotReady: true }) : null;
  const reportFailure = failureReporter(rule);

  async function decide(run: (store: RateLimiterAbstract) => Promise<RateLimitDecision>): Promise<RateLimitDecision> {
    if (!redis || !shared) return run(memory);
    try {
      // Just after start the client may still be connecting: the first attempt counts within the timeout.
      return await withTimeout(firstConnectionAttempt(redis).then(() => run(shared)), STORE_TIMEOUT_MS);
    } catch (error) {
      reportFailure(error);
      return rule.whenStoreFails === "memory" ? run(memory) : { allowed: false, retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS, reason: "unavailable" };
    }
  }

  return {
    consume(key) {
      const storeKey = hashKey(key);
      return decide(async (store) => {
        try {
          await store.consume(storeKey);
          return allowed;
        } catch (rejection) {
          // A store failure is not the client's fault: rethrow it rather than answer 429.
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          return refusal(rejection);
        }
      });
    },
    check(key) {
      const storeKey = hashKey(key);
      return decide(async (store) => {
        const state = await store.get(storeKey);
        return state && state.consumedPoints >= rule.points ? refusal(state) : allowed;
      });
    },
    async reset(key) {
      const storeKey = hashKey(key);
      await memory.delete(storeKey);
      // A count Redis keeps for a while longer only delays someone already refused; not worth failing for.
      if (shared) await withTimeout(shared.delete(storeKey), STORE_TIMEOUT_MS).catch(reportFailure);
    },
  };
}

function refusal(state: RateLimiterRes): RateLimitDecision {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)), reason: "limited" };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Logs that Redis failed a limit, at most every half minute per limit: an outage must be seen, not flood the log. */
function failureReporter(rule: RateLimitRule): (error: unknown) => void {
  let lastReport = 0;
  return (error) => {
    if (Date.now() - lastReport < 30_000) return;
    lastReport = Date.now();
    const meanwhile = rule.whenStoreFails === "memory" ? "counting in this process's memory meanwhile" : "refusing every request until it is back";
    console.error(`Rate limit "${rule.name}": Redis did not answer (${error instanceof Error ? error.message : String(error)}); ${meanwhile}`);
  };
}

// Keys name people (addresses, typed user names, sometimes a password typed into the wrong field), and
// Redis is shared and inspectable: the store only ever sees a keyed hash. Derived from AUTH_SECRET, which
// every instance shares already, so all instances hash a key alike.
const keyHashKey = createHmac("sha256", authSecret()).update("rate-limit-keys").digest();

function hashKey(key: string): string {
  return createHmac("sha256", keyHashKey).update(key).digest("base64url");
}

/** Several limits charged together: refused if any refuses, for as long as the longest wait. */
export function strictest(decisions: RateLimitDecision[]): RateLimitDecision {
  const refusals = decisions.flatMap((d) => (d.allowed ? [] : [d]));
  if (!refusals.length) return allowed;
  return {
    allowed: false,
    retryAfterSeconds: Math.max(...refusals.map((d) => d.retryAfterSeconds)),
    reason: refusals.some((d) => d.reason === "unavailable") ? "unavailable" : "limited",
  };
}

// A reader confirms or reports a station a handful of times at most; a flood from one client across
// many stations is capped separately. The client is known only by a forwarded address it could forge,
// so each station also has a cap of its own that no choice of address gets round. While Redis is down
// they count per process: a public form should keep working, and the per-station cap still holds in
// each instance.
export const FEEDBACK_LIMITS = {
  perStation: { name: "feedback-station", points: 5, durationSeconds: 10 * 60, whenStoreFails: "memory" },
  perClient: { name: "feedback-client", points: 30, durationSeconds: 60 * 60, whenStoreFails: "memory" },
  stationTotal: { name: "feedback-station-total", points: 60, durationSeconds: 60 * 60, whenStoreFails: "memory" },
} satisfies Record<string, RateLimitRule>;

// Made on first use, not at import: `next build` imports the route without any Redis to talk to.
let feedbackLimiters: Record<keyof typeof FEEDBACK_LIMITS, RateLimiter> | undefined;

/**
 * Charges one feedback submission from a client (its address) about a station (a validated, lower-case
 * id). The station's total is charged first: once it refuses, forged addresses add no new keys.
 */
export async function limitFeedback(client: string, stationId: string): Promise<RateLimitDecision> {
  feedbackLimiters ??= {
    perStation: createRateLimiter(FEEDBACK_LIMITS.perStation),
    perClient: createRateLimiter(FEEDBACK_LIMITS.perClient),
    stationTotal: createRateLimiter(FEEDBACK_LIMITS.stationTotal),
  };
  const total = await feedbackLimiters.stationTotal.consume(stationId);
  if (!total.allowed) return total;
  return strictest(await Promise.all([feedbackLimiters.perStation.consume(`${client}:${stationId}`), feedbackLimiters.perClient.consume(client)]));
}
