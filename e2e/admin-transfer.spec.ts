import AxeBuilder from "@axe-core/playwright";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createStations, everyDay9to17 } from "./support/station-fixtures";
import { createProvinceAdmin, removeAccounts, sessionCookies, type Account, type SessionCookies } from "./support/accounts";

let admin: Account;
const shots = "test-results/screenshots/transfer";
let fixture: Awaited<ReturnType<typeof createStations>>;
let session: SessionCookies = [];

test.beforeAll(async ({ browser }) => {
  mkdirSync(shots, { recursive: true });
  fixture = await createStations([{ name: "工行测试导入导出驿站", notice: "旧公告", openingHours: { weekly: everyDay9to17, exceptions: [] } }]);
  admin = createProvinceAdmin("e2e_transfer", "导入测试管理员");
  session = await sessionCookies(browser, admin);
});

test.afterAll(async () => {
  await fixture.remove();
  await removeAccounts(admin.username);
});


async function signedIn(page: Page, path: string) {
  await page.context().addCookies(session);
  await page.goto(path);
}

test("an admin exports the stations, changes one notice, and re-imports: one update, applied, shown on the public page", async ({ page }, testInfo) => {
  await signedIn(page, "/admin/export");
  const stations = page.getByRole("region", { name: "驿站数据" });
  await page.screenshot({ path: `${shots}/export-${testInfo.project.name}.png`, fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), stations.getByRole("link", { name: "全省 CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^工行驿站数据-\d{4}-\d{2}-\d{2}\.csv$/);
  const exported = readFileSync(await download.path());
  expect([...exported.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

  const lines = exported.toString("utf8").split("\r\n");
  const index = lines.findIndex((line) => line.includes("工行测试导入导出驿站"));
  expect(index).toBeGreaterThan(0);
  lines[index] = lines[index].replace(",旧公告,", ",导入的新公告,");
  const edited = Buffer.from(lines.join("\r\n"), "utf8");

  await page.goto("/admin/import");
  await page.getByLabel(/选择文件/).setInputFiles({ name: "驿站.csv", mimeType: "text/csv", buffer: edited });
  await page.getByRole("button", { name: "预览" }).click();
  const plan = page.getByTestId("import-plan");
  await expect(plan.getByTestId("count-update")).toContainText("1");
  await expect(plan.getByTestId("count-create")).toContainText("0");
  await expect(plan.getByTestId("count-rejected")).toContainText("0");
  await expect(plan.getByTestId("update-rows")).toContainText("旧公告");
  await expect(plan.getByTestId("update-rows")).toContainText("导入的新公告");
  await page.screenshot({ path: `${shots}/import-dry-run-${testInfo.project.name}.png`, fullPage: true });

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  await page.getByRole("button", { name: "应用导入" }).click();
  await expect(page.getByRole("status").filter({ hasText: "导入完成" })).toHaveText(/导入完成：新建 0 个，更新 1 个/);

  await page.goto(`/stations/${fixture.ids[0]}`);
  await expect(page.getByTestId("station-notice")).toContainText("导入的新公告");
});

test("a file with a bad row is shown row by row and cannot be applied", async ({ page }) => {
  await signedIn(page, "/admin/import");
  const [template] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导入模板（CSV）" }).click()]);
  const lines = readFileSync(await template.path()).toString("utf8").split("\r\n");
  // The template's example row with its "#" removed becomes a station with a latitude outside Liaoning.
  const bad = lines[1].replace(/^#/, "").replace(",41.787244,", ",45.1,");
  await page.getByLabel(/选择文件/).setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from([lines[0], bad].join("\r\n")) });
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.getByTestId("rejected-rows")).toContainText("45.1 不在辽宁省范围内");
  await expect(page.getByRole("button", { name: "应用导入" })).toHaveCount(0);
  await expect(page.getByText("文件中有错误的行，不能导入")).toBeVisible();
});

test("QR posters for a city: one A4 page per station with its name and a QR code", async ({ page }, testInfo) => {
  await signedIn(page, "/admin/posters?city=210100");
  const posters = page.getByTestId("poster");
  const count = await posters.count();
  expect(count).toBeGreaterThan(10);
  const first = posters.first();
  await expect(first.getByTestId("station-qr")).toBeVisible();
  await expect(first).toContainText("扫码查看驿站开放时间和服务");
  await expect(first.locator(".poster-url")).toContainText("/stations/");
  await page.screenshot({ path: `${shots}/posters-screen-${testInfo.project.name}.png` });

  await page.emulateMedia({ media: "print" });
  await first.screenshot({ path: `${shots}/poster-print-${testInfo.project.name}.png` });
  if (testInfo.project.name === "admin-desktop") {
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    writeFileSync(`${shots}/posters-210100.pdf`, pdf);
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(count);
  }
});

test("the import page sends anonymous visitors to sign in", async ({ page }) => {
  await page.goto("/admin/import");
  await expect(page).toHaveURL(/\/login$/);
});
