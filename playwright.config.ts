import { defineConfig, devices } from "@playwright/test";
import { childProcessEnv, env } from "./lib/env";
import { productionServer } from "./scripts/lib/next-build";

const port = env.E2E_PORT;
// A second server drawing on GCJ-02 tiles (as with Amap), to check stations land where they are on either datum.
const gcj02Port = env.E2E_PORT + 1;
const serverCommand = (serverPort: number) => {
  const { command, args } = productionServer(serverPort);
  return [command, ...args].join(" ");
};

// Debian's Chromium: Playwright cannot download its own browser on these offline machines.
const chromium = {
  executablePath: env.CHROMIUM_PATH,
  args: ["--lang=zh-CN", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

const roleSpecPattern = { staff: /\/staff[^/]*\.spec\.ts$/, admin: /\/admin[^/]*\.spec\.ts$/ };
// Specs that check the phone layout in a phone-sized context of their own and run once, at desktop size.
const desktopOnly = /\.desktop\.spec\.ts$/;

function roleSpecs(role: "public" | "staff" | "admin", viewport: "phone" | "desktop") {
  const ignore = viewport === "phone" ? [desktopOnly] : [];
  return role === "public"
    ? { testIgnore: [roleSpecPattern.staff, roleSpecPattern.admin, ...ignore] }
    : { testMatch: roleSpecPattern[role], testIgnore: ignore };
}

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/playwright",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["./e2e/support/summary-reporter.ts", { outputFile: "test-results/playwright-summary.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    // The service worker answers requests that page.route and waitForResponse then never see; only the
    // offline spec, which tests the worker, lets it run.
    serviceWorkers: "block",
    screenshot: "only-on-failure",
  },
  // One project per role and viewport. Specs are named by the role they test: staff*.spec.ts for branch
  // staff, admin*.spec.ts for administrators, everything else is the public directory; *.desktop.spec.ts
  // run in the desktop project only.
  projects: [
    ...(["public", "staff", "admin"] as const).flatMap((role) => [
      { name: `${role}-phone`, ...roleSpecs(role, "phone"), use: { ...devices["Pixel 5"], viewport: { width: 360, height: 740 }, launchOptions: chromium } },
      { name: `${role}-desktop`, ...roleSpecs(role, "desktop"), use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, launchOptions: chromium } },
    ]),
    {
      name: "public-desktop-gcj02",
      testMatch: /map-datum\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, launchOptions: chromium, baseURL: `http://127.0.0.1:${gcj02Port}` },
    },
  ],
  // The production build on the production server, against the database the test runner provisioned
  // (DATABASE_URL is inherited).
  webServer: [
    {
      command: serverCommand(port),
      url: `http://127.0.0.1:${port}/api/v1/amenities`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: serverCommand(gcj02Port),
      url: `http://127.0.0.1:${gcj02Port}/api/v1/amenities`,
      env: childProcessEnv({
        TILE_DATUM: "gcj02",
        TILE_URL: "https://webrd01.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
      }) as Record<string, string>,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
