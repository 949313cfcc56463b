import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export type RateLimitRule = { name: string; points: number; durationSeconds: number };
export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * The one seam between the app and a rate-limit store. Memory only holds for a single process; when
 * REDIS_URL arrives, `createRateLimiter` returns a RateLimiterRedis behind this same interface.
 */
export interface RateLimiter {
  consume(key: string): Promise<RateLimitDecision>;
  /** Whether the key has points left, without spending one. */
  check(key: string): Promise<RateLimitDecision>;
  /** Forgets the key's spent points (after a successful sign-in, say). */
  reset(key: string): Promise<void>;
}

export function createRateLimiter(rule: RateLimitRule): RateLimiter {
  const limiter = new RateLimiterMemory({ keyPrefix: rule.name, points: rule.points, duration: rule.durationSeconds });
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (rejection) {
        // A store failure is not the client's fault: rethrow it rather than answer 429.
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return refusal(rejection);
      }
    },
    async check(key) {
      const state = await limiter.get(key);
      return state && state.consumedPoints >= rule.points ? refusal(state) : { allowed: true };
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

function refusal(state: RateLimiterRes): RateLimitDecision {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)) };
}

/** Several limits charged together: refused if any refuses, for as long as the longest wait. */
export function strictest(decisions: RateLimitDecision[]): RateLimitDecision {
  const waits = decisions.flatMap((d) => (d.allowed ? [] : [d.retryAfterSeconds]));
  return waits.length ? { allowed: false, retryAfterSeconds: Math.max(...waits) } : { allowed: true };
}

// A reader confirms or reports a station a handful of times at most; a flood from one client across
// many stations is capped separately. The client is known only by a forwarded address it could forge,
// so each station also has a cap of its own that no choice of address gets round.
export const FEEDBACK_LIMITS = {
  perStation: { name: "feedback-station", points: 5, durationSeconds: 10 * 60 },
  perClient: { name: "feedback-client", points: 30, durationSeconds: 60 * 60 },
  stationTotal: { name: "feedback-station-total", points: 60, durationSeconds: 60 * 60 },
} satisfies Record<string, RateLimitRule>;

const feedbackPerStation = createRateLimiter(FEEDBACK_LIMITS.perStation);
const feedbackPerClient = createRateLimiter(FEEDBACK_LIMITS.perClient);
const feedbackStationTotal = createRateLimiter(FEEDBACK_LIMITS.stationTotal);

/**
 * Charges one feedback submission from a client (by its hash) about a station (a validated, lower-case
 * id). The station's total is charged first: once it refuses, forged addresses add no new keys.
 */
export async function limitFeedback(clientHash: string, stationId: string): Promise<RateLimitDecision> {
  const total = await feedbackStationTotal.consume(stationId);
  if (!total.allowed) return total;
  return strictest(await Promise.all([feedbackPerStation.consume(`${clientHash}:${stationId}`), feedbackPerClient.consume(clientHash)]));
}
