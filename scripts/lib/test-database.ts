import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "@/lib/db";
import { startEmbeddedPostgres } from "@/lib/migrations/embedded-server";
import { applyMigrations } from "@/lib/migrations/schema-engine";
import { seedDatabase } from "@/lib/seed/seed-database";

export type TestDatabase = { url: string; kind: "postgresql" | "embedded"; drop(): Promise<void> };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A database of its own for one test run: a fresh database on the given PostgreSQL server, or a fresh
 * embedded PGlite in a temporary folder when there is none. Migrated and seeded with the sample.
 */
export async function provisionTestDatabase(serverUrl: string | undefined): Promise<TestDatabase> {
  let database: TestDatabase;
  if (serverUrl) {
    const name = `yizhan_test_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = {
      url: url.toString(),
      kind: "postgresql",
      async drop() {
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.end();
      },
    };
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "yizhan-test-db-"));
    const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    database = {
      url: embedded.connectionString,
      kind: "embedded",
      async drop() {
        await embedded.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  try {
    await applyMigrations(database.url);
    const db = createPrismaClient(database.url, 1);
    try {
      await seedDatabase(db);
    } finally {
      await db.$disconnect();
    }
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}
