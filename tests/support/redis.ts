import { randomUUID } from "node:crypto";
import { createClient } from "redis";
import { env } from "@/lib/env";
import type { RedisClient } from "@/lib/redis";

export { deleteKeys } from "@/scripts/lib/redis-keys";

/** The Redis the tests share: REDIS_URL, or the one these machines run locally (database 5, kept for tests). */
export const testRedisUrl = env.REDIS_URL ?? "redis://127.0.0.1:6379/5";

/** Null when the Redis answers PING within a second, else why not: tests that need it skip with the reason. */
export async function redisUnavailableReason(url = testRedisUrl): Promise<string | null> {
  const probe = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  probe.on("error", () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return null;
  } catch (error) {
    return `no Redis at ${url} (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    if (probe.isOpen) probe.destroy();
  }
}

/** A key prefix of its own for one test, so runs never see each other's counts. */
export function uniqueKeyPrefix(label: string): string {
  return `yizhan-test:${label}:${randomUUID().slice(0, 8)}:`;
}

/** Waits until a client from createRedisClient is connected (it connects in the background). */
export async function connected(client: RedisClient): Promise<RedisClient> {
  for (let i = 0; i < 100 && !client.isReady; i++) await new Promise((r) => setTimeout(r, 20));
  if (!client.isReady) throw new Error("Redis client did not connect");
  return client;
}
