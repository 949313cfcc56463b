import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { env } from "@/lib/env";
import { isDatabaseUnavailable } from "@/lib/errors";
import { freePort } from "@/scripts/lib/test-database";

describe("the connection pool's timeouts", () => {
  // A server that accepts connections and never answers: an unreachable database that does not refuse.
  const sockets: net.Socket[] = [];
  const silent = net.createServer((socket) => sockets.push(socket));
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it("gives up opening a connection after DATABASE_CONNECT_TIMEOUT_MS, as unavailable", async () => {
    const port = await freePort();
    await new Promise<void>((resolve) => silent.listen(port, "127.0.0.1", resolve));
    const db = createPrismaClient(`postgresql://postgres@127.0.0.1:${port}/none`, 1);
    const started = performance.now();
    const error = await db.$queryRaw`SELECT 1`.then(
      () => null,
      (e: unknown) => e,
    );
    const waited = performance.now() - started;
    await db.$disconnect();
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(env.DATABASE_CONNECT_TIMEOUT_MS - 50);
    expect(waited).toBeLessThan(env.DATABASE_CONNECT_TIMEOUT_MS + 3000);
  });

  it.skipIf(!env.DATABASE_URL)("lets a query queue behind a busy connection for longer than the connect timeout", async () => {
    const db = createPrismaClient(env.DATABASE_URL!, 1);
    try {
      // Both at once (a Prisma query starts when awaited): the second waits for the one connection.
      const [, queued] = await Promise.all([
        db.$queryRaw`SELECT 1 FROM pg_sleep(${(env.DATABASE_CONNECT_TIMEOUT_MS + 500) / 1000})`,
        db.$queryRaw<{ one: number }[]>`SELECT 1 AS one`,
      ]);
      expect(queued).toEqual([{ one: 1 }]);
    } finally {
      await db.$disconnect();
    }
  });
});
