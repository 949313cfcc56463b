import autocannon from "autocannon";
import pg from "pg";
import http from "node:http";

/**
 * Mixed load against a running server: public reads from autocannon on most connections, staff writes
 * through the real API with real sessions on the rest. Each writer owns its stations, so its writes never
 * race another's: every save carries the version its previous answer gave, and a 409 would mean a write
 * was lost or doubled. Afterwards the database is asked whether every acknowledged write is in it.
 */

export type Writer = { username: string; password: string; stationIds: string[] };
export type LoadOptions = { baseUrl: string; databaseUrl: string; seconds: number; connections: number; writers: Writer[] };

type WriteTally = { attempts: number; acks: Ack[]; latencies: Latencies; conflicts: number; errors: number; errorSamples: string[] };
type Ack = { stationId: string; kind: "notice" | "amenities"; version: number; notice?: string };
type Latencies = number[];
export type TrafficStats = { connections: number; requests: number; rps: number; p50: number; p99: number; ok: number; conflicts: number; errors: number };
export type Verification = { acknowledged: number; auditRows: number; noticesMissing: number; versionMismatches: number; finalNoticeMismatches: number };
export type LoadResult = { seconds: number; reads: TrafficStats; writes: TrafficStats; verification: Verification; errorSamples: string[] };

/**
 * How long a client waits for an answer, as a browser would (they wait minutes). An overloaded server
 * answering late is measured in the latency columns; one that does not answer at all is an error.
 */
const CLIENT_TIMEOUT_MS = 120_000;

/** Points spread over Liaoning's cities, so the reads do not measure one cached answer. */
const POINTS = [
  [41.8, 123.43], [38.92, 121.63], [41.11, 122.99], [41.88, 123.95], [40.13, 124.39], [41.12, 121.13],
  [40.67, 122.23], [42.02, 121.67], [41.27, 123.17], [42.29, 123.84], [41.57, 120.45], [40.71, 120.84],
];

/** What readers do, in proportion: mostly the finder's API calls, some pages, now and then the whole map. */
function readPaths(stationIds: string[]): string[] {
  const paths: string[] = [];
  POINTS.forEach(([lat, lng], i) => {
    paths.push(`/api/v1/stations?near=${lat},${lng}&limit=20`);
    paths.push(`/api/v1/stations/${stationIds[i % stationIds.length]}`);
    paths.push(`/api/v1/stations?city=${[210100, 210200, 210300, 210400][i % 4]}&limit=50`);
    if (i % 2 === 0) paths.push(`/stations/${stationIds[(i * 7) % stationIds.length]}`);
    if (i % 3 === 0) paths.push("/api/v1/cities", "/api/v1/amenities");
    if (i % 6 === 0) paths.push("/", "/api/v1/stations.geojson");
  });
  return paths;
}

function percentile(values: Latencies, p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
}

/** One request on the writer's own keep-alive connection; node:http so that the socket is really reused. */
function send(agent: http.Agent, url: string, method: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { ...headers, "content-length": Buffer.byteLength(body) }, agent, timeout: CLIENT_TIMEOUT_MS }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer in ${CLIENT_TIMEOUT_MS / 1000} s`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** Signs a writer in through better-auth, each from an address of its own (sign-in allows 5 a minute per address, IPv6 counted by /64). */
async function signIn(baseUrl: string, writer: Writer, index: number): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/username`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl, "x-forwarded-for": `2001:db8:10ad:${(index + 1).toString(16)}::1` },
    body: JSON.stringify({ username: writer.username, password: writer.password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${writer.username} answered ${response.status}: ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

const AMENITY_SETS = [
  [{ code: "rest" }, { code: "drinking_water" }, { code: "phone_charging" }],
  [{ code: "rest" }, { code: "drinking_water" }, { code: "phone_charging" }, { code: "wifi" }, { code: "toilet" }],
];

/** One writer: its own keep-alive connection, saving its stations in turn until the deadline. */
async function runWriter(
  options: LoadOptions,
  writer: Writer & { cookie: string },
  index: number,
  startVersions: Map<string, number>,
  deadline: number,
  out: WriteTally,
) {
  const { cookie } = writer;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const versions = new Map(writer.stationIds.map((id) => [id, startVersions.get(id)!]));
  const headers = { "content-type": "application/json", origin: options.baseUrl, cookie };
  try {
    for (let n = 0; Date.now() < deadline; n++) {
      const stationId = writer.stationIds[n % writer.stationIds.length];
      const version = versions.get(stationId)!;
      const kind: Ack["kind"] = n % 3 === 2 ? "amenities" : "notice";
      const notice = `负载测试 w${index} #${n}`;
      const [method, path, body] =
        kind === "notice"
          ? (["PATCH", `/api/v1/staff/stations/${stationId}`, { version, notice }] as const)
          : (["PUT", `/api/v1/staff/stations/${stationId}/amenities`, { version, amenities: AMENITY_SETS[n % 2] }] as const);
      const started = performance.now();
      out.attempts++;
      try {
        const response = await send(agent, `${options.baseUrl}${path}`, method, headers, JSON.stringify(body));
        const text = response.text;
        out.latencies.push(performance.now() - started);
        if (response.status === 200) {
          const answer = JSON.parse(text) as { version: number };
          versions.set(stationId, answer.version);
          out.acks.push({ stationId, kind, version: answer.version, ...(kind === "notice" ? { notice } : {}) });
        } else if (response.status === 409) {
          out.conflicts++;
          versions.set(stationId, (JSON.parse(text) as { error: { details: { current: { version: number } } } }).error.details.current.version);
        } else {
          out.errors++;
          if (out.errorSamples.length < 5) out.errorSamples.push(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
        }
      } catch (error) {
        out.errors++;
        if (out.errorSamples.length < 5) out.errorSamples.push(`${method} ${path}: ${String(error)}`);
        // The write's fate is unknown: read the version back so the next save is not a certain 409.
        const db2 = new pg.Client({ connectionString: options.databaseUrl });
        await db2.connect();
        const { rows } = await db2.query<{ version: number }>("SELECT version FROM stations WHERE id = $1::uuid", [stationId]);
        await db2.end();
        versions.set(stationId, rows[0].version);
      }
    }
  } finally {
    agent.destroy();
  }
}

/**
 * Every acknowledged write must be in the database: one audit row each by the writers on their stations
 * (and no more), every acknowledged notice among the audited ones, each station's version moved on by
 * exactly its acknowledged writes, and its notice the last one acknowledged.
 */
async function verify(databaseUrl: string, writers: Writer[], startVersions: Map<string, number>, acks: Ack[]): Promise<Verification> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const stationIds = writers.flatMap((w) => w.stationIds);
    const labels = writers.map((w) => `user:${w.username}`);
    const audit = await db.query<{ station_id: string; entity: string; notice: string | null }>(
      `SELECT station_id, entity, after->>'notice' AS notice FROM audit_events
       WHERE actor_label = ANY($1::text[]) AND station_id = ANY($2::uuid[]) AND entity IN ('station', 'station_amenities')`,
      [labels, stationIds],
    );
    const auditedNotices = new Set(audit.rows.filter((r) => r.entity === "station").map((r) => `${r.station_id} ${r.notice}`));
    const noticesMissing = acks.filter((a) => a.kind === "notice" && !auditedNotices.has(`${a.stationId} ${a.notice}`)).length;
    const { rows: stations } = await db.query<{ id: string; version: number; notice: string | null }>("SELECT id, version, notice FROM stations WHERE id = ANY($1::uuid[])", [stationIds]);
    let versionMismatches = 0;
    let finalNoticeMismatches = 0;
    for (const station of stations) {
      const own = acks.filter((a) => a.stationId === station.id);
      if (station.version !== startVersions.get(station.id)! + own.length) versionMismatches++;
      const lastNotice = own.filter((a) => a.kind === "notice").at(-1)?.notice;
      if (lastNotice !== undefined && station.notice !== lastNotice) finalNoticeMismatches++;
    }
    return { acknowledged: acks.length, auditRows: audit.rowCount ?? 0, noticesMissing, versionMismatches, finalNoticeMismatches };
  } finally {
    await db.end();
  }
}

export async function runMixedLoad(options: LoadOptions): Promise<LoadResult> {
  const db = new pg.Client({ connectionString: options.databaseUrl });
  await db.connect();
  const { rows: stationRows } = await db.query<{ id: string; version: number }>("SELECT id, version FROM stations ORDER BY code");
  await db.end();
  const startVersions = new Map(stationRows.map((r) => [r.id, r.version]));
  const paths = readPaths(stationRows.map((r) => r.id));
  const readConnections = options.connections - options.writers.length;

  const out: WriteTally = { attempts: 0, acks: [], latencies: [], conflicts: 0, errors: 0, errorSamples: [] };
  // Before the clock starts: sessions, and one request per path so that `next start` has loaded every route.
  const signedIn = await Promise.all(options.writers.map(async (w, i) => ({ ...w, cookie: await signIn(options.baseUrl, w, i) })));
  for (const path of new Set(paths)) {
    const response = await fetch(`${options.baseUrl}${path}`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`warm-up: ${path} answered ${response.status}`);
  }
  const deadline = Date.now() + options.seconds * 1000;
  let next = 0;
  const reads = autocannon({
    url: options.baseUrl,
    connections: readConnections,
    duration: options.seconds,
    timeout: CLIENT_TIMEOUT_MS / 1000,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
  });
  const started = performance.now();
  await Promise.all(signedIn.map((writer, index) => runWriter(options, writer, index, startVersions, deadline, out)));
  const readResult = await reads;
  const seconds = (performance.now() - started) / 1000;

  const readErrors = readResult.errors + readResult.timeouts + readResult.non2xx;
  if (readErrors) out.errorSamples.push(`reads: ${readResult.errors} errors, ${readResult.timeouts} timeouts, ${readResult.non2xx} non-2xx`);
  return {
    seconds,
    reads: {
      connections: readConnections,
      requests: readResult.requests.total,
      rps: readResult.requests.total / seconds,
      p50: readResult.latency.p50,
      p99: readResult.latency.p99,
      ok: readResult["2xx"],
      conflicts: 0,
      errors: readErrors,
    },
    writes: {
      connections: options.writers.length,
      requests: out.attempts,
      rps: out.attempts / seconds,
      p50: percentile(out.latencies, 50),
      p99: percentile(out.latencies, 99),
      ok: out.acks.length,
      conflicts: out.conflicts,
      errors: out.errors,
    },
    verification: await verify(options.databaseUrl, options.writers, startVersions, out.acks),
    errorSamples: out.errorSamples,
  };
}

/** True when the run had no errors and every acknowledged write was found. */
export function loadPassed(result: LoadResult): boolean {
  const v = result.verification;
  return (
    result.reads.errors === 0 &&
    result.writes.errors === 0 &&
    result.writes.conflicts === 0 &&
    v.acknowledged > 0 &&
    v.auditRows === v.acknowledged &&
    v.noticesMissing === 0 &&
    v.versionMismatches === 0 &&
    v.finalNoticeMismatches === 0
  );
}

export function loadTable(result: LoadResult): string {
  const row = (name: string, s: TrafficStats) =>
    `| ${name} | ${s.connections} | ${s.requests} | ${s.rps.toFixed(0)} | ${s.p50} | ${s.p99} | ${s.ok} | ${s.conflicts} | ${s.errors} |`;
  const v = result.verification;
  return [
    "| traffic | connections | requests | req/s | p50 ms | p99 ms | 2xx | 409 | errors |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    row("public reads (API, pages, GeoJSON)", result.reads),
    row("staff writes (notice PATCH, amenities PUT)", result.writes),
    "",
    "| acknowledged writes | audit rows found | acknowledged notices missing | stations whose version ≠ start + acks | stations whose notice ≠ last ack |",
    "|---:|---:|---:|---:|---:|",
    `| ${v.acknowledged} | ${v.auditRows} | ${v.noticesMissing} | ${v.versionMismatches} | ${v.finalNoticeMismatches} |`,
  ].join("\n");
}
