import { spawn } from "node:child_process";
import { childProcessEnv } from "@/lib/env";
import { nextBin, productionServer } from "@/scripts/lib/next-build";
import { freePort } from "@/scripts/lib/test-database";

export type AppServer = { origin: string; output(): string; stop(): Promise<void> };

/**
 * Starts the production build on a free port and waits until `readyPath` answers 2xx: the production
 * server (scripts/serve.ts, what `npm start` runs) or, to compare with it, plain `next start`. The server
 * gets its own process group, so stopping it stops everything it started.
 */
export async function startAppServer(options: {
  kind?: "production" | "next-start";
  env?: Record<string, string | undefined>;
  readyPath?: string;
}): Promise<AppServer> {
  const port = await freePort();
  const { command, args } = options.kind === "next-start" ? { command: nextBin, args: ["start", "-p", String(port)] } : productionServer(port);
  const child = spawn(command, args, {
    env: childProcessEnv({ NODE_ENV: "production", ...options.env }),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  const server: AppServer = {
    origin,
    output: () => output,
    async stop() {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        return; // already gone
      }
      await exited;
    },
  };
  const deadline = performance.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(" ")} exited early:\n${output}`);
    if ((await fetch(`${origin}${options.readyPath ?? "/api/v1/amenities"}`).catch(() => null))?.ok) return server;
    if (performance.now() > deadline) {
      await server.stop();
      throw new Error(`${command} ${args.join(" ")} did not answer in 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
