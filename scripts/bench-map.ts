/**
 * `npm run bench:map [-- --count=100000 | --database=postgres://…]`: the finder's map over many stations, as a
 * browser sees it. On the synthetic dataset of that many stations (`npm run data:synthetic`'s database on
 * DATABASE_URL's server, made if missing) or on a database given as it is, with the production build on the production server (scripts/serve.ts),
 * Debian's Chromium drives the map through a fixed sequence of pans and zooms over China, at phone and
 * desktop size. For every map update it records the cluster request's bytes on the wire (headers + gzip
 * body, as Chromium counts them), the server's time (its Server-Timing header) and the time the browser
 * waited, then checks the budgets: at most 100 ms on the server and 50 KB on the wire per update.
 *
 * For comparison it times, on the same database and the same areas, the stateless alternative the
 * design rejected: grid aggregation in SQL (GROUP BY a grid of the cluster radius). Prints a table,
 * writes its section of docs/BENCHMARKS.md, and exits 1 when an update is over budget.
 */
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { chromium, type Browser, type Page, type Response } from "@playwright/test";
import pg from "pg";
import { childProcessEnv, env, requireDatabaseUrl } from "@/lib/env";
import { ensureSyntheticDatabase } from "./lib/synthetic-stations";
import { localAuthSecret } from "./lib/auth-secret";
import { writeBenchmarkSection } from "./lib/benchmarks-doc";
import { buildIfStale, productionServer } from "./lib/next-build";
import { median, stop, waitFor } from "./lib/servers";
import { freePort } from "./lib/test-database";

const SECTION = "Map updates over many stations (server-side clusters)";
const SERVER_BUDGET_MS = 100;
const WIRE_BUDGET_BYTES = 50 * 1024;
/** The cluster radius the server uses, for the SQL grid of the same coarseness. */
const RADIUS_PX = 60;

type Step = { label: string; act: (page: Page) => Promise<void> };
type Update = { viewport: string; step: string; zoom: number; bbox: string; clusters: number; stations: number; wireBytes: number; bodyBytes: number; encoding: string; serverMs: number; waitMs: number };

const zoomButton = (page: Page, name: "放大" | "缩小") => page.getByRole("button", { name, exact: true }).or(page.getByRole("link", { name, exact: true }));

async function drag(page: Page, dx: number, dy: number) {
  const box = (await page.getByTestId("station-map").boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await page.mouse.up();
}

/** Taps the cluster with the most stations on screen (the answer also covers a margin around it): the densest place, where the payload is largest. */
async function tapBiggestCluster(page: Page) {
  const clusters = page.getByRole("button", { name: /个驿站，点按放大$/ });
  const counts = await clusters.evaluateAll((items) => {
    const map = items[0]?.closest(".leaflet-container")?.getBoundingClientRect();
    return items.map((item) => {
      const box = item.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      const onScreen = map && x > map.left && x < map.right && y > map.top && y < map.bottom && y > 0 && y < window.innerHeight;
      return onScreen ? Number(/^(\d+)/.exec(item.getAttribute("aria-label") ?? "")?.[1] ?? 0) : 0;
    });
  });
  if (Math.max(0, ...counts) === 0) throw new Error("no cluster on screen to tap");
  await clusters.nth(counts.indexOf(Math.max(...counts))).click();
}

const zoomOut = (page: Page) => zoomButton(page, "缩小").first().click();
const zoomIn = (page: Page) => zoomButton(page, "放大").first().click();

/** From the finder's first view (Liaoning, zoom 7) out to the map's widest (zoom 5), across China, and down into its densest places. */
const STEPS: Step[] = [
  { label: "zoom out", act: zoomOut },
  { label: "zoom out (the map's widest)", act: zoomOut },
  { label: "pan west", act: (page) => drag(page, 300, 0) },
  { label: "pan west", act: (page) => drag(page, 300, 0) },
  { label: "pan south", act: (page) => drag(page, 0, -250) },
  { label: "pan east", act: (page) => drag(page, -350, 50) },
  { label: "tap densest cluster", act: tapBiggestCluster },
  { label: "tap densest cluster", act: tapBiggestCluster },
  { label: "pan", act: (page) => drag(page, 150, 100) },
  { label: "tap densest cluster", act: tapBiggestCluster },
  { label: "pan", act: (page) => drag(page, -200, 0) },
  { label: "tap densest cluster", act: tapBiggestCluster },
  { label: "pan", act: (page) => drag(page, 0, 150) },
  { label: "zoom in", act: zoomIn },
  { label: "pan", act: (page) => drag(page, 120, -120) },
  { label: "zoom out", act: zoomOut },
  { label: "zoom out", act: zoomOut },
  { label: "zoom out", act: zoomOut },
  { label: "pan", act: (page) => drag(page, -250, 200) },
  { label: "pan", act: (page) => drag(page, 250, 200) },
  { label: "tap densest cluster", act: tapBiggestCluster },
];

const isClusterResponse = (response: Response) => response.url().includes("/api/v1/stations/clusters?");

async function measure(response: Response, viewport: string, step: string): Promise<Update> {
  const body = await response.body();
  const sizes = await response.request().sizes();
  const timing = response.request().timing();
  const url = new URL(response.url());
  const answer = JSON.parse(body.toString("utf8")) as { clusters: unknown[]; stations: unknown[] };
  return {
    viewport,
    step,
    zoom: Number(url.searchParams.get("zoom")),
    bbox: url.searchParams.get("bbox") ?? "",
    clusters: answer.clusters.length,
    stations: answer.stations.length,
    wireBytes: sizes.responseHeadersSize + sizes.responseBodySize,
    bodyBytes: body.length,
    encoding: (await response.allHeaders())["content-encoding"] ?? "identity",
    serverMs: Number(/dur=([\d.]+)/.exec(response.headers()["server-timing"] ?? "")?.[1] ?? NaN),
    waitMs: timing.responseEnd - timing.requestStart,
  };
}

/** A move within the area already asked for (the map widens it to whole tiles) sends no request: wait a while for one. */
const QUIET_MS = 3_000;

async function runViewport(
  browser: Browser,
  baseUrl: string,
  viewport: { name: string; width: number; height: number },
): Promise<{ updates: Update[]; unchanged: string[]; page: { wireBytes: number; mode: string } }> {
  const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: "zh-CN", timezoneId: "Asia/Shanghai", serviceWorkers: "block" });
  const page = await context.newPage();
  await page.route(/tile\.openstreetmap\.org/, (route) => route.abort());
  const updates: Update[] = [];
  const unchanged: string[] = [];
  try {
    const first = page.waitForResponse(isClusterResponse);
    const document = await page.goto(baseUrl);
    const documentSizes = await document!.request().sizes();
    const mode = (await page.getByTestId("station-data").getAttribute("data-mode")) ?? "unknown";
    if (mode !== "clusters") throw new Error(`the finder carries every station (data-mode=${mode}): the database has too few stations for this benchmark`);
    updates.push(await measure(await first, viewport.name, "first view (Liaoning)"));
    for (const step of STEPS) {
      const next = page.waitForResponse(isClusterResponse, { timeout: QUIET_MS }).catch(() => null);
      await step.act(page);
      const response = await next;
      if (response) updates.push(await measure(response, viewport.name, step.label));
      else unchanged.push(step.label);
      // Let the markers settle before the next move, as a reader would look at the map.
      await page.waitForLoadState("networkidle");
    }
    return { updates, unchanged, page: { wireBytes: documentSizes.responseHeadersSize + documentSizes.responseBodySize, mode } };
  } finally {
    await context.close();
  }
}

/** The rejected design on the same areas: a grid of the cluster radius, aggregated in SQL. Median of 3. */
async function sqlGridMs(client: pg.Client, update: Update): Promise<{ ms: number; cells: number }> {
  const [west, south, east, north] = update.bbox.split(",").map(Number);
  const cell = (360 / (256 * 2 ** update.zoom)) * RADIUS_PX;
  const times: number[] = [];
  let cells = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const result = await client.query(
      `SELECT count(*) AS n, avg(lat) AS lat, avg(lng) AS lng, min(id::text) AS id
         FROM stations WHERE lng BETWEEN $1 AND $3 AND lat BETWEEN $2 AND $4
        GROUP BY floor(lng / $5), floor(lat / $5)`,
      [west, south, east, north, cell],
    );
    times.push(performance.now() - started);
    cells = result.rowCount ?? 0;
  }
  return { ms: median(times), cells };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const max = (values: number[]) => Math.max(...values);

const argument = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);

/** `--database=URL` measures that database as it is; otherwise the synthetic dataset of `--count` stations. */
async function benchDatabase(): Promise<string> {
  const given = argument("database");
  if (given) return given;
  const count = argument("count") ?? "100000";
  if (!/^\d+$/.test(count)) throw new Error(`--count must be a whole number, not ${count}`);
  return ensureSyntheticDatabase(requireDatabaseUrl(), Number(count));
}

async function main() {
  const databaseUrl = await benchDatabase();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const stations = Number((await client.query("SELECT count(*) AS n FROM stations")).rows[0].n);
  if (stations <= env.FINDER_EMBED_LIMIT) throw new Error(`${stations} stations: the finder carries them all up to FINDER_EMBED_LIMIT=${env.FINDER_EMBED_LIMIT}; ask for more (--count)`);

  const childEnv = childProcessEnv({ DATABASE_URL: databaseUrl, AUTH_SECRET: env.AUTH_SECRET ?? localAuthSecret() });
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    await buildIfStale(childEnv);
    const port = await freePort();
    const { command, args } = productionServer(port);
    server = spawn(command, args, { env: childEnv, stdio: ["ignore", "ignore", "inherit"] });
    const baseUrl = `http://127.0.0.1:${port}/`;
    await waitFor(`${baseUrl}api/v1/amenities`);
    // The index is built once per process; time that apart from the updates it then answers.
    const coldStarted = performance.now();
    const cold = await fetch(`${baseUrl}api/v1/stations/clusters?bbox=118,38,126,44&zoom=7`);
    const coldMs = performance.now() - coldStarted;
    if (!cold.ok) throw new Error(`clusters: ${cold.status}`);

    browser = await chromium.launch({ executablePath: env.CHROMIUM_PATH, args: ["--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
    const runs = [];
    for (const viewport of [{ name: "phone 360×740", width: 360, height: 740 }, { name: "desktop 1280×800", width: 1280, height: 800 }]) {
      runs.push({ viewport, ...(await runViewport(browser, baseUrl, viewport)) });
    }
    const updates = runs.flatMap((r) => r.updates);
    const grid: { ms: number; cells: number }[] = [];
    for (const update of updates) grid.push(await sqlGridMs(client, update));

    const over = (u: Update) => u.serverMs > SERVER_BUDGET_MS || u.wireBytes > WIRE_BUDGET_BYTES;
    const rows = updates.map(
      (u, i) =>
        `| ${u.viewport.split(" ")[0]} | ${u.step} | ${u.zoom} | ${u.clusters} | ${u.stations} | ${kb(u.wireBytes)} | ${kb(u.bodyBytes)} | ${ms(u.serverMs)} | ${ms(u.waitMs)} | ${ms(grid[i].ms)} | ${over(u) ? "**over**" : "ok"} |`,
    );
    const summary = runs.map(({ viewport, updates: list, unchanged, page }) => {
      const wire = list.map((u) => u.wireBytes);
      const server = list.map((u) => u.serverMs);
      const wait = list.map((u) => u.waitMs);
      return `| ${viewport.name} | ${list.length} (+${unchanged.length} without a request) | ${kb(median(wire))} | ${kb(max(wire))} | ${ms(median(server))} | ${ms(max(server))} | ${ms(median(wait))} | ${ms(max(wait))} | ${kb(page.wireBytes)} |`;
    });
    const gridMs = grid.map((g) => g.ms);
    const overBudget = updates.filter(over);
    const encodings = [...new Set(updates.map((u) => u.encoding))].join(", ");
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} at the end`;
    const markdown = `Written by \`npm run bench:map\` (scripts/bench-map.ts) on ${argument("database") ? `the database \`${new URL(databaseUrl).pathname.slice(1)}\`` : "the synthetic dataset (`npm run data:synthetic`)"}; re-run it to refresh.
Chromium drives the finder's map (production build on the production server, no tile server) through ${STEPS.length} pans, zooms and
cluster taps over China after its first view, at phone and desktop size. One row per map update: the cluster request's
bytes on the wire (response headers + body as sent, content encoding: ${encodings}), the server's time from its
\`Server-Timing\` header, and the time the browser waited (request sent → response read). Budgets per update:
${SERVER_BUDGET_MS} ms on the server, ${WIRE_BUDGET_BYTES / 1024} KB on the wire.

- Date: ${new Date().toISOString().slice(0, 10)}; machine: ${machine}
- Stations: ${stations.toLocaleString("en")}; first cluster request of the process (builds the index): ${ms(coldMs)}
- SQL grid (the rejected stateless design): the same areas, \`GROUP BY floor(lng/cell), floor(lat/cell)\` with a cell of the
  cluster radius, median of 3 per area: median ${ms(median(gridMs))}, max ${ms(max(gridMs))} — a scan of every station in view,
  growing with the area, against a few milliseconds from the in-memory index whatever the area.
- Over budget: ${overBudget.length === 0 ? "none" : overBudget.map((u) => `${u.viewport} "${u.step}"`).join("; ")}

| viewport | updates | wire median | wire max | server median | server max | browser wait median | browser wait max | HTML of / on the wire |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
${summary.join("\n")}

| viewport | update | zoom | clusters | stations | wire | JSON | server | browser wait | SQL grid | budget |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|
${rows.join("\n")}
`;
    console.log(markdown);
    await writeBenchmarkSection(SECTION, markdown);
    console.log("Wrote docs/BENCHMARKS.md");
    if (overBudget.length > 0) {
      console.error(`${overBudget.length} update(s) over budget`);
      process.exitCode = 1;
    }
  } finally {
    await browser?.close();
    if (server) await stop(server);
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
