/**
 * `npm run bench`: the public API against the floor (the same SQL from a bare Node server with `pg`) for
 * five queries, on the 571-station sample and on synthetic datasets of 100,000 and 1,000,000 stations
 * (npm run data:synthetic; each in a database of its own), under 50 concurrent connections. Rounds
 * alternate API and floor so that machine noise hits both; the table gives medians over rounds, the
 * database time of each query (EXPLAIN ANALYZE) and the index the plan uses over `stations`.
 * Writes its section of docs/BENCHMARKS.md, then exits non-zero if a target is missed:
 * API ≥ half the floor's throughput, nearest at 1M ≤ 3 × nearest at 571 in database time, and no
 * sequential scan over `stations`.
 *
 * Options: --datasets=571,100000,1000000  --seconds=5 (per round)  --rounds=3
 */
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import autocannon from "autocannon";
import pg from "pg";
import { childProcessEnv, env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { shanghaiLocalTime } from "@/lib/opening-hours";
import { buildStationDetailQueries } from "@/lib/server/station/station-detail-query";
import { buildStationListQuery } from "@/lib/server/station/station-list-query";
import { stationListQuerySchema } from "@/lib/validations/station-query";
import { localAuthSecret } from "./lib/auth-secret";
import { writeBenchmarkSection } from "./lib/benchmarks-doc";
import { buildIfStale, nextBin, productionServer } from "./lib/next-build";
import { median, stop, waitFor } from "./lib/servers";
import { ensureSyntheticDatabase } from "./lib/synthetic-stations";
import { freePort, provisionTestDatabase } from "./lib/test-database";

const option = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
const CONNECTIONS = 50;
const ROUND_SECONDS = Number(option("seconds", "5"));
const ROUNDS = Number(option("rounds", "3"));
const DATASETS = option("datasets", "571,100000,1000000").split(",").map(Number);
const POOL_SIZE = 10;
const SAMPLE_SIZE = 571;

/** Points over Liaoning's cities and over China's, so the benchmark does not measure one cached answer. */
const POINTS = [
  [41.8, 123.43], [38.92, 121.63], [41.11, 122.99], [41.88, 123.95], [40.13, 124.39], [41.12, 121.13],
  [40.67, 122.23], [42.02, 121.67], [41.12, 122.07], [42.29, 123.84], [41.57, 120.45], [40.71, 120.84],
  [39.9, 116.4], [31.23, 121.47], [23.13, 113.26], [30.57, 104.07], [29.56, 106.55], [34.34, 108.94],
  [30.59, 114.31], [36.07, 120.38], [45.8, 126.53], [43.83, 87.62], [25.04, 102.71], [26.07, 119.3],
].map(([lat, lng]) => ({ lat, lng }));
const SEARCH_TERMS = ["沈阳", "中山路", "shenyang", "jiefanglu", "大连 支行", "和平"];

type Point = (typeof POINTS)[number];
type QuerySpec = { key: string; label: string; request(i: number, ids: string[]): { path: string; params?: string } };

const at = (i: number): Point => POINTS[i % POINTS.length];
const QUERIES: QuerySpec[] = [
  { key: "nearest", label: "nearest 20", request: (i) => ({ path: "", params: `near=${at(i).lat},${at(i).lng}&limit=20` }) },
  {
    key: "filtered",
    label: "nearest 20, two amenities, open now",
    request: (i) => ({ path: "", params: `near=${at(i).lat},${at(i).lng}&limit=20&amenities=hot_water_microwave,toilet&openNow=true` }),
  },
  {
    key: "bbox",
    label: "bbox at city zoom, 50 per page",
    request: (i) => {
      const { lat, lng } = at(i);
      return { path: "", params: `bbox=${lng - 0.15},${lat - 0.1},${lng + 0.15},${lat + 0.1}&limit=50` };
    },
  },
  { key: "text", label: "text search", request: (i) => ({ path: "", params: `q=${encodeURIComponent(SEARCH_TERMS[i % SEARCH_TERMS.length])}&limit=20` }) },
  { key: "byId", label: "station by id", request: (i, ids) => ({ path: `/${ids[i % ids.length]}` }) },
];

type Stats = { rps: number; p50: number; p99: number; errors: number };
type Row = { dataset: number; query: QuerySpec; api: Stats; nextStart: Stats; floor: Stats; ratios: number[]; nextStartRatios: number[]; dbMs: number; scans: string[] };

async function load(base: string, query: QuerySpec, ids: string[], seconds: number): Promise<Stats> {
  let next = 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const { path, params } = query.request(next++, ids);
          return { ...req, path: `${new URL(base).pathname}${path}${params ? `?${params}` : ""}` };
        },
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** The statements the API runs for request `i` of a query, as the data layer builds them. */
function statementsFor(query: QuerySpec, i: number, ids: string[]): Prisma.Sql[] {
  const now = shanghaiLocalTime(new Date());
  const { path, params } = query.request(i, ids);
  if (path) {
    const detail = buildStationDetailQueries(path.slice(1), now);
    return [detail.station, detail.amenities];
  }
  return [buildStationListQuery(stationListQuerySchema.parse(Object.fromEntries(new URLSearchParams(params))), now)];
}

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };

function scansOfStations(node: PlanNode, found: Set<string>): Set<string> {
  if (node["Relation Name"] === "stations") found.add(node["Index Name"] ? `${node["Node Type"]} (${node["Index Name"]})` : node["Node Type"]);
  for (const child of node.Plans ?? []) scansOfStations(child, found);
  return found;
}

/** Median EXPLAIN ANALYZE execution time over 8 requests of the query (each run twice, the warm run kept). */
async function explain(client: pg.Client, query: QuerySpec, ids: string[]): Promise<{ dbMs: number; scans: string[] }> {
  const times: number[] = [];
  const scans = new Set<string>();
  for (let i = 0; i < 8; i++) {
    let total = 0;
    for (const statement of statementsFor(query, i, ids)) {
      let plan: { Plan: PlanNode; "Execution Time": number } | undefined;
      for (let run = 0; run < 2; run++) {
        const { rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`, statement.values);
        plan = rows[0]["QUERY PLAN"][0];
      }
      total += plan!["Execution Time"];
      scansOfStations(plan!.Plan, scans);
    }
    times.push(total);
  }
  return { dbMs: median(times), scans: [...scans].sort() };
}

function startServer(command: string, args: string[], childEnv: NodeJS.ProcessEnv): ChildProcess {
  return spawn(command, args, { env: childEnv, stdio: ["ignore", "ignore", "inherit"] });
}

async function benchDataset(count: number, url: string): Promise<Row[]> {
  const childEnv = childProcessEnv({ DATABASE_URL: url, DATABASE_POOL_MAX: String(POOL_SIZE), AUTH_SECRET: localAuthSecret() });
  const [apiPort, nextStartPort, floorPort] = [await freePort(), await freePort(), await freePort()];
  const server = productionServer(apiPort);
  const api = startServer(server.command, server.args, childEnv);
  const nextStart = startServer(nextBin, ["start", "-p", String(nextStartPort)], { ...childEnv, NODE_ENV: "production" });
  const floor = startServer("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/bench/floor-server.ts", String(floorPort), String(POOL_SIZE)], childEnv);
  const apiBase = `http://127.0.0.1:${apiPort}/api/v1/stations`;
  const nextStartBase = `http://127.0.0.1:${nextStartPort}/api/v1/stations`;
  const floorBase = `http://127.0.0.1:${floorPort}/stations`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows: Row[] = [];
  try {
    const ids = (await client.query<{ id: string }>("SELECT id FROM stations ORDER BY md5(id::text) LIMIT 32")).rows.map((r) => r.id);
    await Promise.all([waitFor(`${apiBase}?limit=1`), waitFor(`${nextStartBase}?limit=1`), waitFor(`${floorBase}?limit=1`)]);
    for (const query of QUERIES) {
      // Warm-up: JIT, connection pools, PostgreSQL's caches.
      for (const base of [apiBase, nextStartBase, floorBase]) await load(base, query, ids, 2);
      const rounds: { api: Stats; nextStart: Stats; floor: Stats }[] = [];
      // Each measured round starts from 1 s of load: while the other two servers take their turns, a server's
      // idle pool connections reach pg's 10 s idle timeout and close, and reopening them all at once on a loaded
      // machine is a start-up cost, not the steady state being measured.
      const round = async (base: string) => {
        await load(base, query, ids, 1);
        return load(base, query, ids, ROUND_SECONDS);
      };
      for (let r = 0; r < ROUNDS; r++) rounds.push({ api: await round(apiBase), nextStart: await round(nextStartBase), floor: await round(floorBase) });
      const summarise = (pick: (r: (typeof rounds)[number]) => Stats): Stats => ({
        rps: median(rounds.map((r) => pick(r).rps)),
        p50: median(rounds.map((r) => pick(r).p50)),
        p99: median(rounds.map((r) => pick(r).p99)),
        errors: rounds.reduce((sum, r) => sum + pick(r).errors, 0),
      });
      const row: Row = {
        dataset: count,
        query,
        api: summarise((r) => r.api),
        nextStart: summarise((r) => r.nextStart),
        floor: summarise((r) => r.floor),
        ratios: rounds.map((r) => r.api.rps / r.floor.rps),
        nextStartRatios: rounds.map((r) => r.nextStart.rps / r.floor.rps),
        ...(await explain(client, query, ids)),
      };
      console.log(
        `${count.toLocaleString("en")} · ${query.label}: api ${row.api.rps.toFixed(0)} req/s, next start ${row.nextStart.rps.toFixed(0)}, floor ${row.floor.rps.toFixed(0)}, ratio ${median(row.ratios).toFixed(2)}, db ${row.dbMs.toFixed(2)} ms, ${row.scans.join(", ")}, errors ${row.api.errors}/${row.nextStart.errors}/${row.floor.errors}`,
      );
      rows.push(row);
    }
  } finally {
    await client.end();
    await Promise.all([stop(api), stop(nextStart), stop(floor)]);
  }
  return rows;
}

function targets(rows: Row[]): { text: string; met: boolean }[] {
  const results = rows.map((row) => ({
    text: `API ≥ 0.5 × floor: ${row.dataset.toLocaleString("en")} · ${row.query.label} (${median(row.ratios).toFixed(2)})`,
    met: median(row.ratios) >= 0.5,
  }));
  const nearest = (count: number) => rows.find((r) => r.dataset === count && r.query.key === "nearest");
  const small = nearest(SAMPLE_SIZE);
  const large = nearest(1_000_000);
  if (small && large) {
    const ratio = large.dbMs / small.dbMs;
    results.push({ text: `nearest at 1,000,000 ≤ 3 × nearest at 571 in database time (${ratio.toFixed(2)} ×)`, met: ratio <= 3 });
  }
  // At 571 rows reading the whole table (a few pages) is the cheapest plan and PostgreSQL rightly takes it;
  // the rule is about growth, so it applies to the large datasets.
  const seqScans = rows.filter((r) => r.dataset > SAMPLE_SIZE && r.scans.includes("Seq Scan"));
  const failed = rows.filter((r) => r.api.errors + r.nextStart.errors + r.floor.errors > 0);
  results.push({
    text: `every request answered 2xx by all three servers${failed.length ? ` (failures in: ${failed.map((r) => `${r.dataset} · ${r.query.label}`).join("; ")})` : ""}`,
    met: failed.length === 0,
  });
  results.push({
    text: `no sequential scan over stations at 100,000 stations and more${seqScans.length ? ` (found in: ${seqScans.map((r) => `${r.dataset} · ${r.query.label}`).join("; ")})` : ""}`,
    met: seqScans.length === 0,
  });
  return results;
}

async function main() {
  // The floor's pool and the synthetic sets need a PostgreSQL server: the embedded PGlite serves one
  // connection at a time, so a benchmark on it would measure its queue (and its floor fails requests).
  const serverUrl = env.DATABASE_URL;
  if (!serverUrl) throw new Error("npm run bench needs DATABASE_URL: a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres (each dataset gets a database of its own there)");
  await buildIfStale(childProcessEnv({ AUTH_SECRET: localAuthSecret() }));
  const rows: Row[] = [];
  let serverVersion = "";
  for (const count of DATASETS) {
    if (count === SAMPLE_SIZE) {
      const database = await provisionTestDatabase(serverUrl);
      try {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        serverVersion = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0].server_version;
        await client.end();
        rows.push(...(await benchDataset(count, database.url)));
      } finally {
        await database.drop();
      }
    } else {
      rows.push(...(await benchDataset(count, await ensureSyntheticDatabase(serverUrl, count))));
    }
  }

  const header =
    "| stations | query | API req/s | floor req/s | API/floor | next start req/s | next start/floor | API p50 / p99 ms | floor p50 / p99 ms | DB ms (EXPLAIN) | plan over `stations` | failed requests |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|";
  const lines = rows.map(
    (r) =>
      `| ${r.dataset.toLocaleString("en")} | ${r.query.label} | ${r.api.rps.toFixed(0)} | ${r.floor.rps.toFixed(0)} | ${median(r.ratios).toFixed(2)} | ${r.nextStart.rps.toFixed(0)} | ${median(r.nextStartRatios).toFixed(2)} | ${r.api.p50} / ${r.api.p99} | ${r.floor.p50} / ${r.floor.p99} | ${r.dbMs.toFixed(2)} | ${r.scans.join(", ")} | ${r.api.errors + r.nextStart.errors + r.floor.errors} |`,
  );
  const table = [header, ...lines].join("\n");
  const checks = targets(rows);
  const checkLines = checks.map((c) => `- ${c.met ? "met" : "**MISSED**"}: ${c.text}`).join("\n");
  console.log(`\n${table}\n\nTargets:\n${checkLines}`);

  const date = new Date().toISOString().slice(0, 10);
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}, PostgreSQL ${serverVersion}`;
  await writeBenchmarkSection(
    "API vs floor: five queries at 571, 100,000 and 1,000,000 stations",
    `Written by \`npm run bench\` (scripts/bench.ts); re-run it to refresh. Numbers from one machine on one day:
compare the ratios, measured in the same run, rather than absolute numbers across days.

- Date: ${date}; machine: ${machine}
- Datasets: the 571-station sample in a database of the benchmark's own; synthetic sets over China's cities in
  databases of their own (\`npm run data:synthetic\`, data/PROVENANCE.md section 8), all on the PostgreSQL server of DATABASE_URL
- Servers: **API** is the production server (\`npm start\`: scripts/serve.ts, whose direct routes answer these
  paths without Next's router); **next start** is the same build behind Next's router alone, for reference; **floor** is below
- Load: autocannon, ${CONNECTIONS} concurrent connections, per query ${ROUNDS} rounds of ${ROUND_SECONDS} s per server (each after 1 s unmeasured) after 2 s of warm-up,
  the three servers taking turns; ${POINTS.length} points over Liaoning and China, ${SEARCH_TERMS.length} search terms, 32 station ids
- Pools: ${POOL_SIZE} connections for each server. The load generator, the servers and PostgreSQL share the machine's cores.
- DB ms: median over 8 requests of EXPLAIN ANALYZE's execution time (warm), summed over the statements the API runs

${table}

Targets (the script exits non-zero when one is missed):
${checkLines}

The floor (scripts/bench/floor-server.ts) parses the query with the same zod schema and runs the same SQL
(\`buildStationListQuery\`, \`buildStationDetailQueries\`) with \`pg\` from \`node:http\`, serialising the raw rows;
the API adds the route wrapper (error mapping, security headers), the mapping to the public shape and the ETag;
next start adds Next.js's router on top of that.
`,
  );
  console.log("\nWrote docs/BENCHMARKS.md");
  if (checks.some((c) => !c.met)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
