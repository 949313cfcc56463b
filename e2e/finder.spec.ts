import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { createStations, everyDay9to17 } from "./support/station-fixtures";

// A quiet spot west of Shenyang, so the stations this spec creates are the nearest ones.
const here = { latitude: 41.62, longitude: 122.75 };
const weekdays9to17 = [1, 2, 3, 4, 5].map((day) => ({ day, opens: "09:00", closes: "17:00" }));
const standard = ["rest", "drinking_water", "phone_charging", "wifi"].map((code) => ({ code }));

let fixture: Awaited<ReturnType<typeof createStations>>;

test.beforeAll(async () => {
  fixture = await createStations([
    // 0: about 60 m north, weekdays only, with a toilet
    { name: "工行测试近邻驿站", lat: 41.6205, lng: 122.75, openingHours: { weekly: weekdays9to17, exceptions: [] }, amenities: [...standard, { code: "toilet" }] },
    // 1: about 300 m east, every day, no toilet, closed for a holiday on 2026-12-25
    {
      name: "工行测试拼音驿站",
      lat: 41.62,
      lng: 122.7536,
      openingHours: {
        weekly: everyDay9to17,
        exceptions: [{ kind: "holiday", startsOn: "2026-12-25", endsOn: "2026-12-25", closed: true }],
      },
      amenities: standard,
    },
    // 2: about 900 m south, unknown hours
    { name: "工行测试远一点驿站", lat: 41.612, lng: 122.75, amenities: standard },
  ]);
});

test.afterAll(async () => {
  await fixture.remove();
});

test.beforeEach(async ({ page }) => {
  await page.route(/tile\.openstreetmap\.org/, (route) => route.abort());
});

function haversine(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

async function listedIds(page: Page): Promise<string[]> {
  return page.getByTestId("station-item").evaluateAll((items) => items.map((item) => item.getAttribute("data-station-id") ?? ""));
}

test.describe("with the phone's location", () => {
  test.use({ geolocation: here, permissions: ["geolocation"] });

  test("one tap lists the nearest stations in distance order, with walking estimates", async ({ page, request }, testInfo) => {
    await page.goto("/");
    await page.getByRole("button", { name: "找最近的驿站" }).click();
    await expect(page.getByTestId("origin")).toContainText("您的位置");
    await expect(page.getByRole("heading", { name: "离您最近的驿站" })).toBeVisible();
    await expect(page.getByTestId("station-item").first()).toHaveAttribute("data-station-id", fixture.ids[0]);
    await expect(page.getByTestId("walk").first()).toContainText("步行约");

    // The expected order, computed here from every station's coordinates with an independent haversine.
    const everything: { id: string; location: { lat: number; lng: number } }[] = [];
    let cursor: string | null = null;
    do {
      const response: APIResponse = await request.get(`/api/v1/stations?limit=200${cursor ? `&cursor=${cursor}` : ""}`);
      const body: { data: typeof everything; nextCursor: string | null } = await response.json();
      everything.push(...body.data);
      cursor = body.nextCursor;
    } while (cursor);
    const origin = { lat: here.latitude, lng: here.longitude };
    const expected = everything.map((s) => ({ id: s.id, d: haversine(origin, s.location) })).sort((a, b) => a.d - b.d).slice(0, 20);
    const ids = await listedIds(page);
    expect(ids).toEqual(expected.map((e) => e.id));
    const distances = await page.getByTestId("station-item").evaluateAll((items) => items.map((item) => Number(item.getAttribute("data-distance"))));
    distances.forEach((d, i) => expect(Math.abs(d - expected[i].d)).toBeLessThan(1));

    await page.screenshot({ path: `test-results/screenshots/${testInfo.project.name}-nearest.png`, fullPage: true });
  });

  test("filters combine with the nearest search and show how many match", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "找最近的驿站" }).click();
    await expect(page.getByTestId("station-item").first()).toHaveAttribute("data-station-id", fixture.ids[0]);
    const total = Number(await page.getByTestId("match-count").getAttribute("data-count"));

    await page.getByRole("button", { name: "卫生间" }).click();
    await expect(page.getByRole("button", { name: "卫生间" })).toHaveAttribute("aria-pressed", "true");
    await expect.poll(async () => Number(await page.getByTestId("match-count").getAttribute("data-count"))).toBeLessThan(total);
    const ids = await listedIds(page);
    expect(ids[0]).toBe(fixture.ids[0]);
    expect(ids).not.toContain(fixture.ids[1]);

    await page.getByRole("button", { name: "清除筛选" }).click();
    await expect(page.getByTestId("match-count")).toHaveAttribute("data-count", String(total));
  });

  test("the place is remembered for the next visit", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "找最近的驿站" }).click();
    await expect(page.getByTestId("origin")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("origin")).toContainText("上次的位置");
    await expect(page.getByTestId("station-item").first()).toHaveAttribute("data-station-id", fixture.ids[0]);
  });
});

test.describe("when location is refused", () => {
  test.use({ permissions: [] });

  test("says so plainly and offers a city and district, or a tap on the map", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "找最近的驿站" }).click();
    await expect(page.getByTestId("location-error")).toContainText("没有获得定位权限");

    await page.getByLabel("城市").selectOption({ label: "鞍山市" });
    await page.getByLabel("区县").selectOption({ label: "铁东区" });
    await expect(page.getByTestId("origin")).toContainText("鞍山市 铁东区");
    await expect(page.getByTestId("walk").first()).toBeVisible();

    await page.getByRole("button", { name: "在地图上点选位置" }).click();
    await expect(page.getByText("请在地图上点一下您的位置")).toBeVisible();
    await page.locator(".leaflet-container").click();
    await expect(page.getByTestId("origin")).toContainText("地图上选的位置");
  });
});

test("search finds stations by pinyin initials and full pinyin, and suggests districts as places", async ({ page }) => {
  await page.goto("/");
  const search = page.getByLabel("搜索驿站名称、地址或拼音");
  await search.fill("cspy");
  await expect(page.getByRole("heading", { name: "搜索结果" })).toBeVisible();
  await expect(page.getByRole("link", { name: "工行测试拼音驿站" })).toBeVisible();
  await search.fill("ceshipinyin");
  await expect(page.getByRole("link", { name: "工行测试拼音驿站" })).toBeVisible();
  await search.fill("sydd");
  await expect(page.getByRole("link", { name: "工行沈阳大东支行营业室" })).toBeVisible();

  await search.fill("大东区");
  await page.getByRole("button", { name: "沈阳市 大东区" }).click();
  await expect(page.getByTestId("origin")).toContainText("沈阳市 大东区");
});

test("a link names a place and amenities: the finder starts there, filtered, instead of the last place", async ({ page }) => {
  await page.goto("/?place=210104&amenity=toilet&amenity=no_such_amenity");
  await expect(page.getByTestId("origin")).toContainText("沈阳市 大东区");
  await expect(page.getByRole("button", { name: "卫生间" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("walk").first()).toBeVisible();
  // A city works too, and an unknown place is ignored.
  await page.goto("/?place=210200");
  await expect(page.getByTestId("origin")).toContainText("大连市");
  await expect(page.getByRole("button", { name: "卫生间" })).toHaveAttribute("aria-pressed", "false");
});

test.describe("open now, at fixed moments in Shanghai", () => {
  test.use({ geolocation: here, permissions: ["geolocation"] });

  const cases = [
    { label: "a weekday morning", at: "2026-12-02T10:00:00+08:00", weekdayOnly: "营业中", everyDay: "营业中" },
    { label: "a Saturday", at: "2026-12-05T10:00:00+08:00", weekdayOnly: "未营业", everyDay: "营业中" },
    { label: "the holiday exception", at: "2026-12-25T10:00:00+08:00", weekdayOnly: "营业中", everyDay: "未营业" },
    { label: "half an hour before closing", at: "2026-12-02T16:40:00+08:00", weekdayOnly: "即将关门", everyDay: "即将关门" },
  ];

  for (const c of cases) {
    test(`badges and the open-now filter on ${c.label}`, async ({ page }) => {
      await page.clock.setFixedTime(new Date(c.at));
      await page.goto("/");
      await page.getByRole("button", { name: "找最近的驿站" }).click();
      const item = (id: string) => page.locator(`[data-testid="station-item"][data-station-id="${id}"]`);
      await expect(item(fixture.ids[0]).getByTestId("open-state")).toContainText(c.weekdayOnly);
      await expect(item(fixture.ids[1]).getByTestId("open-state")).toContainText(c.everyDay);
      await expect(item(fixture.ids[2]).getByTestId("open-state")).toHaveText("营业时间未知");

      await page.getByRole("button", { name: "现在营业" }).click();
      const ids = await (async () => {
        await expect(item(fixture.ids[2])).toHaveCount(0);
        return listedIds(page);
      })();
      expect(ids.includes(fixture.ids[0])).toBe(c.weekdayOnly !== "未营业");
      expect(ids.includes(fixture.ids[1])).toBe(c.everyDay !== "未营业");
    });
  }
});

test("English is a switch away", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.getByRole("button", { name: "Find the nearest station" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "切换到中文" }).click();
  await expect(page.getByRole("button", { name: "找最近的驿站" })).toBeVisible();
});
