import { execFile, spawn, type ChildProcess } from "node:child_process";
import { access, mkdir, open, readFile, rename, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { childProcessEnv, env } from "@/lib/env";
import { openEmbeddedDatabase } from "@/lib/migrations/embedded-server";

/**
 * db:backup and db:restore. Two kinds of backup file, told apart by their first bytes:
 * - PostgreSQL (DATABASE_URL): pg_dump's custom format, loaded by pg_restore and psql.
 * - embedded (no DATABASE_URL): PGlite's dumpDataDir(), a gzipped tar of the data folder, loaded by
 *   PGlite's loadDataDir. pg_dump cannot be used: PGlite is PostgreSQL 18 and pg_dump refuses servers
 *   newer than itself (15 here).
 * A backup restores only into the same kind of database.
 */

const run = promisify(execFile);

export type BackupKind = "postgresql" | "embedded";

/** UTC to the second, with no colons so the name is valid on every file system: 2026-11-27T05-09-19Z. */
function fileStamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "-");
}

export function defaultBackupPath(kind: BackupKind, now = new Date()): string {
  return path.join("backups", kind === "postgresql" ? `yizhan-${fileStamp(now)}.dump` : `yizhan-embedded-${fileStamp(now)}.tgz`);
}

/** pg_dump and psql take the password from the environment, so it stays out of the process list. */
function libpqTarget(databaseUrl: string): { dbname: string; childEnv: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { dbname: url.toString(), childEnv: childProcessEnv({ PGPASSWORD: password || undefined }) };
}

function pgTool(name: "pg_dump" | "pg_restore" | "psql"): string {
  return env.PG_BIN_DIR ? path.join(env.PG_BIN_DIR, name) : name;
}

export async function backupPostgres(databaseUrl: string, file: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const { dbname, childEnv } = libpqTarget(databaseUrl);
  try {
    await run(pgTool("pg_dump"), ["--format=custom", `--file=${file}`, `--dbname=${dbname}`], { env: childEnv });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message);
    const hint = /server version mismatch/.test(stderr)
      ? "\npg_dump must be at least as new as the server: install the server's client version and set PG_BIN_DIR (e.g. /usr/lib/postgresql/17/bin)."
      : "";
    throw new Error(`pg_dump failed:\n${stderr.trim()}${hint}`);
  }
}

/** Tables in the database's own schemas: a database with any is not empty (a restore would collide with them). */
export async function postgresTableCount(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND s.nspname NOT IN ('pg_catalog', 'information_schema') AND s.nspname NOT LIKE 'pg_toast%'`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

// pg_dump's script empties the search path; earthdistance's ll_to_earth is an SQL function whose body names
// the `earth` type unqualified, so the stations' CREATE INDEX on ll_to_earth() fails with `type "earth" does
// not exist`. The extensions live in public, which the restore therefore puts back on the path.
const EMPTY_SEARCH_PATH = Buffer.from("SELECT pg_catalog.set_config('search_path', '', false);");
const PUBLIC_SEARCH_PATH = Buffer.from("SELECT pg_catalog.set_config('search_path', 'public', false);");

/**
 * Loads a custom-format dump: pg_restore writes it as an SQL script, psql runs that in one transaction, so a
 * failure leaves the database as it was. The dump creates audit_events' append-only triggers after its data,
 * so the log loads like any table. `force` drops every object of the backup first (DROP TABLE is not refused
 * by those triggers, which guard UPDATE, DELETE and TRUNCATE); objects the backup does not have are left alone.
 * --no-owner: the restoring role owns what it creates, so a backup loads under another role name.
 */
export async function restorePostgres(databaseUrl: string, file: string, force: boolean): Promise<void> {
  const { dbname, childEnv } = libpqTarget(databaseUrl);
  const script = spawn(pgTool("pg_restore"), ["--no-owner", ...(force ? ["--clean", "--if-exists"] : []), "--file=-", file], { env: childEnv });
  const psql = spawn(pgTool("psql"), ["--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1", `--dbname=${dbname}`], {
    env: childEnv,
    stdio: ["pipe", "ignore", "pipe"],
  });
  const errors = { pg_restore: "", psql: "" };
  script.stderr.on("data", (chunk) => (errors.pg_restore += chunk));
  psql.stderr.on("data", (chunk) => (errors.psql += chunk));
  const exited = (child: ChildProcess) =>
    new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (code) => resolve(code ?? 1));
    });
  const psqlExited = exited(psql);
  // psql stops at the first error; pg_restore, with nowhere left to write, must stop too.
  psql.once("close", () => script.kill());
  psql.stdin.on("error", () => {});

  const send = (chunk: Buffer) => {
    if (!psql.stdin.write(chunk)) {
      script.stdout.pause();
      psql.stdin.once("drain", () => script.stdout.resume());
    }
  };
  let header: Buffer | null = Buffer.alloc(0);
  script.stdout.on("data", (chunk: Buffer) => {
    if (!header) return send(chunk);
    header = Buffer.concat([header, chunk]);
    const at = header.indexOf(EMPTY_SEARCH_PATH);
    // The line is in the script's first lines; past them the script is passed on as it is.
    if (at >= 0 || header.length > 65_536) {
      send(at >= 0 ? Buffer.concat([header.subarray(0, at), PUBLIC_SEARCH_PATH, header.subarray(at + EMPTY_SEARCH_PATH.length)]) : header);
      header = null;
    }
  });
  const scriptCode = await exited(script);
  if (header) send(header);
  // psql commits when its input ends: a script cut short by a failing pg_restore must be rolled back
  // instead, which ending psql without ending its input does.
  if (scriptCode === 0) psql.stdin.end();
  else psql.kill();
  const psqlCode = await psqlExited;
  if (psqlCode !== 0 && errors.psql) throw new Error(`psql failed, nothing was restored:\n${errors.psql.trim()}`);
  if (scriptCode !== 0) throw new Error(`pg_restore failed, nothing was restored:\n${errors.pg_restore.trim()}`);
  if (psqlCode !== 0) throw new Error(`psql exited with ${psqlCode}, nothing was restored.`);
}

/** PGlite has one process to itself: the data folder must not be open in a running `npm start`. */
export async function refuseIfEmbeddedRunning(port: number): Promise<void> {
  const listening = await new Promise<boolean>((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
  if (listening) {
    throw new Error(`Something listens on EMBEDDED_DB_PORT ${port}: stop \`npm start\` before backing up or restoring the embedded database.`);
  }
}

export async function backupEmbedded(dataDir: string, file: string): Promise<void> {
  if (!(await isEmbeddedDataDir(dataDir))) throw new Error(`No embedded database in ${path.resolve(dataDir)}.`);
  const db = await openEmbeddedDatabase(dataDir);
  try {
    const archive = await db.dumpDataDir("gzip");
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, Buffer.from(await archive.arrayBuffer()));
  } finally {
    await db.close();
  }
}

async function isEmbeddedDataDir(dataDir: string): Promise<boolean> {
  return access(path.join(dataDir, "PG_VERSION")).then(
    () => true,
    () => false,
  );
}

/**
 * Fills `dataDir` from a dumpDataDir() archive. With `force` an existing data folder is not deleted but moved
 * aside (returned), so a mistaken restore can be undone by moving it back.
 */
export async function restoreEmbedded(dataDir: string, file: string, force: boolean, now = new Date()): Promise<{ movedAside?: string }> {
  let movedAside: string | undefined;
  if (await isEmbeddedDataDir(dataDir)) {
    if (!force) throw new Error(`${path.resolve(dataDir)} already holds an embedded database; pass --force to move it aside and restore.`);
    movedAside = `${path.resolve(dataDir)}.before-restore-${fileStamp(now)}`;
    await rename(dataDir, movedAside);
  }
  const db = await openEmbeddedDatabase(dataDir, new Blob([await readFile(file)]));
  await db.close();
  return { movedAside };
}

/** Which kind of backup a file is, from its first bytes: "PGDMP" for pg_dump's custom format, gzip's magic for PGlite's. */
export async function backupKindOf(file: string): Promise<BackupKind> {
  const handle = await open(file);
  const head = Buffer.alloc(5);
  try {
    await handle.read(head, 0, 5, 0);
  } finally {
    await handle.close();
  }
  if (head.toString("latin1") === "PGDMP") return "postgresql";
  if (head[0] === 0x1f && head[1] === 0x8b) return "embedded";
  throw new Error(`${file} is neither a pg_dump custom-format file nor an embedded-database backup.`);
}
