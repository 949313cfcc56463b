/**
 * `npm run db:migrate`: applies prisma/migrations to DATABASE_URL through the wasm schema engine
 * (the native one cannot be downloaded here). Safe to run repeatedly: applied migrations are skipped.
 */
import { env } from "@/lib/env";
import { applyMigrations } from "@/lib/migrations/schema-engine";

async function main(): Promise<void> {
  if (!env.DATABASE_URL) {
    throw new Error(
      "DATABASE_URL is not set. Point it at the database to migrate, e.g.\n" +
        "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run db:migrate\n" +
        "(`npm start` migrates the embedded database by itself.)",
    );
  }
  const started = performance.now();
  const { appliedMigrationNames } = await applyMigrations(env.DATABASE_URL);
  const ms = Math.round(performance.now() - started);
  if (appliedMigrationNames.length === 0) {
    console.log(`db:migrate: database is up to date (${ms} ms).`);
  } else {
    console.log(`db:migrate: applied ${appliedMigrationNames.length} migration(s) in ${ms} ms:`);
    for (const name of appliedMigrationNames) console.log(`  ${name}`);
  }
}

main().catch((error: unknown) => {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
