import { expect, test, type Page } from "@playwright/test";
import { watchPolicyViolations } from "./support/csp-violations";
import { createStations } from "./support/station-fixtures";

let fixture: Awaited<ReturnType<typeof createStations>>;

test.beforeAll(async () => {
  fixture = await createStations([{ name: "工行测试离线驿站" }]);
});

test.afterAll(async () => {
  await fixture.remove();
});

test.use({ serviceWorkers: "allow" });

test.beforeEach(async ({ page }) => {
  await page.route(/tile\.openstreetmap\.org/, (route) => route.abort());
});

const offlineBanner = (page: Page) => page.getByRole("status").filter({ hasText: "离线：" });

/** Waits until the service worker controls the page, reloading once if it took over only after the load. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  const controlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 5_000 }).catch(() => page.reload());
  expect(await controlled()).toBe(true);
}

/** Waits until the page and every script and style it loaded are in the worker's caches. */
async function waitUntilSaved(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const assets = performance
          .getEntriesByType("resource")
          .map((entry) => entry.name)
          .filter((url) => new URL(url).pathname.startsWith("/_next/static/"));
        const saved = await Promise.all([location.href, ...assets].map((url) => caches.match(url)));
        return saved.every(Boolean);
      }),
      // Saving the assets the page loaded before the worker took over takes a while on a busy machine.
      { timeout: 30_000 },
    )
    .toBe(true);
}

test("offline, the finder and a station opened before still work, with a banner saying the data is saved", async ({ page, context }, testInfo) => {
  const stationPath = `/stations/${fixture.ids[0]}`;
  // The saved pages come back with the headers they were saved with: their policy's nonce still matches.
  const violations = await watchPolicyViolations(page);
  await page.goto("/");
  await waitForServiceWorker(page);
  await page.goto(stationPath);
  await expect(page.getByRole("heading", { level: 1, name: "工行测试离线驿站" })).toBeVisible();
  await waitUntilSaved(page);
  await page.goto("/");
  await waitUntilSaved(page);
  await expect(offlineBanner(page)).toBeHidden();

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId("station-data")).toHaveAttribute("data-generated-at", /^\d{4}-\d\d-\d\dT/);
  await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
  await expect(page.getByTestId("station-item").first()).toBeVisible();
  await expect(offlineBanner(page)).toBeVisible();
  await expect(offlineBanner(page)).toHaveText(/^离线：显示的是(刚刚|.+前)保存的数据$/);
  await page.screenshot({ path: `test-results/screenshots/${testInfo.project.name}-offline.png` });

  await page.goto(stationPath);
  await expect(page.getByRole("heading", { level: 1, name: "工行测试离线驿站" })).toBeVisible();
  await expect(offlineBanner(page)).toBeVisible();

  await context.setOffline(false);
  await expect(offlineBanner(page)).toBeHidden();
  violations.expectNone();
});

test("offline, a station never opened leads to the saved finder", async ({ page, context }) => {
  await page.goto("/");
  await waitForServiceWorker(page);
  await waitUntilSaved(page);

  await context.setOffline(true);
  await page.goto("/stations/00000000-0000-4000-8000-000000000001");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("station-item").first()).toBeVisible();
  await expect(offlineBanner(page)).toBeVisible();
  await context.setOffline(false);
});

test("the banner gives the age of the data the page shows", async ({ page, context }) => {
  // The phone's clock two hours after the server rendered the page: as if the page had been saved then.
  await page.clock.install({ time: Date.now() + 2 * 60 * 60 * 1000 + 5 * 60 * 1000 });
  await page.goto("/");
  await expect(page.getByTestId("station-data")).toBeAttached();
  await context.setOffline(true);
  await expect(offlineBanner(page)).toHaveText("离线：显示的是2小时前保存的数据");
  await context.setOffline(false);
  await expect(offlineBanner(page)).toBeHidden();
});
