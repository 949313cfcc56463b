/**
 * `npm run bench:bundle`: the first-load JavaScript of the finder and of a station page, measured on the
 * production build (made first if stale) from its manifests, with no server or browser, so it takes a
 * second. Writes its section of docs/BENCHMARKS.md and exits non-zero when a page is over budget.
 * `npm run bench:lighthouse` measures the same budgets as transferred, with the pages' speed.
 */
import { childProcessEnv } from "@/lib/env";
import { writeBenchmarkSection } from "./lib/benchmarks-doc";
import { localAuthSecret } from "./lib/auth-secret";
import { firstLoadJsTable, measureFirstLoadJs } from "./lib/first-load-js";
import { buildIfStale } from "./lib/next-build";

await buildIfStale(childProcessEnv({ NODE_ENV: "production", AUTH_SECRET: localAuthSecret() }));
const results = measureFirstLoadJs();
const table = firstLoadJsTable(results);
console.log(table);
await writeBenchmarkSection(
  "First-load JavaScript of the build",
  `Written by \`npm run bench:bundle\` (scripts/bench-bundle.ts), and measured the same way after every build
(\`.next/first-load-js.json\`); re-run it to refresh. Read from the build's manifests: the framework's root
chunks, the chunks of the page's layouts, error boundaries and page, and those it loads with next/dynamic
(the map), each gzipped at level 6. HTTP headers and chunks asked for later are left out, so Lighthouse's
transferred total (the section below) runs a little higher.

- Date: ${new Date().toISOString().slice(0, 10)}

${table}
`,
);
console.log("Wrote docs/BENCHMARKS.md");
if (results.some((r) => !r.withinBudget)) process.exitCode = 1;
