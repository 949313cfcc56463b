/**
 * `npm run bench:lighthouse`: Lighthouse on the finder page (/) and on a station page as a first-time
 * visitor on a phone sees them: the production build on the production server (`npm start`), the 571-station sample in a database
 * of the script's own, and Lighthouse's default mobile preset (a mid-range phone, simulated slow 4G and a
 * 4× slower CPU). Three runs per page; the tables give medians, the diagnostics come from Lighthouse's
 * median run. Writes its section of docs/BENCHMARKS.md and each page's median report to
 * tmp/lighthouse-<page>.json (open it in https://googlechrome.github.io/lighthouse/viewer/), then exits
 * non-zero when a page is over one of the front-end budgets below.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { type Result } from "lighthouse";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";
import { createPrismaClient } from "@/lib/db";
import { childProcessEnv, env } from "@/lib/env";
import { writeBenchmarkSection } from "./lib/benchmarks-doc";
import { FIRST_LOAD_JS_BUDGET_KIB } from "./lib/first-load-js";
import { buildIfStale, productionServer } from "./lib/next-build";
import { freePort, provisionTestDatabase } from "./lib/test-database";
import { median, stop, waitFor } from "./lib/servers";
import { localAuthSecret } from "./lib/auth-secret";

const RUNS = 3;
const SECTION = "First load of / and of a station page (Lighthouse, mobile preset)";

/**
 * The front-end budgets, on the median run of each page. The JavaScript ceilings (what the server sends,
 * gzipped) are shared with the build-time measure and explained there. LCP 2.5 s is the edge of Google's
 * "good"; the score leaves room for this machine's noise (runs spread about ±5).
 */
const BUDGETS = { firstLoadJsKiB: FIRST_LOAD_JS_BUDGET_KIB, performanceScore: 85, lcpSeconds: 2.5 };
const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

type Item = Record<string, unknown>;

const items = (lhr: Result, audit: string): Item[] => ((lhr.audits[audit]?.details as { items?: Item[] } | undefined)?.items ?? []);
const numeric = (lhr: Result, audit: string): number => lhr.audits[audit]?.numericValue ?? NaN;
const score = (lhr: Result, category: string): number => Math.round((lhr.categories[category]?.score ?? NaN) * 100);
const kib = (bytes: number) => (bytes / 1024).toFixed(0);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const shortUrl = (url: string) => url.replace(/^https?:\/\/[^/]+/, "");

function scripts(lhr: Result): { url: string; transfer: number; resource: number }[] {
  return items(lhr, "network-requests")
    .filter((item) => item.resourceType === "Script")
    .map((item) => ({ url: String(item.url), transfer: Number(item.transferSize ?? 0), resource: Number(item.resourceSize ?? 0) }));
}

const firstLoadJs = (lhr: Result) => scripts(lhr).reduce((sum, s) => sum + s.transfer, 0);

function summaryTable(runs: Result[]): string {
  const row = (label: string, values: number[], format: (v: number) => string) =>
    `| ${label} | ${format(median(values))} | ${values.map(format).join(", ")} |`;
  const metric = (label: string, audit: string, format: (v: number) => string) => row(label, runs.map((lhr) => numeric(lhr, audit)), format);
  const category = (label: string, id: string) => row(label, runs.map((lhr) => score(lhr, id)), String);
  return [
    "| measure | median | runs |",
    "|---|---:|---|",
    category("Performance score", "performance"),
    category("Accessibility", "accessibility"),
    category("Best practices", "best-practices"),
    category("SEO", "seo"),
    metric("First Contentful Paint", "first-contentful-paint", seconds),
    metric("Largest Contentful Paint", "largest-contentful-paint", seconds),
    metric("Total Blocking Time", "total-blocking-time", (v) => `${v.toFixed(0)} ms`),
    metric("Cumulative Layout Shift", "cumulative-layout-shift", (v) => v.toFixed(3)),
    metric("Speed Index", "speed-index", seconds),
    row("First-load JavaScript (transferred)", runs.map(firstLoadJs), (v) => `${kib(v)} KiB`),
    row("HTML (transferred)", runs.map((lhr) => Number(items(lhr, "network-requests").find((i) => i.resourceType === "Document")?.transferSize ?? NaN)), (v) => `${kib(v)} KiB`),
    metric("Total bytes (transferred)", "total-byte-weight", (v) => `${kib(v)} KiB`),
  ].join("\n");
}

/** Where the median run's time and bytes went: the scripts, the main thread, and every insight with savings. */
function diagnostics(lhr: Result): string {
  const bootup = new Map(items(lhr, "bootup-time").map((i) => [String(i.url), Number(i.total ?? 0)]));
  const unused = new Map(items(lhr, "unused-javascript").map((i) => [String(i.url), Number(i.wastedBytes ?? 0)]));
  const scriptRows = scripts(lhr)
    .sort((a, b) => b.transfer - a.transfer)
    .map((s) => `| \`${shortUrl(s.url)}\` | ${kib(s.transfer)} | ${kib(s.resource)} | ${unused.has(s.url) ? kib(unused.get(s.url) ?? 0) : "–"} | ${bootup.has(s.url) ? (bootup.get(s.url) ?? 0).toFixed(0) : "–"} |`);
  const mainThread = items(lhr, "mainthread-work-breakdown")
    .map((i) => `${String(i.groupLabel ?? i.group)} ${Number(i.duration).toFixed(0)} ms`)
    .join(", ");
  const performanceRefs = lhr.categories.performance?.auditRefs ?? [];
  const findings = performanceRefs
    .filter((ref) => ref.group === "insights" || ref.group === "diagnostics")
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative" && audit.scoreDisplayMode !== "notApplicable")
    .map((audit) => {
      const savings = Object.entries(audit.metricSavings ?? {})
        .filter(([, value]) => (value ?? 0) > 0)
        .map(([key, value]) => `${key} −${key === "CLS" ? Number(value).toFixed(3) : `${Number(value).toFixed(0)} ms`}`)
        .join(", ");
      return `- ${audit.title}${audit.displayValue ? `: ${audit.displayValue}` : ""}${savings ? ` (estimated savings ${savings})` : ""}`;
    });
  return [
    "Scripts loaded by the median run (transferred and uncompressed KiB; unused: Lighthouse's estimate of bytes not executed during load; main thread: evaluation, parse and compile at the emulated CPU speed):",
    "",
    "| script | transferred KiB | uncompressed KiB | unused KiB | main thread ms |",
    "|---|---:|---:|---:|---:|",
    ...scriptRows,
    "",
    `Main thread (median run, emulated CPU): ${mainThread}.`,
    "",
    "Lighthouse's findings on the median run (failed insights and diagnostics):",
    "",
    ...(findings.length ? findings : ["- none"]),
  ].join("\n");
}

type PageResult = { label: string; path: string; medianRun: Result; table: string; details: string; overBudget: string[] };

async function measurePage(chromePort: number, origin: string, label: keyof typeof BUDGETS.firstLoadJsKiB, path: string): Promise<PageResult> {
  const url = `${origin}${path}`;
  // Warm-up, so that Lighthouse's server response time is the page's, not the first request's JIT.
  for (let i = 0; i < 3; i++) await fetch(url).then((r) => r.text());
  const runs: Result[] = [];
  for (let run = 1; run <= RUNS; run++) {
    // The default config: the mobile preset with simulated throttling. Storage (including the service
    // worker) is reset before each run, so every run is a first visit.
    const result = await lighthouse(url, { port: chromePort, output: "json", logLevel: "error" });
    if (!result) throw new Error("Lighthouse returned no result");
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    for (const warning of lhr.runWarnings) console.warn(`warning: ${warning}`);
    runs.push(lhr);
    console.log(`${label} run ${run}: performance ${score(lhr, "performance")}, LCP ${seconds(numeric(lhr, "largest-contentful-paint"))}, TBT ${numeric(lhr, "total-blocking-time").toFixed(0)} ms, JS ${kib(firstLoadJs(lhr))} KiB`);
  }
  const medianRun = computeMedianRun(runs);
  const js = median(runs.map(firstLoadJs)) / 1024;
  const performance = median(runs.map((lhr) => score(lhr, "performance")));
  const lcp = median(runs.map((lhr) => numeric(lhr, "largest-contentful-paint"))) / 1000;
  const overBudget = [
    js > BUDGETS.firstLoadJsKiB[label] ? `first-load JavaScript ${js.toFixed(0)} KiB > ${BUDGETS.firstLoadJsKiB[label]} KiB` : "",
    performance < BUDGETS.performanceScore ? `performance score ${performance} < ${BUDGETS.performanceScore}` : "",
    lcp > BUDGETS.lcpSeconds ? `LCP ${lcp.toFixed(1)} s > ${BUDGETS.lcpSeconds} s` : "",
  ].filter(Boolean);
  return { label, path, medianRun, table: summaryTable(runs), details: diagnostics(medianRun), overBudget };
}

async function main() {
  const database = await provisionTestDatabase(env.DATABASE_URL);
  const childEnv = childProcessEnv({ DATABASE_URL: database.url, AUTH_SECRET: localAuthSecret() });
  let server: ChildProcess | undefined;
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  try {
    await buildIfStale(childEnv);
    const port = await freePort();
    const { command, args } = productionServer(port);
    server = spawn(command, args, { env: childEnv, stdio: ["ignore", "ignore", "inherit"] });
    const origin = `http://127.0.0.1:${port}`;
    await waitFor(`${origin}/`);
    const db = createPrismaClient(database.url, 1);
    const station = await db.station.findFirstOrThrow({ orderBy: { code: "asc" }, select: { id: true, code: true } }).finally(() => db.$disconnect());

    chrome = await chromeLauncher.launch({ chromePath: env.CHROMIUM_PATH, chromeFlags: CHROME_FLAGS });
    const pages = [
      await measurePage(chrome.port, origin, "finder", "/"),
      await measurePage(chrome.port, origin, "station", `/stations/${station.id}`),
    ];
    await mkdir("tmp", { recursive: true });
    for (const page of pages) await writeFile(`tmp/lighthouse-${page.label}.json`, JSON.stringify(page.medianRun));

    const first = pages[0].medianRun;
    const throttling = first.configSettings.throttling;
    const budgetLines = pages.map((page) => `- ${page.label} (\`${page.label === "station" ? `/stations/<${station.code}>` : page.path}\`): ${page.overBudget.length ? `**OVER BUDGET**: ${page.overBudget.join("; ")}` : "within budget"}`);
    const sections = pages.map((page) => `### ${page.label === "finder" ? "The finder, `/`" : `A station page, \`/stations/<id of ${station.code}>\``}\n\n${page.table}\n\n${page.details}`);
    console.log(`\n${sections.join("\n\n")}\n\nBudgets:\n${budgetLines.join("\n")}`);

    // Lighthouse scales the main-thread time it observes, so other work on the machine inflates TBT: say how busy it was.
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.platform()} ${os.release()}, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} at the end`;
    await writeBenchmarkSection(
      SECTION,
      `Written by \`npm run bench:lighthouse\` (scripts/lighthouse.ts); re-run it to refresh, on every build that is to be deployed. The simulated throttling
makes the numbers depend less on the machine than real throttling would, but the CPU still counts: compare
runs on the same machine.

- Date: ${new Date().toISOString().slice(0, 10)}
- Machine: ${machine}; Lighthouse ${first.lighthouseVersion}, ${first.environment.hostUserAgent.match(/(?:Headless)?Chrome\/[\d.]+/)?.[0] ?? "Chromium"}, benchmark index ${first.environment.benchmarkIndex.toFixed(0)}
- Pages from the production server (\`npm start\`: scripts/serve.ts, the production build), the 571-station sample in a database of the script's own; no tile server reachable
- Lighthouse's default mobile preset: ${first.configSettings.screenEmulation.width} × ${first.configSettings.screenEmulation.height} px phone, simulated throttling (RTT ${throttling.rttMs} ms, ${((throttling.throughputKbps ?? 0) / 1024).toFixed(1)} Mbit/s, CPU ${throttling.cpuSlowdownMultiplier}× slower); ${RUNS} runs per page, each a first visit with empty caches
- First-load JavaScript: the sum of the transfer sizes (gzip, as the server sends them) of every script the page loaded (Lighthouse's network-requests audit)
- Budgets (median run; the script exits non-zero when a page is over one): first-load JavaScript ≤ ${BUDGETS.firstLoadJsKiB.finder} KiB for the finder and ${BUDGETS.firstLoadJsKiB.station} KiB for a station page, performance score ≥ ${BUDGETS.performanceScore}, LCP ≤ ${BUDGETS.lcpSeconds} s

${budgetLines.join("\n")}

${sections.join("\n\n")}
`,
    );
    console.log("\nWrote docs/BENCHMARKS.md and tmp/lighthouse-*.json");
    if (pages.some((page) => page.overBudget.length > 0)) process.exitCode = 1;
  } finally {
    chrome?.kill();
    if (server) await stop(server);
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
