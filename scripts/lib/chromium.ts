import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { childProcessEnv } from "@/lib/env";

// A small Chinese font: without one, Chromium on a bare server draws every Chinese character as a box,
// and screenshots of the pages cannot be checked by eye.
const CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/**
 * Playwright cannot download its own browser on these offline machines; it drives Debian's Chromium.
 * On a fresh Debian machine where we are root, install it (and a Chinese font) from apt as the test
 * command's own step; anywhere else, say exactly what is missing.
 */
export function ensureChromium(executablePath: string): void {
  const missing = [
    ...(existsSync(executablePath) ? [] : ["chromium"]),
    ...(existsSync(CJK_FONT) ? [] : ["fonts-wqy-microhei"]),
  ];
  if (missing.length === 0) return;
  const canApt = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  const aptCanProvide = existsSync(executablePath) || executablePath === "/usr/bin/chromium";
  if (canApt && aptCanProvide) {
    console.log(`Installing Debian's ${missing.join(" and ")} for the browser tests…`);
    for (const args of [["update", "-qq"], ["install", "-y", "-qq", ...missing]]) {
      const result = spawnSync("apt-get", args, { stdio: "inherit", env: childProcessEnv({ DEBIAN_FRONTEND: "noninteractive" }) });
      if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed`);
    }
  }
  if (!existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}. Install one (Debian: apt-get install chromium) or point CHROMIUM_PATH at a Chromium or Chrome binary.`,
    );
  }
  // The tests pass without it; only what a person sees in the screenshots suffers.
  if (!existsSync(CJK_FONT)) console.warn("No Chinese font installed (Debian: apt-get install fonts-wqy-microhei): screenshots will show boxes.");
}
