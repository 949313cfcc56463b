import { createClient } from "redis";

/** Deletes every key under `prefix` (SCAN, never FLUSHALL: the Redis may be shared); answers how many. */
export async function deleteKeys(url: string, prefix: string): Promise<number> {
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on("error", () => undefined);
  await client.connect();
  let deleted = 0;
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length) deleted += await client.del(keys);
    }
  } finally {
    client.destroy();
  }
  return deleted;
}
