import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { childProcessEnv } from "@/lib/env";

/**
 * Playwright cannot download its own browser on these offline machines; it drives Debian's Chromium.
 * On a fresh Debian machine where we are root, install it from apt as the test command's own step;
 * anywhere else, say exactly what is missing.
 */
export function ensureChromium(executablePath: string): void {
  if (existsSync(executablePath)) return;
  const canApt = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (canApt && executablePath === "/usr/bin/chromium") {
    console.log("Chromium is missing: installing Debian's chromium package for the browser tests…");
    for (const args of [["update", "-qq"], ["install", "-y", "-qq", "chromium"]]) {
      const result = spawnSync("apt-get", args, { stdio: "inherit", env: childProcessEnv({ DEBIAN_FRONTEND: "noninteractive" }) });
      if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed`);
    }
    if (existsSync(executablePath)) return;
  }
  throw new Error(
    `No Chromium at ${executablePath}. Install one (Debian: apt-get install chromium) or point CHROMIUM_PATH at a Chromium or Chrome binary.`,
  );
}
