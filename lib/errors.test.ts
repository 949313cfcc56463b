import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, isDatabaseUnavailable, toErrorBody } from "@/lib/errors";
import * as z from "zod";
import "@/lib/validations/zod";
import { freePort } from "@/scripts/lib/test-database";

/** The error a real query raises against `url`, through the same client the app uses. */
async function queryError(url: string, query: "raw" | "model"): Promise<unknown> {
  const db = createPrismaClient(url, 1);
  try {
    await (query === "raw" ? db.$queryRaw`SELECT 1` : db.city.findMany());
  } catch (error) {
    return error;
  } finally {
    await db.$disconnect();
  }
  throw new Error("the query succeeded");
}

describe("isDatabaseUnavailable and the 503 answer", () => {
  // A server that accepts connections and drops them at once, as a database going down mid-handshake does.
  const dropping = net.createServer((socket) => socket.destroy());
  afterAll(() => new Promise<void>((resolve) => dropping.close(() => resolve())));

  it("maps a refused connection, for SQL and model queries, to 503 database_unavailable with Retry-After", async () => {
    const url = `postgresql://postgres@127.0.0.1:${await freePort()}/none`;
    for (const query of ["raw", "model"] as const) {
      const error = await queryError(url, query);
      expect(isDatabaseUnavailable(error), query).toBe(true);
      const answer = toErrorBody(error);
      expect(answer.status).toBe(503);
      expect(answer.body.error.code).toBe("database_unavailable");
      expect(answer.headers["Retry-After"]).toBe("5");
      // Nothing about the server (host, port, driver) reaches the client.
      expect(JSON.stringify(answer.body)).not.toMatch(/127\.0\.0\.1|ECONN|Prisma|postgres/i);
    }
  });

  it("maps a connection the server drops to 503", async () => {
    const port = await freePort();
    await new Promise<void>((resolve) => dropping.listen(port, "127.0.0.1", resolve));
    const error = await queryError(`postgresql://postgres@127.0.0.1:${port}/none`, "raw");
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toErrorBody(error).status).toBe(503);
  });

  it.skipIf(!env.DATABASE_URL)("leaves a wrong query, and errors that are not about the database, as they were", async () => {
    const db = createPrismaClient(env.DATABASE_URL!, 1);
    const sqlError = await db.$queryRaw`SELECT * FROM no_such_table`.then(
      () => null,
      (error: unknown) => error,
    );
    await db.$disconnect();
    expect(isDatabaseUnavailable(sqlError)).toBe(false);
    expect(toErrorBody(sqlError).status).toBe(500);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(toErrorBody(new AppError("not_found", "没有")).status).toBe(404);
    expect(toErrorBody(z.object({ a: z.string() }).safeParse({}).error).status).toBe(400);
    expect(toErrorBody(new AppError("not_found", "没有")).headers).toEqual({});
  });
});
