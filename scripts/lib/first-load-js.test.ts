import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIRST_LOAD_JS_BUDGET_KIB, measureFirstLoadJs } from "./first-load-js";

/** A build directory with the manifests `next build` writes, and chunks of known content. */
async function fakeBuild(distDir: string, chunkBytes: Record<string, number>) {
  const chunk = (name: string) => `static/chunks/${name}.js`;
  // Random bytes do not compress: a chunk weighs about its size gzipped too.
  const contents = new Map(Object.entries(chunkBytes).map(([name, bytes]) => [name, randomBytes(bytes)]));
  await mkdir(path.join(distDir, "static", "chunks"), { recursive: true });
  for (const [name, content] of contents) await writeFile(path.join(distDir, chunk(name)), content);
  await writeFile(path.join(distDir, "build-manifest.json"), JSON.stringify({ rootMainFiles: [chunk("framework")], polyfillFiles: [chunk("polyfills")] }));
  const manifest = (entry: string, segments: Record<string, readonly string[]>) =>
    `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST[${JSON.stringify(`/${entry}`)}] = ${JSON.stringify({
      entryJSFiles: Object.fromEntries(Object.entries(segments).map(([segment, names]) => [segment, names.map(chunk)])),
    })};`;
  for (const [entry, segments, loadable] of [
    ["page", { "[project]/app/layout": ["layout"], "[project]/app/global-error": ["layout", "global-error"], "[project]/app/page": ["layout", "finder"] }, ["map"]],
    ["stations/[id]/page", { "[project]/app/layout": ["layout"], "[project]/app/stations/[id]/page": ["layout", "station", "framework"] }, null],
  ] as const) {
    await mkdir(path.join(distDir, "server", "app", entry), { recursive: true });
    await writeFile(path.join(distDir, "server", "app", `${entry}_client-reference-manifest.js`), manifest(entry, segments));
    if (loadable) {
      await writeFile(
        path.join(distDir, "server", "app", entry, "react-loadable-manifest.json"),
        JSON.stringify({ 1: { id: 1, files: [...loadable.map(chunk), "static/chunks/map.css", chunk("layout")] } }),
      );
    }
  }
  return (names: string[]) => names.reduce((sum, name) => sum + gzipSync(contents.get(name)!, { level: 6 }).length, 0);
}

describe("first-load JavaScript from the build's manifests", () => {
  let distDir: string;
  let gzipped: (names: string[]) => number;

  beforeAll(async () => {
    distDir = await mkdtemp(path.join(os.tmpdir(), "first-load-js-"));
    gzipped = await fakeBuild(distDir, { framework: 100_000, polyfills: 50_000, layout: 20_000, "global-error": 30_000, finder: 10_000, map: 60_000, station: 200_000 });
  });
  afterAll(() => rm(distDir, { recursive: true, force: true }));

  it("counts root, layout and page chunks once each, and the page's next/dynamic chunks apart", () => {
    const [finder, station] = measureFirstLoadJs(distDir);
    expect(finder.entryBytes).toBe(gzipped(["framework", "layout", "finder"]));
    expect(finder.dynamicBytes).toBe(gzipped(["map"]));
    expect(finder.totalBytes).toBe(finder.entryBytes + finder.dynamicBytes);
    expect(finder.files).toBe(4);
    expect(station.entryBytes).toBe(gzipped(["framework", "layout", "station"]));
    expect(station.dynamicBytes).toBe(0);
  });

  it("leaves out the polyfills modern browsers skip and the root error page", () => {
    const [finder] = measureFirstLoadJs(distDir);
    expect(finder.totalBytes).toBeLessThan(gzipped(["framework", "layout", "finder", "map", "polyfills"]));
    expect(finder.totalBytes).toBeLessThan(gzipped(["framework", "layout", "finder", "map", "global-error"]));
  });

  it("compares each page with its budget", () => {
    const [finder, station] = measureFirstLoadJs(distDir);
    expect(finder.budgetKiB).toBe(FIRST_LOAD_JS_BUDGET_KIB.finder);
    expect(station.budgetKiB).toBe(FIRST_LOAD_JS_BUDGET_KIB.station);
    // Incompressible chunks: the finder's come to ~186 KiB, the station page's to ~313 KiB.
    expect(finder.withinBudget).toBe(true);
    expect(station.withinBudget).toBe(false);
  });
});
