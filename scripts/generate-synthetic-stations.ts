/**
 * `npm run data:synthetic -- --count=100000`: makes (or reuses) the synthetic dataset of that many
 * stations in its own database on DATABASE_URL's server and prints its URL. `--drop` removes it again.
 */
import { env } from "@/lib/env";
import { dropSyntheticDatabase, ensureSyntheticDatabase } from "./lib/synthetic-stations";

const count = Number(process.argv.find((a) => a.startsWith("--count="))?.split("=")[1] ?? 100_000);

async function main() {
  if (!env.DATABASE_URL) throw new Error("set DATABASE_URL to a PostgreSQL server: the synthetic datasets are too large for the embedded database");
  if (!Number.isInteger(count) || count < 1000 || count > 5_000_000) throw new Error("--count must be a whole number from 1000 to 5000000");
  if (process.argv.includes("--drop")) {
    await dropSyntheticDatabase(env.DATABASE_URL, count);
    console.log(`dropped the ${count}-station dataset`);
    return;
  }
  const started = Date.now();
  const url = await ensureSyntheticDatabase(env.DATABASE_URL, count);
  console.log(`${url} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
