import { expect, test } from "@playwright/test";
import { createStations } from "./support/station-fixtures";

let fixture: Awaited<ReturnType<typeof createStations>>;

test.beforeAll(async () => {
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
  await expect(page.getByTestId("match-count")).toHaveAttribute("data-count", "572");
  await expect(page.getByTestId("station-item").first()).toBeVisible();

  await page.screenshot({ path: `test-results/screenshots/${testInfo.project.name}-home.png`, fullPage: true });

  const link = page.getByRole("link", { name: "工行沈阳测试地图驿站" });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/stations/${fixture.ids[0]}$`));
  await expect(page.getByRole("heading", { level: 1, name: "工行沈阳测试地图驿站" })).toBeVisible();
});

test("without a place, the list follows the map: zooming in narrows it", async ({ page }) => {
  await page.goto("/");
  const inView = page.getByText(/地图范围内 \d+ 个/);
  await expect(inView).toBeVisible();
  const countIn = async () => Number((await inView.textContent())?.match(/(\d+)/)?.[1]);
  const before = await countIn();
  await page.getByRole("button", { name: "放大" }).click();
  await page.getByRole("button", { name: "放大" }).click();
  await expect.poll(countIn).toBeLessThan(before);
});

test("district outlines appear once the map is zoomed in to district level", async ({ page }) => {
  let districtsLoaded = false;
  page.on("response", (response) => {
    if (response.url().includes("/geo/liaoning-districts.") && response.ok()) districtsLoaded = true;
  });
  await page.goto("/");
  await expect(page.locator(".leaflet-marker-icon").first()).toBeVisible();
  const outlines = await page.locator(".leaflet-overlay-pane path").count();
  // A click during a zoom animation can be dropped, so keep zooming in until the outlines are asked for.
  await expect
    .poll(async () => {
      if (!districtsLoaded) await page.getByRole("button", { name: "放大" }).click();
      return districtsLoaded;
    }, { intervals: [700] })
    .toBe(true);
  await expect.poll(() => page.locator(".leaflet-overlay-pane path").count()).toBeGreaterThan(outlines);
});

test("a reader's page carries the public wording only, not the staff and admin pages'", async ({ request }) => {
  const html = await (await request.get("/")).text();
  // The finder's own words are there for its client components…
  expect(html).toContain("正在定位…");
  // …the staff forms' and the admin pages' are not.
  for (const adminOnly of ["新建用户", "在最新内容上保存我的修改", "应用导入"]) expect(html).not.toContain(adminOnly);
});
