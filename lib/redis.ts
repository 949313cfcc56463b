import { createClient, type RedisClientType } from "redis";
import { env } from "@/lib/env";

export type RedisClient = RedisClientType<{}, {}, {}, 3>;

/**
 * A connection to Redis that never makes its callers wait for it: it connects in the background and,
 * until it is ready or while it reconnects, commands fail at once (no offline queue), so a rate limiter
 * applies its own failure policy instead of holding a request. Every key gets `keyPrefix`.
 */
export function createRedisClient(url: string, keyPrefix: string): RedisClient {
  const client = createClient({
    url,
    keyPrefix,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
  });
  // The connection alone must not keep a process alive: a script that builds the auth (creating a user
  // hashes the password with it) would otherwise never exit. A server stays up for its HTTP listener.
  client.unref();
  let lastReport = 0;
  client.on("error", (error: Error) => {
    // node-redis reports every failed reconnect; one line every half minute says the same.
    if (Date.now() - lastReport < 30_000) return;
    lastReport = Date.now();
    console.error(`Redis at ${redactedUrl(url)}: ${error.message}`);
  });
  // Settles at the first connection or the first failure: requests arriving while the process has just
  // started wait for that, not for every retry of a Redis that is down.
  firstAttempts.set(
    client,
    new Promise<void>((resolve) => {
      client.once("ready", resolve);
      client.once("error", resolve);
    }),
  );
  // A failed first connection is reported through "error" above and retried by the reconnect strategy.
  client.connect().catch(() => undefined);
  return client;
}

const firstAttempts = new WeakMap<RedisClient, Promise<void>>();

/** Resolves once the client's first connection attempt has succeeded or failed. */
export function firstConnectionAttempt(client: RedisClient): Promise<void> {
  return firstAttempts.get(client) ?? Promise.resolve();
}

function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

// One client per process; kept on globalThis like the Prisma client, so dev reloads share it.
const globalForRedis = globalThis as unknown as { redis?: RedisClient | null };

/** The process's Redis client, or null when REDIS_URL is unset and everything stays in memory. */
export function getRedis(): RedisClient | null {
  if (globalForRedis.redis === undefined) {
    globalForRedis.redis = env.REDIS_URL ? createRedisClient(env.REDIS_URL, env.REDIS_KEY_PREFIX) : null;
  }
  return globalForRedis.redis;
}
