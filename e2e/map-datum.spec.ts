import { expect, test } from "@playwright/test";
import { expectTilesShown, serveTiles, watchPolicyViolations } from "./support/csp-violations";
import { createStations } from "./support/station-fixtures";
import { env } from "../lib/env";

let fixture: Awaited<ReturnType<typeof createStations>>;

test.beforeAll(async () => {
  fixture = await createStations([{ name: "工行测试坐标驿站", lat: 41.75, lng: 123.25 }]);
});

test.afterAll(async () => {
  await fixture.remove();
});

test.beforeEach(async ({ page }) => {
  await page.route(/tile\.openstreetmap\.org|autonavi\.com/, (route) => route.abort());
});

/**
 * Draw a station, then tap exactly where its pin points: the tapped place must be the station itself.
 * On GCJ-02 tiles the pin is drawn about 500 m from the stored WGS-84 point and the tap converted back;
 * if either conversion were missing or wrong, the tap would land hundreds of metres away.
 */
test("a tap on a station's pin finds that station at (almost) zero distance", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("搜索驿站名称、地址或拼音").fill("工行测试坐标驿站");
  await page.getByRole("button", { name: "在地图上显示" }).click();
  await page.getByLabel("搜索驿站名称、地址或拼音").fill("");
  await page.getByText("其他方式选择位置").click();
  await page.getByRole("button", { name: "在地图上点选位置" }).click();

  const pin = page.locator('.leaflet-marker-pane img[alt="工行测试坐标驿站"]').last();
  await pin.scrollIntoViewIfNeeded();
  await expect(pin).toBeVisible();
  // The map has finished moving when the pin stops moving.
  let box = await pin.boundingBox();
  await expect
    .poll(async () => {
      const previous = box;
      box = await pin.boundingBox();
      return previous !== null && box !== null && previous.x === box.x && previous.y === box.y;
    })
    .toBe(true);
  // The pin's anchor is the middle of its bottom edge.
  await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height - 1);

  await expect(page.getByTestId("origin")).toContainText("地图上选的位置");
  const first = page.getByTestId("station-item").first();
  await expect(first).toHaveAttribute("data-station-id", fixture.ids[0]);
  expect(Number(await first.getAttribute("data-distance"))).toBeLessThan(15);
});

test("the bundled boundaries are fetched in the tiles' datum", async ({ page, baseURL }) => {
  const datum = baseURL!.endsWith(`:${env.E2E_PORT + 1}`) ? "gcj02" : "wgs84";
  const boundary = page.waitForResponse((response) => response.url().includes("/geo/liaoning-cities."));
  await page.goto("/");
  expect((await boundary).url()).toContain(`/geo/liaoning-cities.${datum}.json`);
});

test("the configured tile server's tiles are allowed by the page's policy", async ({ page }) => {
  const violations = await watchPolicyViolations(page);
  await serveTiles(page, /tile\.openstreetmap\.org|autonavi\.com/);
  await page.goto("/");
  await expectTilesShown(page);
  violations.expectNone();
});
