import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

/**
 * First-load JavaScript budgets (gzip), shared by the build-time measure below and by Lighthouse
 * (scripts/lighthouse.ts). A cheap phone on a weak signal pays for every kilobyte. The ceilings are the
 * sizes Lighthouse measured when they were set (238 and 254 KiB) plus a few per cent, so that growth is a
 * decision rather than an accident; the station page carries more (its map, the share QR code and the
 * feedback form's validation).
 */
export const FIRST_LOAD_JS_BUDGET_KIB = { finder: 250, station: 265 } as const;

export type PageKey = keyof typeof FIRST_LOAD_JS_BUDGET_KIB;

const PAGES: { key: PageKey; route: string; entry: string }[] = [
  { key: "finder", route: "/", entry: "page" },
  { key: "station", route: "/stations/[id]", entry: "stations/[id]/page" },
];

export type FirstLoadJs = { key: PageKey; route: string; files: number; entryBytes: number; dynamicBytes: number; totalBytes: number; budgetKiB: number; withinBudget: boolean };

export const RECORD_FILE = "first-load-js.json";

/**
 * What a first visit to each page downloads, read from the build's own manifests: the framework's root
 * chunks, the chunks of the page's layouts, error boundaries and page (its client reference manifest), and
 * the chunks of what it imports with next/dynamic (its loadable manifest; the map loads that way at once).
 * Each file counts gzipped at level 6, as `next start` sends it. It leaves out HTTP headers and chunks asked
 * for later, so Lighthouse's transferred total is a little higher (about 11 KiB on 2026-11-27).
 */
export function measureFirstLoadJs(distDir = ".next"): FirstLoadJs[] {
  const rootFiles: string[] = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")).rootMainFiles;
  const gzipped = new Map<string, number>();
  const bytes = (files: Iterable<string>) =>
    [...files].reduce((sum, file) => {
      if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(path.join(distDir, file)), { level: 6 }).length);
      return sum + gzipped.get(file)!;
    }, 0);

  return PAGES.map(({ key, route, entry }) => {
    const entryFiles = new Set(rootFiles);
    for (const [segment, files] of Object.entries(clientReferenceManifest(distDir, entry).entryJSFiles)) {
      // The root error page replaces the whole document and loads only when the root layout itself fails.
      if (!segment.endsWith("/global-error")) files.forEach((file) => entryFiles.add(file));
    }
    const dynamicFiles = new Set<string>();
    const loadable = path.join(distDir, "server", "app", entry, "react-loadable-manifest.json");
    if (existsSync(loadable)) {
      for (const { files } of Object.values(JSON.parse(readFileSync(loadable, "utf8")) as Record<string, { files: string[] }>)) {
        files.filter((file) => file.endsWith(".js") && !entryFiles.has(file)).forEach((file) => dynamicFiles.add(file));
      }
    }
    const entryBytes = bytes(entryFiles);
    const dynamicBytes = bytes(dynamicFiles);
    const totalBytes = entryBytes + dynamicBytes;
    const budgetKiB = FIRST_LOAD_JS_BUDGET_KIB[key];
    return { key, route, files: entryFiles.size + dynamicFiles.size, entryBytes, dynamicBytes, totalBytes, budgetKiB, withinBudget: totalBytes <= budgetKiB * 1024 };
  });
}

/** The manifest is a script that assigns to `globalThis.__RSC_MANIFEST`; it runs in a context of its own. */
function clientReferenceManifest(distDir: string, entry: string): { entryJSFiles: Record<string, string[]> } {
  const context: { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } = {};
  vm.runInNewContext(readFileSync(path.join(distDir, "server", "app", `${entry}_client-reference-manifest.js`), "utf8"), context);
  const manifest = Object.values(context.__RSC_MANIFEST ?? {})[0];
  if (!manifest) throw new Error(`no client reference manifest for ${entry} in ${distDir}`);
  return manifest;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function firstLoadJsTable(results: FirstLoadJs[]): string {
  return [
    "| page | files | entry chunks | next/dynamic chunks | first-load JS (gzip) | budget | |",
    "|---|---:|---:|---:|---:|---:|---|",
    ...results.map(
      (r) => `| \`${r.route}\` | ${r.files} | ${kib(r.entryBytes)} | ${kib(r.dynamicBytes)} | ${kib(r.totalBytes)} | ${r.budgetKiB} KiB | ${r.withinBudget ? "within" : "**over budget**"} |`,
    ),
  ].join("\n");
}

/**
 * Runs after every production build: prints the figures and keeps them beside the build
 * (`.next/first-load-js.json`), so every build says what it weighs. Over budget it warns; failing is the
 * benchmark's job (npm run bench:bundle), not the build's or the tests'.
 */
export async function recordFirstLoadJs(distDir = ".next"): Promise<FirstLoadJs[]> {
  const results = measureFirstLoadJs(distDir);
  await writeFile(path.join(distDir, RECORD_FILE), `${JSON.stringify({ measuredAt: new Date().toISOString(), pages: results }, null, 2)}\n`);
  console.log(`First-load JavaScript of this build:\n${firstLoadJsTable(results)}`);
  for (const r of results.filter((result) => !result.withinBudget)) {
    console.warn(`Warning: ${r.route} loads ${kib(r.totalBytes)} of JavaScript, over its budget of ${r.budgetKiB} KiB (npm run bench:bundle fails on this).`);
  }
  return results;
}
