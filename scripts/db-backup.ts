/**
 * `npm run db:backup [-- <file>]`: DATABASE_URL with pg_dump (custom format), or without it the embedded
 * database in EMBEDDED_DB_DIR (stop `npm start` first). Default file: backups/yizhan-<UTC time>.dump / .tgz.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { backupEmbedded, backupPostgres, defaultBackupPath, refuseIfEmbeddedRunning } from "./lib/backup";

async function main(): Promise<void> {
  const started = performance.now();
  const [fileArg] = process.argv.slice(2);
  let source: string;
  let file: string;
  if (env.DATABASE_URL) {
    file = fileArg ?? defaultBackupPath("postgresql");
    await backupPostgres(env.DATABASE_URL, file);
    const url = new URL(env.DATABASE_URL);
    source = `PostgreSQL database ${url.pathname.slice(1)} on ${url.host} (pg_dump, custom format)`;
  } else {
    await refuseIfEmbeddedRunning(env.EMBEDDED_DB_PORT);
    file = fileArg ?? defaultBackupPath("embedded");
    await backupEmbedded(env.EMBEDDED_DB_DIR, file);
    source = `embedded database in ${path.resolve(env.EMBEDDED_DB_DIR)} (PGlite data folder archive)`;
  }
  const { size } = await stat(file);
  console.log(`db:backup: ${source} → ${path.resolve(file)} (${(size / 1024 / 1024).toFixed(1)} MB, ${Math.round(performance.now() - started)} ms)`);
}

main().catch((error: unknown) => {
  console.error(`db:backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
