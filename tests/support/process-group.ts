import { spawn, type ChildProcess } from "node:child_process";
import { childProcessEnv } from "@/lib/env";
import { nextBin, productionServer } from "@/scripts/lib/next-build";
import { freePort } from "@/scripts/lib/test-database";

/** A command started in a process group of its own, so a signal to the group reaches everything it started. */
export type ProcessGroup = {
  child: ChildProcess;
  /** stdout and stderr so far, for failure messages. */
  output(): string;
  exited: Promise<void>;
  /** Whether any process of the group is still alive (npm start leaves tsx, PGlite and the server behind it). */
  alive(): boolean;
  /** Sends `signal` to the whole group (if it is still there) and waits for the command to exit. */
  signal(signal: NodeJS.Signals): Promise<void>;
};

export function spawnProcessGroup(command: string, args: string[], env: Record<string, string | undefined>): ProcessGroup {
  const child = spawn(command, args, { env: childProcessEnv(env), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const alive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  return {
    child,
    output: () => output,
    exited,
    alive,
    async signal(signal) {
      if (alive()) process.kill(-child.pid!, signal);
      await exited;
    },
  };
}

/** Polls `url` until it answers 2xx and returns that answer; fails when the command exits first or after `timeoutMs`. */
export async function waitUntilAnswers(group: ProcessGroup, url: string, { timeoutMs = 60_000, label = "the server" } = {}): Promise<Response> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (group.child.exitCode !== null) throw new Error(`${label} exited early:\n${group.output()}`);
    const response = await fetch(url).catch(() => null);
    if (response?.ok) return response;
    await response?.body?.cancel();
    if (performance.now() > deadline) {
      await group.signal("SIGKILL");
      throw new Error(`${label} did not answer in ${timeoutMs / 1000} s:\n${group.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export type AppServer = { origin: string; output(): string; stop(): Promise<void> };

/**
 * Starts the production build on a free port and waits until `readyPath` answers: the production server
 * (scripts/serve.ts, what `npm start` runs) or, to compare with it, plain `next start`.
 */
export async function startAppServer(options: {
  kind?: "production" | "next-start";
  env?: Record<string, string | undefined>;
  readyPath?: string;
  hostname?: string;
}): Promise<AppServer> {
  const port = await freePort();
  const { command, args } = options.kind === "next-start" ? { command: nextBin, args: ["start", "-p", String(port)] } : productionServer(port, options.hostname);
  const group = spawnProcessGroup(command, args, { NODE_ENV: "production", ...options.env });
  const origin = `http://127.0.0.1:${port}`;
  const ready = await waitUntilAnswers(group, `${origin}${options.readyPath ?? "/api/v1/amenities"}`, { label: `${command} ${args.join(" ")}` });
  await ready.body?.cancel();
  return { origin, output: group.output, stop: () => group.signal("SIGTERM") };
}
