/**
 * `npm test`: every test against a database of the run's own. With DATABASE_URL (a PostgreSQL server)
 * it creates and drops a fresh database there; without it, it runs an embedded PGlite. Then: the
 * production build if stale, unit + integration tests (vitest), browser tests (Playwright in Debian's
 * Chromium), and one closing line `N passed, N failed, N skipped`. Ctrl-C drops the database too.
 *
 *   npm test                   everything
 *   npm test -- --no-e2e       skip the browser tests
 *   npm test -- --only-e2e     only the browser tests
 */
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { childProcessEnv, env } from "@/lib/env";
import { ensureChromium } from "./lib/chromium";
import { buildIfStale, run } from "./lib/next-build";
import { deleteKeys } from "./lib/redis-keys";
import { provisionTestDatabase } from "./lib/test-database";
import { localAuthSecret } from "./lib/auth-secret";

type Counts = { passed: number; failed: number; skipped: number };

const args = new Set(process.argv.slice(2));
const resultsDir = path.resolve("test-results");
const vitestReport = path.join(resultsDir, "vitest.json");
const playwrightReport = path.join(resultsDir, "playwright-summary.json");

async function readCounts(file: string, pick: (json: Record<string, number>) => Counts): Promise<Counts | null> {
  try {
    return pick(JSON.parse(await readFile(file, "utf8")));
  } catch {
    return null;
  }
}

async function runSuite(name: string, command: string, argv: string[], childEnv: NodeJS.ProcessEnv, report: () => Promise<Counts | null>): Promise<Counts> {
  let crashed = false;
  try {
    await run(command, argv, childEnv);
  } catch {
    crashed = true;
  }
  const counts = await report();
  if (!counts) {
    console.error(`${name}: produced no results`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  // A runner that exits non-zero with nothing failed (a crashed setup, a file that did not load) is a failure.
  if (crashed && counts.failed === 0) counts.failed = 1;
  return counts;
}

async function main() {
  await rm(resultsDir, { recursive: true, force: true });
  await mkdir(resultsDir, { recursive: true });
  // Before the embedded database starts in this process: the install blocks the event loop.
  if (!args.has("--no-e2e")) ensureChromium(env.CHROMIUM_PATH);
  const started = performance.now();
  const database = await provisionTestDatabase(env.DATABASE_URL);
  console.log(`Test database (${database.kind}): ${database.url} ready in ${Math.round(performance.now() - started)} ms`);
  // With REDIS_URL the run's rate limits count under a prefix of its own, deleted at the end, so neither
  // an earlier run nor anything else on that Redis changes what the tests see.
  const redisKeyPrefix = env.REDIS_URL ? `yizhan-test:run-${Date.now()}-${process.pid}:` : undefined;
  // The browser tests' servers run in production mode, which needs a session secret: a fresh one per run.
  const childEnv = childProcessEnv({ DATABASE_URL: database.url, AUTH_SECRET: localAuthSecret(), REDIS_KEY_PREFIX: redisKeyPrefix });
  if (redisKeyPrefix) console.log(`Rate limits in Redis (REDIS_URL) under ${redisKeyPrefix}`);
  const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
  const add = (c: Counts) => {
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
  };

  let dropping: Promise<void> | undefined;
  const dropDatabase = () =>
    (dropping ??= Promise.all([
      database.drop(),
      env.REDIS_URL && redisKeyPrefix ? deleteKeys(env.REDIS_URL, redisKeyPrefix).catch((error: unknown) => console.error("Could not delete the run's Redis keys:", error)) : undefined,
    ]).then(() => undefined));
  // Ctrl-C during a run still removes the run's database.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => void dropDatabase().finally(() => process.exit(130)));
  }

  try {
    // Always: the browser tests serve the build, and tests/embedded-start.test.ts starts it.
    await buildIfStale({ ...childEnv, NODE_ENV: "production" });
    if (!args.has("--only-e2e")) {
      add(
        await runSuite("vitest", "node_modules/.bin/vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile=${vitestReport}`], childEnv, () =>
          readCounts(vitestReport, (j) => ({ passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests + j.numTodoTests })),
        ),
      );
    }
    if (!args.has("--no-e2e")) {
      add(
        await runSuite("playwright", "node_modules/.bin/playwright", ["test"], childEnv, () =>
          readCounts(playwrightReport, (j) => ({ passed: j.passed, failed: j.failed, skipped: j.skipped })),
        ),
      );
    }
  } finally {
    await dropDatabase();
  }
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  console.log("\n0 passed, 1 failed, 0 skipped");
  process.exit(1);
});
