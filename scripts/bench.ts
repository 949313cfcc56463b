/**
 * `npm run bench`: throughput and latency of `GET /api/v1/stations?near=…` against the floor (the
 * same SQL from a bare Node server with `pg`), under 50 concurrent connections, in a database of the
 * benchmark's own (a fresh database on DATABASE_URL's server, or an embedded PGlite without it).
 * Rounds alternate API and floor so that machine noise hits both; the table gives medians over rounds.
 * Writes its section of docs/BENCHMARKS.md.
 */
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import autocannon from "autocannon";
import pg from "pg";
import { childProcessEnv, env } from "@/lib/env";
import { writeBenchmarkSection } from "./lib/benchmarks-doc";
import { buildIfStale, nextBin } from "./lib/next-build";
import { freePort, provisionTestDatabase } from "./lib/test-database";
import { median, stop, waitFor } from "./lib/servers";
import { localAuthSecret } from "./lib/auth-secret";

const CONNECTIONS = 50;
const ROUND_SECONDS = Number(process.argv.find((a) => a.startsWith("--seconds="))?.split("=")[1] ?? 10);
const ROUNDS = Number(process.argv.find((a) => a.startsWith("--rounds="))?.split("=")[1] ?? 3);
const POOL_SIZE = 10;

/** Points spread over Liaoning's cities, so the benchmark does not measure one cached answer. */
const points = [
  [41.8, 123.43], [41.75, 123.35], [38.92, 121.63], [39.02, 121.6], [41.11, 122.99], [41.88, 123.95],
  [41.3, 123.77], [40.13, 124.39], [41.12, 121.13], [40.67, 122.23], [42.02, 121.67], [41.27, 123.17],
  [41.12, 122.07], [42.29, 123.84], [41.57, 120.45], [40.71, 120.84],
].map(([lat, lng]) => `near=${lat},${lng}&limit=20`);

type Stats = { rps: number; p50: number; p99: number; errors: number };

async function load(url: string, pathPrefix: string, seconds: number): Promise<Stats> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, path: `${pathPrefix}?${points[next++ % points.length]}` }) }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

function startServer(command: string, args: string[], childEnv: NodeJS.ProcessEnv): ChildProcess {
  return spawn(command, args, { env: childEnv, stdio: ["ignore", "ignore", "inherit"] });
}

async function main() {
  const database = await provisionTestDatabase(env.DATABASE_URL);
  const childEnv = childProcessEnv({
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: String(database.kind === "embedded" ? 4 : POOL_SIZE),
    AUTH_SECRET: localAuthSecret(),
  });
  await buildIfStale(childEnv);
  const [apiPort, floorPort] = [await freePort(), await freePort()];
  const api = startServer(nextBin, ["start", "-p", String(apiPort)], childEnv);
  const floor = startServer("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/bench/floor-server.ts", String(floorPort), String(database.kind === "embedded" ? 4 : POOL_SIZE)], childEnv);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const floorUrl = `http://127.0.0.1:${floorPort}`;

  try {
    await Promise.all([waitFor(`${apiUrl}/api/v1/stations?${points[0]}`), waitFor(`${floorUrl}/?${points[0]}`)]);
    // Warm-up: JIT, connection pools, PostgreSQL's caches.
    await load(apiUrl, "/api/v1/stations", 3);
    await load(floorUrl, "/", 3);

    const rounds: { api: Stats; floor: Stats }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const apiStats = await load(apiUrl, "/api/v1/stations", ROUND_SECONDS);
      const floorStats = await load(floorUrl, "/", ROUND_SECONDS);
      rounds.push({ api: apiStats, floor: floorStats });
      console.log(`round ${round}: api ${apiStats.rps.toFixed(0)} req/s, floor ${floorStats.rps.toFixed(0)} req/s`);
    }

    const summarise = (pick: (r: { api: Stats; floor: Stats }) => Stats) => ({
      rps: median(rounds.map((r) => pick(r).rps)),
      p50: median(rounds.map((r) => pick(r).p50)),
      p99: median(rounds.map((r) => pick(r).p99)),
      errors: rounds.reduce((sum, r) => sum + pick(r).errors, 0),
    });
    const apiSummary = summarise((r) => r.api);
    const floorSummary = summarise((r) => r.floor);
    const ratios = rounds.map((r) => r.api.rps / r.floor.rps);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    await client.end();

    const date = new Date().toISOString().slice(0, 10);
    const header = "| query | server | req/s (median) | p50 ms | p99 ms | errors |\n|---|---|---:|---:|---:|---:|";
    const line = (server: string, s: Stats) => `| nearest 20 (\`near=lat,lng\`) | ${server} | ${s.rps.toFixed(0)} | ${s.p50} | ${s.p99} | ${s.errors} |`;
    const table = [header, line("our API (Next.js + Prisma)", apiSummary), line("floor (node:http + pg, same SQL)", floorSummary)].join("\n");
    const ratioLine = `API/floor throughput: median ${median(ratios).toFixed(2)} (per round: ${ratios.map((r) => r.toFixed(2)).join(", ")})`;
    console.log(`\n${table}\n\n${ratioLine}`);

    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}, PostgreSQL ${rows[0].server_version} (${database.kind === "embedded" ? "embedded PGlite" : "server"})`;
    await writeBenchmarkSection(
      "API vs floor: nearest stations",
      `Written by \`npm run bench\` (scripts/bench.ts); re-run it to refresh. Numbers from one machine on one day:
compare the ratio, measured in the same run, rather than absolute numbers across days.

- Date: ${date}
- Machine: ${machine}
- Dataset: the 571-station sample, in a database of the benchmark's own
- Load: autocannon, ${CONNECTIONS} concurrent connections, ${ROUNDS} rounds of ${ROUND_SECONDS} s per server after a 3 s warm-up,
  API and floor alternating; ${points.length} query points across Liaoning's cities, 20 results each
- Pools: ${database.kind === "embedded" ? 4 : POOL_SIZE} connections for both servers. The load generator, both servers and PostgreSQL share the machine's cores.

${table}

${ratioLine}

The floor runs the same SQL (\`buildStationListQuery\`) with \`pg\` from \`node:http\` and serialises the raw rows;
the API adds Next.js routing, zod validation of the query, Prisma's driver adapter and the mapping to the public shape.
`,
    );
    console.log("\nWrote docs/BENCHMARKS.md");
  } finally {
    await Promise.all([stop(api), stop(floor)]);
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
