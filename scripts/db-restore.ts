/**
 * `npm run db:restore -- <file> [--force]`: loads a db:backup file into DATABASE_URL (pg_restore), or
 * without it into the embedded database in EMBEDDED_DB_DIR (stop `npm start` first). Refuses a database that
 * already has tables (an embedded folder that already holds a database) unless --force; README "Backups"
 * says what --force does.
 */
import path from "node:path";
import { env } from "@/lib/env";
import { backupKindOf, postgresTableCount, refuseIfEmbeddedRunning, restoreEmbedded, restorePostgres } from "./lib/backup";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const files = args.filter((a) => a !== "--force");
  if (files.length !== 1) throw new Error("usage: npm run db:restore -- <backup file> [--force]");
  const [file] = files;
  const started = performance.now();
  const kind = await backupKindOf(file);
  const target = env.DATABASE_URL ? "postgresql" : "embedded";
  if (kind !== target) {
    throw new Error(
      kind === "embedded"
        ? `${file} is an embedded-database backup: unset DATABASE_URL to restore it into EMBEDDED_DB_DIR.`
        : `${file} is a pg_dump backup: set DATABASE_URL to the PostgreSQL database to restore it into.`,
    );
  }
  if (env.DATABASE_URL) {
    const tables = await postgresTableCount(env.DATABASE_URL);
    if (tables > 0 && !force) throw new Error(`the database already has ${tables} tables; restore into an empty database, or pass --force to replace what the backup holds.`);
    await restorePostgres(env.DATABASE_URL, file, force);
    const url = new URL(env.DATABASE_URL);
    const replaced = tables > 0 ? ` (--force: the backup's tables were dropped and recreated; ${tables} tables were there before)` : "";
    console.log(`db:restore: ${path.resolve(file)} → PostgreSQL database ${url.pathname.slice(1)} on ${url.host}${replaced}, ${Math.round(performance.now() - started)} ms`);
  } else {
    await refuseIfEmbeddedRunning(env.EMBEDDED_DB_PORT);
    const { movedAside } = await restoreEmbedded(env.EMBEDDED_DB_DIR, file, force);
    const replaced = movedAside ? ` (--force: the previous database was moved to ${movedAside})` : "";
    console.log(`db:restore: ${path.resolve(file)} → embedded database in ${path.resolve(env.EMBEDDED_DB_DIR)}${replaced}, ${Math.round(performance.now() - started)} ms`);
  }
}

main().catch((error: unknown) => {
  console.error(`db:restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
