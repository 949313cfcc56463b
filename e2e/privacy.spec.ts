import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { env } from "@/lib/env";
import { createStations } from "./support/station-fixtures";

// The period the server under test runs with: it inherits this environment.
const days = env.FEEDBACK_CONTACT_RETENTION_DAYS;
let fixture: Awaited<ReturnType<typeof createStations>>;

test.beforeAll(async () => {
  fixture = await createStations([{ name: "工行测试隐私说明驿站" }]);
});

test.afterAll(async () => {
  await fixture.remove();
});

test("the privacy page says in Chinese what is kept, for how long, and who sees it", async ({ page }, testInfo) => {
  await page.route(/tile\.openstreetmap\.org/, (route) => route.abort());
  await page.goto("/");
  await page.locator(".site-footer").getByRole("link", { name: "隐私说明" }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page).toHaveTitle(/^隐私说明 · 工行驿站/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "隐私说明" })).toBeVisible();
  for (const heading of ["我们收集的信息", "我们不收集的信息", "谁能看到", "保存多久", "要求删除"]) {
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  await expect(page.getByTestId("privacy-retention-contact")).toHaveText(`联系方式在提交 ${days} 天后自动删除。`);
  await expect(page.getByTestId("privacy-collected-clientHash")).toContainText("不是地址本身");
  await expect(page.getByTestId("privacy-notCollected-location")).toContainText("位置不会发送到本站服务器");
  await expect(page.getByTestId("privacy-access-feedback")).toContainText("只有负责该驿站的工作人员");
  await page.screenshot({ path: `test-results/screenshots/${testInfo.project.name}-privacy.png`, fullPage: true });

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});

test("the language switch shows it in English", async ({ page }) => {
  await page.goto("/privacy");
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Privacy" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("privacy-retention-contact")).toHaveText(`Contacts are deleted automatically ${days} days after the report is sent.`);
  await expect(page.locator(".site-footer").getByRole("link", { name: "Privacy" })).toHaveAttribute("href", "/privacy");
});

test("the report form links to it next to the contact field, in a new tab", async ({ page }) => {
  await page.route(/tile\.openstreetmap\.org/, (route) => route.abort());
  await page.goto(`/stations/${fixture.ids[0]}`);
  await page.getByRole("button", { name: "信息有误？报告问题" }).click();
  const form = page.locator("#report-form");
  await form.getByLabel("联系方式（选填）").fill("13800000000");
  const link = form.locator("#report-contact-note").getByRole("link", { name: "隐私说明：联系方式保存多久" });
  await expect(link).toHaveAttribute("href", "/privacy");
  const [privacy] = await Promise.all([page.waitForEvent("popup"), link.click()]);
  await expect(privacy.getByTestId("privacy-retention-contact")).toContainText(`${days} 天后自动删除`);
  // What the reader typed is still in the form they came from.
  await expect(form.getByLabel("联系方式（选填）")).toHaveValue("13800000000");
});
