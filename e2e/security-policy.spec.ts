import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectTilesShown, serveTiles, watchPolicyViolations } from "./support/csp-violations";
import { createStations } from "./support/station-fixtures";

const SHOTS = "test-results/screenshots/security-policy";
let fixture: Awaited<ReturnType<typeof createStations>>;

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  fixture = await createStations([{ name: "工行测试安全策略驿站", notice: "测试公告" }]);
});

test.afterAll(async () => {
  await fixture.remove();
});

test("the finder, a station page, sign-in and privacy work under the security policy", async ({ page }, testInfo) => {
  const violations = await watchPolicyViolations(page);
  await serveTiles(page, /tile\.openstreetmap\.org/);

  await page.goto("/");
  await expect(page.locator(".leaflet-marker-pane .leaflet-marker-icon").first()).toBeVisible();
  await expect(page.getByTestId("station-item").first()).toBeVisible();
  await expectTilesShown(page);
  await page.screenshot({ path: `${SHOTS}/${testInfo.project.name}-home.png` });

  await page.goto(`/stations/${fixture.ids[0]}`);
  await expect(page.getByRole("heading", { level: 1, name: "工行测试安全策略驿站" })).toBeVisible();
  await expect(page.getByTestId("station-qr").locator("svg")).toBeVisible();
  await expectTilesShown(page);
  await page.screenshot({ path: `${SHOTS}/${testInfo.project.name}-station.png`, fullPage: true });

  await page.goto("/login");
  await expect(page.getByLabel("用户名或邮箱")).toBeVisible();
  await page.goto("/privacy");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  violations.expectNone();
});
