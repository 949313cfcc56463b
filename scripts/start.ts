/**
 * `npm start`: one command from a fresh clone to a running directory. Without DATABASE_URL it serves an
 * embedded PostgreSQL (PGlite, data in EMBEDDED_DB_DIR); either way it applies migrations, seeds an empty
 * database with the sample stations, builds the app when the build is missing or stale, and serves it.
 * `--dev` runs `next dev` instead of building.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createPrismaClient } from "@/lib/db";
import { childProcessEnv, env } from "@/lib/env";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/migrations/embedded-server";
import { applyMigrations } from "@/lib/migrations/schema-engine";
import { seedDatabase } from "@/lib/seed/seed-database";
import { buildIfStale, nextBin, productionServer, run } from "./lib/next-build";
import { localAuthSecret } from "./lib/auth-secret";

const dev = process.argv.includes("--dev");
const tsxBin = path.join(process.cwd(), "node_modules", ".bin", "tsx");
const DAY_MS = 24 * 60 * 60 * 1000;
async function main() {
  let embedded: EmbeddedPostgres | null = null;
  let server: ChildProcess | null = null;
  let shuttingDown = false;

  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await embedded?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      embedded = await startEmbeddedPostgres({ dataDir: env.EMBEDDED_DB_DIR, port: env.EMBEDDED_DB_PORT });
      databaseUrl = embedded.connectionString;
      console.log(`Embedded PostgreSQL (PGlite) on ${databaseUrl}, data in ${path.resolve(env.EMBEDDED_DB_DIR)}`);
    }

    const { appliedMigrationNames } = await applyMigrations(databaseUrl);
    console.log(appliedMigrationNames.length ? `Applied migrations: ${appliedMigrationNames.join(", ")}` : "Database schema is up to date.");

    const db = createPrismaClient(databaseUrl, 1);
    try {
      const seeded = await seedDatabase(db);
      console.log(seeded.stationsCreated ? `Loaded ${seeded.stationsCreated} sample stations.` : "Stations already present; sample not loaded.");
    } finally {
      await db.$disconnect();
    }

    // Demo accounts on the embedded database only: a real DATABASE_URL never gets published passwords.
    if (embedded) {
      await run(tsxBin, ["--conditions=react-server", "scripts/seed-demo-accounts.ts"], childProcessEnv({ DATABASE_URL: databaseUrl, DATABASE_POOL_MAX: "1" }));
    }

    const serverEnv = childProcessEnv({
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: localAuthSecret(path.join(".data", "auth-secret")),
      // Whatever started us (a test runner sets "test"), Next must build and serve in its own mode.
      NODE_ENV: dev ? "development" : "production",
      // One PGlite backend serves every connection; a small pool avoids queueing behind idle ones.
      DATABASE_POOL_MAX: embedded ? "4" : String(env.DATABASE_POOL_MAX),
      // Lets the sign-in page show the demo accounts.
      DEMO_ACCOUNTS: embedded ? "1" : undefined,
    });
    // Reporters' contacts are deleted once the retention period is over: now, then once a day while the
    // server runs. Here rather than in Next's instrumentation hook, so nothing touches the database during
    // `next build`; a failed run is logged and retried the next day rather than stopping the directory.
    const purgeContacts = () =>
      run(tsxBin, ["--conditions=react-server", "scripts/db-purge-contacts.ts"], childProcessEnv({ DATABASE_URL: databaseUrl, DATABASE_POOL_MAX: "1" })).catch(
        (error: unknown) => console.error("Deleting expired feedback contacts failed:", error),
      );
    await purgeContacts();
    const purgeTimer = setInterval(() => void purgeContacts(), DAY_MS);
    purgeTimer.unref();

    if (!dev) await buildIfStale(serverEnv);
    const { command, args } = dev ? { command: nextBin, args: ["dev", "-p", String(env.PORT)] } : productionServer(env.PORT);
    server = spawn(command, args, { stdio: "inherit", env: serverEnv });
    // The server ending by itself (not through our Ctrl-C handling) is a failure unless it said otherwise.
    server.on("exit", (code) => void shutdown(code ?? 1));
    console.log(`工行驿站 directory on http://localhost:${env.PORT}`);
  } catch (error) {
    console.error(error);
    await shutdown(1);
  }
}

void main();
