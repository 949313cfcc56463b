import { spawn } from "node:child_process";
import { access, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { childProcessEnv, env } from "@/lib/env";
import { startEmbeddedPostgres } from "@/lib/migrations/embedded-server";
import { applyMigrations } from "@/lib/migrations/schema-engine";
import { seedDatabase } from "@/lib/seed/seed-database";
import { serverKind } from "./support/server-kind";
import { freePort, provisionTestDatabase } from "@/scripts/lib/test-database";

/**
 * `npm run db:backup` and `npm run db:restore` as an operator runs them: back up a migrated, seeded database
 * with an audit log, restore into a fresh one, and every table (the migrations table and the append-only
 * audit_events included) must come back with the same rows, compared by count and checksum.
 */

type Checksums = Record<string, { rows: number; md5: string }>;

async function checksums(url: string): Promise<Checksums> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(
      `SELECT schemaname AS schema, tablename AS name FROM pg_tables
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    const result: Checksums = {};
    for (const { schema, name } of tables) {
      const { rows } = await client.query<{ rows: number; md5: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS md5 FROM "${schema}"."${name}" t`,
      );
      result[`${schema}.${name}`] = rows[0];
    }
    // Sequences too: a restored id counter behind its table would hand out taken ids.
    const { rows: sequences } = await client.query<{ name: string; last: string | null }>(
      `SELECT schemaname || '.' || sequencename AS name, last_value::text AS last FROM pg_sequences ORDER BY 1`,
    );
    for (const { name, last } of sequences) result[`sequence ${name}`] = { rows: 0, md5: String(last) };
    return result;
  } finally {
    await client.end();
  }
}

/** An audit event whose text needs escaping on its way through the dump. */
async function addAuditEvent(url: string, label: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`INSERT INTO audit_events (actor_label, entity, entity_id, action, after) VALUES ($1, 'station', 'backup-test', 'CREATE', $2)`, [
      label,
      { name: "工行驿站 \\ \"quoted\"\nnext line\ttab" },
    ]);
  } finally {
    await client.end();
  }
}

function expectComplete(sums: Checksums) {
  expect(sums["public._prisma_migrations"].rows).toBeGreaterThan(0);
  expect(sums["public.audit_events"].rows).toBeGreaterThan(0);
  expect(sums["public.stations"].rows).toBe(571);
}

function runScript(script: "db-backup" | "db-restore", args: string[], overrides: Record<string, string | undefined>) {
  return new Promise<{ code: number; output: string }>((resolve, reject) => {
    const child = spawn(path.join("node_modules", ".bin", "tsx"), [`scripts/${script}.ts`, ...args], {
      env: childProcessEnv(overrides),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "yizhan-backup-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

// pg_dump 15 can dump PostgreSQL up to 15, not PGlite's PostgreSQL 18.
const kind = await serverKind(env.DATABASE_URL);
const postgresName =
  kind === "postgresql"
    ? "PostgreSQL: pg_dump → pg_restore into an empty database, then --force over a changed one"
    : `PostgreSQL: pg_dump round trip — skipped: ${kind === "none" ? "no DATABASE_URL" : "DATABASE_URL is the embedded PGlite, whose backups are the data-folder archive tested above"}`;

describe("db:backup and db:restore", () => {
  it("embedded: data-folder archive → a fresh folder, refusing a running database and an occupied folder", async () => {
    const dir = await tempDir();
    const source = path.join(dir, "source");
    const running = await startEmbeddedPostgres({ dataDir: source, port: await freePort() });
    let before: Checksums;
    try {
      await applyMigrations(running.connectionString);
      const db = createPrismaClient(running.connectionString, 1);
      try {
        await seedDatabase(db);
      } finally {
        await db.$disconnect();
      }
      await addAuditEvent(running.connectionString, "test:backup embedded");
      before = await checksums(running.connectionString);

      // The data folder is open in the server (as in `npm start`): the backup must refuse, not copy it.
      const refused = await runScript("db-backup", [path.join(dir, "refused.tgz")], {
        DATABASE_URL: undefined,
        EMBEDDED_DB_DIR: source,
        EMBEDDED_DB_PORT: new URL(running.connectionString).port,
      });
      expect(refused.code).toBe(1);
      expect(refused.output).toContain("stop `npm start`");
    } finally {
      await running.stop();
    }
    expectComplete(before);

    const file = path.join(dir, "backup.tgz");
    const port = String(await freePort());
    const backup = await runScript("db-backup", [file], { DATABASE_URL: undefined, EMBEDDED_DB_DIR: source, EMBEDDED_DB_PORT: port });
    expect(backup.output).toContain(`→ ${file}`);
    expect(backup.code).toBe(0);

    const target = path.join(dir, "target");
    const restore = await runScript("db-restore", [file], { DATABASE_URL: undefined, EMBEDDED_DB_DIR: target, EMBEDDED_DB_PORT: port });
    expect(restore.output).toContain(`embedded database in ${target}`);
    expect(restore.code).toBe(0);
    const restored = await startEmbeddedPostgres({ dataDir: target, port: await freePort() });
    try {
      expect(await checksums(restored.connectionString)).toEqual(before);
    } finally {
      await restored.stop();
    }

    const again = await runScript("db-restore", [file], { DATABASE_URL: undefined, EMBEDDED_DB_DIR: target, EMBEDDED_DB_PORT: port });
    expect(again.code).toBe(1);
    expect(again.output).toContain("already holds an embedded database");
    const forced = await runScript("db-restore", [file, "--force"], { DATABASE_URL: undefined, EMBEDDED_DB_DIR: target, EMBEDDED_DB_PORT: port });
    expect(forced.output).toContain("the previous database was moved to");
    expect(forced.code).toBe(0);
    expect((await readdir(dir)).filter((name) => name.startsWith("target.before-restore-"))).toHaveLength(1);
    await access(path.join(target, "PG_VERSION"));
  }, 300_000);

  it.skipIf(kind !== "postgresql")(postgresName, async () => {
    const serverUrl = env.DATABASE_URL!;
    const source = await provisionTestDatabase(serverUrl);
    cleanups.push(() => source.drop());
    await addAuditEvent(source.url, "test:backup postgresql");
    const before = await checksums(source.url);
    expectComplete(before);

    const targetName = `yizhan_restore_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${targetName}"`);
    await admin.end();
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${targetName}" WITH (FORCE)`);
      await client.end();
    });
    const targetUrl = new URL(serverUrl);
    targetUrl.pathname = `/${targetName}`;

    const file = path.join(await tempDir(), "backup.dump");
    const backup = await runScript("db-backup", [file], { DATABASE_URL: source.url });
    expect(backup.output).toContain(`→ ${file}`);
    expect(backup.code).toBe(0);

    const restore = await runScript("db-restore", [file], { DATABASE_URL: targetUrl.toString() });
    expect(restore.output).toContain(`PostgreSQL database ${targetName}`);
    expect(restore.code).toBe(0);
    expect(await checksums(targetUrl.toString())).toEqual(before);

    // A changed database (one more audit event, which no DELETE can take back): refused, then --force
    // replaces every table of the backup, the audit log included.
    await addAuditEvent(targetUrl.toString(), "test:backup after restore");
    const refused = await runScript("db-restore", [file], { DATABASE_URL: targetUrl.toString() });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("pass --force");
    const forced = await runScript("db-restore", [file, "--force"], { DATABASE_URL: targetUrl.toString() });
    expect(forced.output).toContain("--force: the backup's tables were dropped and recreated");
    expect(forced.code).toBe(0);
    expect(await checksums(targetUrl.toString())).toEqual(before);
  }, 300_000);
});
