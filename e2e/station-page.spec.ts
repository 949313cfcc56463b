import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import gcoord, { type CRSTypes } from "gcoord";
import { createStations, everyDay9to17 } from "./support/station-fixtures";

const nanjingStreet = { lat: 41.7897, lng: 123.3985 };

/** A Shanghai calendar date some days from now, so the closure is always upcoming. */
function shanghaiDate(daysFromNow: number): string {
  return new Date(Date.now() + 8 * 3600_000 + daysFromNow * 86_400_000).toISOString().slice(0, 10);
}

let fixture: Awaited<ReturnType<typeof createStations>>;

test.beforeAll(async () => {
  fixture = await createStations([
    {
      name: "工行测试南京街驿站",
      phone: "024-23456789",
      notice: "冬季提供热姜茶，欢迎进站取暖。",
      story: "这是一段测试用的驿站故事。",
      verifiedAt: "2026-11-20T10:00:00+08:00",
      lat: nanjingStreet.lat,
      lng: nanjingStreet.lng,
      openingHours: {
        weekly: everyDay9to17,
        exceptions: [{ kind: "temporary_closure", startsOn: shanghaiDate(10), endsOn: shanghaiDate(12), closed: true, note: "设备检修" }],
      },
      amenities: [
        { code: "rest" },
        { code: "drinking_water" },
        { code: "phone_charging" },
        { code: "wifi" },
        { code: "wheelchair", availability: "limited", note: "仅一台", checkedAt: "2026-11-01T09:00:00+08:00" },
      ],
    },
    { name: "工行测试时间未知驿站" },
    {
      name: "工行测试装修驿站",
      status: "temporarily_closed",
      notice: "网点装修，暂停服务至2027年1月。",
      openingHours: { weekly: everyDay9to17, exceptions: [] },
    },
  ]);
});

test.afterAll(async () => {
  await fixture.remove();
});

test("a station page shows contact, hours with today marked, amenities, notice and story", async ({ page }, testInfo) => {
  await page.goto(`/stations/${fixture.ids[0]}`);
  await expect(page.getByRole("heading", { level: 1, name: "工行测试南京街驿站" })).toBeVisible();
  await expect(page.getByRole("link", { name: "024-23456789" })).toHaveAttribute("href", "tel:02423456789");
  await expect(page.getByTestId("station-notice")).toContainText("冬季提供热姜茶");
  await expect(page.getByText("这是一段测试用的驿站故事。")).toBeVisible();
  await expect(page.getByText("2026年11月20日核实")).toBeVisible();

  const hours = page.getByRole("table");
  await expect(hours.getByRole("row")).toHaveCount(7);
  await expect(hours.locator('tr[aria-current="date"]')).toHaveCount(1);
  await expect(hours.locator('tr[aria-current="date"]')).toContainText("09:00–17:00");

  await expect(page.getByTestId("amenity-wifi")).toContainText("免费无线网络");
  await expect(page.getByTestId("amenity-wheelchair")).toContainText("轮椅（有限）");
  await expect(page.getByTestId("amenity-wheelchair")).toContainText("仅一台");
  await expect(page.getByTestId("amenity-wheelchair").locator("svg")).toBeVisible();
  await expect(page.locator(".leaflet-marker-icon")).toBeVisible();

  await page.screenshot({ path: `test-results/screenshots/${testInfo.project.name}-station.png`, fullPage: true });
});

test("unknown hours are shown as unknown, never as closed", async ({ page }) => {
  await page.goto(`/stations/${fixture.ids[1]}`);
  await expect(page.getByTestId("open-state")).toHaveText("营业时间未知");
  await expect(page.getByText("营业时间未知，请致电网点确认。")).toBeVisible();
});

test("a temporarily closed station stays visible with its notice", async ({ page }, testInfo) => {
  await page.goto(`/stations/${fixture.ids[2]}`);
  await expect(page.getByTestId("open-state")).toHaveText("暂停服务");
  await expect(page.getByTestId("station-notice")).toContainText("网点装修");
  await expect(page.getByTestId("station-notice")).toHaveClass(/is-closed/);
  await page.screenshot({ path: `test-results/screenshots/${testInfo.project.name}-station-closed.png` });
});

for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
  test(`station ${id} answers a Chinese not-found page with status 404`, async ({ page }) => {
    const response = await page.goto(`/stations/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "没有找到这个驿站" })).toBeVisible();
  });
}

async function hrefOf(page: Page, provider: string): Promise<string> {
  const href = await page.getByTestId(`directions-${provider}`).getAttribute("href");
  expect(href, provider).toBeTruthy();
  return href!;
}

function expectNear(actual: { lat: number; lng: number }, crs: CRSTypes | null) {
  const [lng, lat] = crs ? gcoord.transform<[number, number]>([nanjingStreet.lng, nanjingStreet.lat], gcoord.WGS84, crs) : [nanjingStreet.lng, nanjingStreet.lat];
  expect(Math.abs(actual.lat - lat)).toBeLessThanOrEqual(5e-7);
  expect(Math.abs(actual.lng - lng)).toBeLessThanOrEqual(5e-7);
}

test("each directions link carries the point in its app's datum", async ({ page }) => {
  await page.goto(`/stations/${fixture.ids[0]}`);
  const directions = page.getByRole("region", { name: "导航前往" });
  for (const name of ["高德地图", "百度地图", "腾讯地图", "手机默认地图", "苹果地图"]) {
    const link = directions.getByRole("link", { name });
    await expect(link).toBeVisible();
    const box = await link.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await expect(link.locator("svg")).toBeVisible();
  }

  const amap = new URL(await hrefOf(page, "amap"));
  const [amapLng, amapLat] = amap.searchParams.get("position")!.split(",").map(Number);
  expectNear({ lat: amapLat, lng: amapLng }, gcoord.GCJ02);
  expect(amap.searchParams.get("name")).toBe("工行测试南京街驿站");

  const baidu = new URL(await hrefOf(page, "baidu"));
  const [baiduLat, baiduLng] = baidu.searchParams.get("location")!.split(",").map(Number);
  expectNear({ lat: baiduLat, lng: baiduLng }, gcoord.BD09);
  expect(baidu.searchParams.get("coord_type")).toBe("bd09ll");

  const tencent = new URL(await hrefOf(page, "tencent"));
  const [tencentLat, tencentLng] = /coord:([\d.]+),([\d.]+)/.exec(tencent.searchParams.get("marker")!)!.slice(1).map(Number);
  expectNear({ lat: tencentLat, lng: tencentLng }, gcoord.GCJ02);

  const geo = /^geo:([\d.]+),([\d.]+)\?q=/.exec(await hrefOf(page, "geo"))!;
  expectNear({ lat: Number(geo[1]), lng: Number(geo[2]) }, null);

  const apple = new URL(await hrefOf(page, "apple"));
  const [appleLat, appleLng] = apple.searchParams.get("ll")!.split(",").map(Number);
  expectNear({ lat: appleLat, lng: appleLng }, gcoord.GCJ02);
});

test("an upcoming temporary closure stands out in the hours", async ({ page }) => {
  await page.goto(`/stations/${fixture.ids[0]}`);
  const closure = page.locator(".station-exceptions li.is-closure");
  await expect(closure).toHaveCount(1);
  await expect(closure).toContainText("临时闭站");
  await expect(closure).toContainText("设备检修");
});

test("the page shows a labelled QR code of its own address and a share link", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  // Desktop Chromium on Linux has no share sheet; the copy fallback is what runs here.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, "share", { value: undefined, configurable: true }));
  await page.goto(`/stations/${fixture.ids[0]}`);
  const url = `${baseURL}/stations/${fixture.ids[0]}`;

  const qr = page.getByRole("img", { name: `打开本站页面的二维码：${url}` });
  await expect(qr).toBeVisible();
  await expect(qr.locator("svg")).toBeVisible();
  expect((await qr.locator("svg").boundingBox())!.width).toBeGreaterThanOrEqual(160);

  await expect(page.getByLabel("本站链接")).toHaveValue(url);
  await page.getByRole("button", { name: "分享本站" }).click();
  await expect(page.getByRole("status").filter({ hasText: "链接已复制" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
});

test("printed, the page keeps the station and a large QR code and drops the controls", async ({ page }, testInfo) => {
  await page.goto(`/stations/${fixture.ids[0]}`);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("heading", { level: 1, name: "工行测试南京街驿站" })).toBeVisible();
  await expect(page.getByRole("region", { name: "导航前往" })).toBeHidden();
  await expect(page.getByRole("button", { name: "信息准确" })).toBeHidden();
  await expect(page.getByRole("button", { name: "分享本站" })).toBeHidden();
  const qr = page.getByTestId("station-qr").locator("svg");
  await expect(qr).toBeVisible();
  // 8 cm at the CSS 96 dpi is about 302 px.
  expect((await qr.boundingBox())!.width).toBeGreaterThan(290);
  await page.screenshot({ path: `test-results/screenshots/${testInfo.project.name}-station-print.png`, fullPage: true });
});

test("the share button hands the link to the phone's share sheet where there is one", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, "share", {
      configurable: true,
      value: (data: ShareData) => {
        (window as unknown as { shared: ShareData }).shared = data;
        return Promise.resolve();
      },
    });
  });
  await page.goto(`/stations/${fixture.ids[0]}`);
  await page.getByRole("button", { name: "分享本站" }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { shared?: ShareData }).shared?.url)).toMatch(
    new RegExp(`/stations/${fixture.ids[0]}$`),
  );
  await expect(page.getByText("链接已复制")).toHaveCount(0);
});

test("the station page has no serious accessibility problems", async ({ page }) => {
  await page.goto(`/stations/${fixture.ids[0]}`);
  await page.getByRole("button", { name: "信息有误？报告问题" }).click();
  // The Leaflet map is a separate component with its own markup; this checks the page around it.
  const results = await new AxeBuilder({ page }).include("main").exclude(".leaflet-container").analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test.describe("in English", () => {
  test.beforeEach(async ({ context, baseURL }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  });

  test("the station page speaks English around the station's own Chinese details", async ({ page }, testInfo) => {
    await page.goto(`/stations/${fixture.ids[0]}`);
    await expect(page.getByRole("heading", { level: 1, name: "工行测试南京街驿站" })).toBeVisible();
    for (const heading of ["Address and phone", "Directions", "Opening hours", "What the station offers", "The station's story", "Share and QR code"]) {
      await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
    }
    await expect(page.getByTestId("open-state")).toBeVisible();
    await expect(page.getByTestId("station-notice")).toContainText("Notice");
    await expect(page.getByText("Verified Nov 20, 2026")).toBeVisible();
    await expect(page.getByTestId("amenity-wifi")).toContainText("Free Wi-Fi");
    await expect(page.getByTestId("amenity-wheelchair")).toContainText("Wheelchair (limited)");
    await expect(page.getByTestId("amenity-wheelchair")).toContainText("checked Nov 1, 2026");
    await expect(page.locator('tr[aria-current="date"] th')).toContainText("(today)");
    await expect(page.locator(".station-exceptions li.is-closure")).toContainText("Temporary closure");
    for (const name of ["Amap", "Baidu Maps", "Tencent Maps", "Phone's map app", "Apple Maps"]) {
      await expect(page.getByRole("link", { name })).toBeVisible();
    }
    await expect(page.getByRole("button", { name: "Yes, it's correct" })).toBeVisible();
    await expect(page.getByRole("img", { name: /^QR code that opens this station's page/ })).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/${testInfo.project.name}-station-en.png`, fullPage: true });
  });

  test("the not-found page is in English too", async ({ page }) => {
    const response = await page.goto("/stations/00000000-0000-4000-8000-000000000000");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Station not found" })).toBeVisible();
  });
});
