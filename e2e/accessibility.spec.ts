import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createStations, everyDay9to17 } from "./support/station-fixtures";

let fixture: Awaited<ReturnType<typeof createStations>>;

test.beforeAll(async () => {
  fixture = await createStations([
    { name: "工行测试无障碍驿站", notice: "冬季提供热水。", openingHours: { weekly: everyDay9to17, exceptions: [] } },
  ]);
});

test.afterAll(async () => {
  await fixture.remove();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

// Every page, whole (header, map and all), in both languages: no serious or critical axe findings.
for (const locale of ["zh-CN", "en"] as const) {
  test.describe(`pages in ${locale}`, () => {
    test.beforeEach(async ({ context, baseURL, page }) => {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      await page.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    });

    test("the finder", async ({ page }) => {
      await page.goto("/");
      await expect(page.locator(".leaflet-marker-icon").first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("a station page", async ({ page }) => {
      await page.goto(`/stations/${fixture.ids[0]}`);
      await expect(page.locator(".leaflet-marker-icon").first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("the sign-in page", async ({ page }) => {
      await page.goto("/login");
      await expect(page.locator("form")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("the not-found page", async ({ page }) => {
      await page.goto("/stations/00000000-0000-4000-8000-000000000000");
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}

test("keyboard users can skip the map and reach the list", async ({ page }) => {
  await page.goto("/");
  const skip = page.getByRole("link", { name: "跳过地图，直接看驿站列表" });
  await skip.focus();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("#station-results")).toBeFocused();
});
