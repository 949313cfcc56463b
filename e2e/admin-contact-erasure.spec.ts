import AxeBuilder from "@axe-core/playwright";
import { mkdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { requireDatabaseUrl } from "@/lib/env";
import { createStations } from "./support/station-fixtures";
import { createProvinceAdmin, removeAccounts, sessionCookies, type Account, type SessionCookies } from "./support/accounts";

let admin: Account;
let session: SessionCookies = [];
let fixture: Awaited<ReturnType<typeof createStations>>;
const stationName = `工行测试联系方式驿站${randomUUID().slice(0, 4)}`;

test.beforeAll(async ({ browser }) => {
  fixture = await createStations([{ name: stationName }]);
  admin = createProvinceAdmin("e2e_contacts", "隐私管理员");
  session = await sessionCookies(browser, admin);
});

test.afterAll(async () => {
  await fixture.remove();
  await removeAccounts(admin.username);
});

/** Two reports holding one reporter's phone (one in the contact field, one in the message) and another reporter's. */
async function seedReports(phone: string) {
  const db = createPrismaClient(requireDatabaseUrl(), 1);
  try {
    const create = (data: { contact?: string; message?: string }) =>
      db.feedbackReport.create({ data: { stationId: fixture.ids[0], kind: "OTHER", clientHash: "e2e", message: data.message ?? "饮水机不出热水", contact: data.contact } });
    const [inContact, inMessage, other] = [
      await create({ contact: phone }),
      await create({ message: `位置不对，请打 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)} 联系我` }),
      await create({ contact: "13700001111" }),
    ];
    return { ids: [inContact.id, inMessage.id, other.id] };
  } finally {
    await db.$disconnect();
  }
}

async function reports(ids: string[]) {
  const db = createPrismaClient(requireDatabaseUrl(), 1);
  try {
    const rows = await db.feedbackReport.findMany({ where: { id: { in: ids } } });
    return ids.map((id) => rows.find((r) => r.id === id)!);
  } finally {
    await db.$disconnect();
  }
}

test("a province admin finds one reporter's contact, checks the reports and erases it from all of them", async ({ page }, testInfo) => {
  const phone = `139${String(Date.now()).slice(-8)}`;
  const { ids } = await seedReports(phone);
  await page.context().addCookies(session);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "管理" }).getByRole("link", { name: "联系方式删除" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "删除报告人的联系方式" })).toBeVisible();

  await page.getByLabel("联系方式（电话或邮箱）").fill("12");
  await page.getByRole("button", { name: "查找" }).click();
  await expect(page.getByText("请至少填写 5 个字符")).toBeVisible();

  await page.getByLabel("联系方式（电话或邮箱）").fill(`${phone.slice(0, 3)}-${phone.slice(3)}`);
  await page.getByRole("button", { name: "查找" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "找到 2 条含这个联系方式的反馈" })).toBeVisible();
  const matches = page.getByTestId("contact-match");
  await expect(matches).toHaveCount(2);
  await expect(matches.filter({ hasText: `联系方式：${phone}` })).toContainText(stationName);
  await expect(matches.filter({ hasText: "说明中写有这个联系方式" })).toHaveCount(1);

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  mkdirSync("test-results/screenshots/contacts", { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/contacts/${testInfo.project.name}.png`, fullPage: true });

  await page.getByRole("button", { name: "删除联系方式" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已删除" })).toHaveText("已删除 1 条反馈的联系方式，1 条反馈的说明中的联系方式已替换为“[已删除]”。");
  await expect(matches).toHaveCount(0);

  const [inContact, inMessage, other] = await reports(ids);
  expect(inContact.contact).toBeNull();
  expect(inMessage.message).toBe("位置不对，请打 [已删除] 联系我");
  expect(other.contact).toBe("13700001111");

  // The change log shows the erasure, without the contact.
  await page.goto(`/admin/audit?station=${encodeURIComponent(stationName)}&entity=feedback_report`);
  await expect(page.getByTestId("audit-event")).toHaveCount(2);
  await expect(page.getByTestId("audit-event").first()).not.toContainText(phone.slice(-4));
});

test("the erasure page sends anonymous visitors to sign in", async ({ page }) => {
  await page.goto("/admin/feedback-contacts");
  await expect(page).toHaveURL(/\/login$/);
});
