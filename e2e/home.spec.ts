import { expect, test } from "@playwright/test";
import { createStations } from "./support/station-fixtures";

let fixture: Awaited<ReturnType<typeof createStations>>;

test.beforeAll(async () => {
  // Code "E2E-…" in 和平区 sorts first in the list, and central Shenyang is inside the first map view.
  fixture = await createStations([{ name: "工行沈阳测试地图驿站", address: "辽宁省沈阳市和平区南京北街1号", lat: 41.795, lng: 123.405 }]);
});

test.afterAll(async () => {
  await fixture.remove();
});

// Tests run offline; make that explicit so the page is checked as it behaves with no tiles at all.
test.beforeEach(async ({ page }) => {
  await page.route(/tile\.openstreetmap\.org/, (route) => route.abort());
});

test("the map page draws the stations, the boundaries and a list, with no tile server", async ({ page }, testInfo) => {
  await page.goto("/");

  await expect(page.getByRole("note")).toContainText("演示数据");
  await expect(page.locator(".leaflet-container")).toBeVisible();
  // Clusters and single markers are both marker icons in Leaflet's marker pane.
  await expect(page.locator(".leaflet-marker-pane .leaflet-marker-icon").first()).toBeVisible();
  // Bundled province and city outlines drawn as SVG paths.
  await expect(page.locator(".leaflet-overlay-pane path").first()).toBeAttached();
  expect(await page.locator(".leaflet-overlay-pane path").count()).toBeGreaterThanOrEqual(2);

  await expect(page.getByTestId("list-summary")).toContainText("地图范围内");
  const list = page.getByRole("list", { name: "驿站列表" });
  await expect(list.getByRole("listitem").first()).toBeVisible();
  await expect(list.getByRole("link", { name: /工行沈阳测试地图驿站/ })).toBeVisible();

  await page.screenshot({ path: `test-results/screenshots/${testInfo.project.name}-home.png`, fullPage: true });

  await list.getByRole("link", { name: /工行沈阳测试地图驿站/ }).click();
  await expect(page).toHaveURL(new RegExp(`/stations/${fixture.ids[0]}$`));
  await expect(page.getByRole("heading", { level: 1, name: "工行沈阳测试地图驿站" })).toBeVisible();
});

test("the list follows the map: zooming in narrows it", async ({ page }) => {
  await page.goto("/");
  const summary = page.getByTestId("list-summary");
  await expect(summary).toContainText("地图范围内");
  const countIn = async () => Number((await summary.textContent())?.match(/地图范围内 (\d+) 个驿站/)?.[1]);
  const before = await countIn();
  await page.locator(".leaflet-control-zoom-in").click();
  await page.locator(".leaflet-control-zoom-in").click();
  await expect.poll(countIn).toBeLessThan(before);
});
