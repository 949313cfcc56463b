import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { recordFirstLoadJs } from "./first-load-js";

export const nextBin = path.join(process.cwd(), "node_modules", ".bin", "next");

/**
 * The production server (scripts/serve.ts) as a command line: `npm start`, the browser tests, the
 * benchmarks and the tests that start the app all run what is deployed. One Node process (tsx loaded in
 * it, not a tsx wrapper), so a signal or a process-group kill reaches the server itself.
 */
export function productionServer(port: number, hostname?: string): { command: string; args: string[] } {
  const args = ["--import", "tsx", "--conditions=react-server", "scripts/serve.ts", "-p", String(port)];
  return { command: process.execPath, args: hostname ? [...args, "-H", hostname] : args };
}
const buildInputs = ["app", "components", "lib", "public", "next.config.js", "package-lock.json", "tsconfig.json"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

/** True when there is no production build or a source file changed after it was made. */
export function buildIsStale(): boolean {
  const buildId = path.join(".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return buildInputs.some((input) => newestMtime(input) > builtAt);
}

export function run(command: string, args: string[], childEnv: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env: childEnv });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

/** `next build`, then the build's first-load JavaScript, measured and kept beside it (scripts/lib/first-load-js.ts). */
export async function build(childEnv: NodeJS.ProcessEnv): Promise<void> {
  await run(nextBin, ["build"], childEnv);
  await recordFirstLoadJs();
}

export async function buildIfStale(childEnv: NodeJS.ProcessEnv): Promise<void> {
  if (!buildIsStale()) return;
  console.log("Building the app (next build)…");
  await build(childEnv);
}
