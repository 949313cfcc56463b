import { expect, test } from "@playwright/test";
import { createStations, everyDay9to17 } from "./support/station-fixtures";

let fixture: Awaited<ReturnType<typeof createStations>>;

test.beforeAll(async () => {
  fixture = await createStations([
    {
      name: "工行测试南京街驿站",
      phone: "024-23456789",
      notice: "冬季提供热姜茶，欢迎进站取暖。",
      story: "这是一段测试用的驿站故事。",
      verifiedAt: "2026-11-20T10:00:00+08:00",
      openingHours: { weekly: everyDay9to17, exceptions: [] },
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

test("a temporarily closed station stays visible with its notice", async ({ page }) => {
  await page.goto(`/stations/${fixture.ids[2]}`);
  await expect(page.getByTestId("open-state")).toHaveText("暂停服务");
  await expect(page.getByTestId("station-notice")).toContainText("网点装修");
});

for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
  test(`station ${id} answers a Chinese not-found page with status 404`, async ({ page }) => {
    const response = await page.goto(`/stations/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "没有找到这个驿站" })).toBeVisible();
  });
}
