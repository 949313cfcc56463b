/**
 * `npm run test:load`: 60 s of public reads with staff writes at 100 concurrent connections against the
 * production build, in a database of the run's own (a fresh database on DATABASE_URL's server, or an
 * embedded PGlite without it). Passes only with zero errors and every acknowledged write found in the
 * database afterwards; prints a table and writes its section of docs/BENCHMARKS.md.
 *
 *   npm run test:load -- --seconds=60 --connections=100 --writers=10 --no-doc
 *
 * Traffic goes to 127.0.0.1 only, and stops by itself after --seconds.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import pg from "pg";
import { childProcessEnv, env } from "@/lib/env";
import { writeBenchmarkSection } from "./lib/benchmarks-doc";
import { localAuthSecret } from "./lib/auth-secret";
import { loadPassed, loadTable, runMixedLoad, type Writer } from "./lib/mixed-load";
import { buildIfStale, productionServer, run } from "./lib/next-build";
import { stop, waitFor } from "./lib/servers";
import { freePort, provisionTestDatabase } from "./lib/test-database";

const flag = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const SECONDS = flag("seconds", 60);
const CONNECTIONS = flag("connections", 100);
const WRITERS = flag("writers", 10);
const STATIONS_PER_WRITER = 3;
const WRITE_DOC = !process.argv.includes("--no-doc");

async function main(): Promise<number> {
  const database = await provisionTestDatabase(env.DATABASE_URL);
  // The pool an operator gets by default; PGlite serves one connection at a time behind a few sockets.
  const poolMax = database.kind === "embedded" ? 4 : env.DATABASE_POOL_MAX;
  const childEnv = childProcessEnv({ DATABASE_URL: database.url, DATABASE_POOL_MAX: String(poolMax), AUTH_SECRET: localAuthSecret() });
  try {
    await buildIfStale({ ...childEnv, NODE_ENV: "production" });

    // Writers are province admins made the way an installation makes them; each owns stations of its own.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ id: string }>("SELECT id FROM stations ORDER BY code LIMIT $1", [WRITERS * STATIONS_PER_WRITER]);
    const { rows: version } = await client.query<{ server_version: string }>("SHOW server_version");
    await client.end();
    const writers: Writer[] = Array.from({ length: WRITERS }, (_, i) => ({
      username: `load_writer_${i}`,
      password: `load writer password ${i}`,
      stationIds: rows.slice(i * STATIONS_PER_WRITER, (i + 1) * STATIONS_PER_WRITER).map((r) => r.id),
    }));
    // Two at a time: ten at once on two cores once took admin:create past Prisma's transaction limit.
    for (let i = 0; i < writers.length; i += 2) {
      await Promise.all(
        writers.slice(i, i + 2).map((w) =>
          run("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/admin-create.ts", "--username", w.username, "--email", `${w.username}@example.cn`, "--password", w.password, "--name", w.username], {
            ...childEnv,
            DATABASE_POOL_MAX: "1",
          }),
        ),
      );
    }

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const { command, args } = productionServer(port, "127.0.0.1");
    const server = spawn(command, args, { env: { ...childEnv, NODE_ENV: "production" }, stdio: ["ignore", "ignore", "inherit"] });
    try {
      await waitFor(`${baseUrl}/api/v1/amenities`);
      const loadBefore = os.loadavg()[0];
      console.log(`Load: ${SECONDS} s, ${CONNECTIONS} connections (${CONNECTIONS - WRITERS} reading, ${WRITERS} writing), ${database.kind} database, pool ${poolMax}`);
      const result = await runMixedLoad({ baseUrl, databaseUrl: database.url, seconds: SECONDS, connections: CONNECTIONS, writers });
      // Other work on the machine takes cores from all three: the load average says how much there was.
      const loadAverage = `load average ${loadBefore.toFixed(1)} before the run, ${os.loadavg()[0].toFixed(1)} after`;
      const table = loadTable(result);
      const passed = loadPassed(result);
      console.log(`\n${table}\n`);
      for (const sample of result.errorSamples) console.log(`error: ${sample}`);

      if (WRITE_DOC) {
        const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${version[0].server_version} (${database.kind === "embedded" ? "embedded PGlite" : "server"})`;
        await writeBenchmarkSection(
          "Mixed load: public reads with staff writes",
          `Written by \`npm run test:load\` (scripts/load-test.ts); re-run it to refresh. A shorter run of the same
code is part of \`npm test\` on PostgreSQL (tests/load/mixed-load.test.ts).

- Date: ${new Date().toISOString().slice(0, 10)}; result: **${passed ? "passed" : "FAILED"}**
- Machine: ${machine}; the load generator, the server and PostgreSQL share its cores (${loadAverage})
- Server: the production server (\`npm start\`: scripts/serve.ts, production build), one process, database pool ${poolMax}
- Load: ${result.seconds.toFixed(0)} s, ${CONNECTIONS} concurrent connections over loopback: ${CONNECTIONS - WRITERS} autocannon connections of
  public reads (nearest 20, one station, a city's list, station pages, the home page, cities, amenities, the GeoJSON
  of all stations) and ${WRITERS} staff writers, each a province admin with a real session writing ${STATIONS_PER_WRITER} stations of its own
  (notice PATCH and amenities PUT, each carrying the version the previous answer gave, so a 409 would be a lost write)
- Verified afterwards in the database: one audit row per acknowledged write, every acknowledged notice among them,
  each station's version moved on by exactly its acknowledged writes, and its notice the last acknowledged

${table}
`,
        );
        console.log("Wrote docs/BENCHMARKS.md");
      }
      console.log(passed ? "load test: passed" : "load test: FAILED");
      return passed ? 0 : 1;
    } finally {
      await stop(server);
    }
  } finally {
    await database.drop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
