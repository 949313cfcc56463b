import { expect, test } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { requireDatabaseUrl } from "@/lib/env";
import { createStations, everyDay9to17 } from "./support/station-fixtures";

let fixture: Awaited<ReturnType<typeof createStations>>;

test.beforeAll(async () => {
  fixture = await createStations([
    {
      name: "工行测试反馈驿站",
      openingHours: { weekly: everyDay9to17, exceptions: [] },
      amenities: [{ code: "rest" }, { code: "drinking_water" }, { code: "phone_charging" }, { code: "wifi" }, { code: "wheelchair" }],
    },
    { name: "工行测试反馈驿站乙" },
  ]);
});

test.afterAll(async () => {
  await fixture.remove();
});

async function reportsOf(stationId: string) {
  const db = createPrismaClient(requireDatabaseUrl(), 1);
  try {
    return await db.feedbackReport.findMany({ where: { stationId }, orderBy: { createdAt: "asc" } });
  } finally {
    await db.$disconnect();
  }
}

test("one tap confirms the station is still correct", async ({ page }) => {
  await page.goto(`/stations/${fixture.ids[1]}`);
  await page.getByRole("button", { name: "信息准确" }).click();
  await expect(page.getByRole("status").filter({ hasText: "谢谢确认！驿站工作人员会收到。" })).toBeVisible();
  await expect(page.getByRole("button", { name: "信息准确" })).toHaveCount(0);
  await expect.poll(async () => (await reportsOf(fixture.ids[1])).map((r) => r.kind)).toContain("CONFIRMATION");
});

test("the report form shows field errors in Chinese, then sends", async ({ page }, testInfo) => {
  await page.goto(`/stations/${fixture.ids[0]}`);
  const form = page.locator("#report-form");
  await expect(form).toBeHidden();
  await page.getByRole("button", { name: "信息有误？报告问题" }).click();
  await expect(form).toBeVisible();

  await form.getByRole("button", { name: "提交" }).click();
  await expect(form.getByText("请选择问题类型")).toBeVisible();

  await form.getByRole("radio", { name: "其他问题" }).check();
  await form.getByLabel("联系方式（选填）").fill("1".repeat(101));
  await form.getByRole("button", { name: "提交" }).click();
  await expect(form.getByText("请选择问题类型")).toHaveCount(0);
  await expect(form.getByText("选择“其他问题”时请写下说明")).toBeVisible();
  await expect(form.getByText("最多 100 个字")).toBeVisible();
  await expect(form.getByLabel("说明", { exact: true })).toBeFocused();
  await expect(form.getByLabel("说明", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await form.screenshot({ path: `test-results/screenshots/${testInfo.project.name}-report-form-errors.png` });

  await form.getByLabel("说明", { exact: true }).fill("门口的驿站标牌不见了");
  await form.getByLabel("联系方式（选填）").fill("13800000000");
  await expect(form.getByText("最多 100 个字")).toHaveCount(0);
  await expect(form.getByText("只有本驿站的工作人员能看到")).toBeVisible();
  await form.getByRole("button", { name: "提交" }).click();

  await expect(page.getByText("谢谢您的报告！驿站工作人员会核实并处理。")).toBeVisible();
  await expect.poll(async () => (await reportsOf(fixture.ids[0])).find((r) => r.kind === "OTHER")).toMatchObject({
    message: "门口的驿站标牌不见了",
    contact: "13800000000",
    amenityCode: null,
  });
});

test("a missing amenity is chosen from the station's own amenities", async ({ page }) => {
  await page.goto(`/stations/${fixture.ids[0]}`);
  await page.getByRole("button", { name: "信息有误？报告问题" }).click();
  const form = page.locator("#report-form");
  await form.getByRole("radio", { name: "缺少某项设施" }).check();
  const select = form.getByLabel("缺少哪项设施？");
  await expect(select.locator("option")).toHaveText(["请选择", "休息座椅", "饮用水", "手机充电", "免费无线网络", "轮椅"]);
  await form.getByRole("button", { name: "提交" }).click();
  await expect(form.getByText("请选择缺少的设施")).toBeVisible();
  await select.selectOption({ label: "轮椅" });
  await form.getByRole("button", { name: "提交" }).click();
  await expect(page.getByText("谢谢您的报告！驿站工作人员会核实并处理。")).toBeVisible();
  await expect.poll(async () => (await reportsOf(fixture.ids[0])).find((r) => r.kind === "AMENITY_MISSING")?.amenityCode).toBe("wheelchair");
});

test("a slow answer cannot be sent twice, and a refusal is explained", async ({ page }) => {
  let requests = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/v1/stations/*/feedback", async (route) => {
    requests++;
    await released;
    await route.fulfill({
      status: 429,
      headers: { "Retry-After": "290" },
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "rate_limited", message: "提交太频繁，请 5 分钟后再试" } }),
    });
  });
  await page.goto(`/stations/${fixture.ids[0]}`);
  await page.getByRole("button", { name: "信息有误？报告问题" }).click();
  const form = page.locator("#report-form");
  await form.getByRole("radio", { name: "驿站关门或不存在了" }).check();
  await form.getByRole("button", { name: "提交" }).click();
  const sending = form.getByRole("button", { name: "正在提交…" });
  await expect(sending).toBeDisabled();
  await sending.click({ force: true });
  release();
  await expect(form.getByRole("alert")).toHaveText("提交太频繁了，请 5 分钟后再试。");
  expect(requests).toBe(1);
  await expect(form.getByRole("button", { name: "提交" })).toBeEnabled();
});

test("the server's field errors come back beside the fields", async ({ page }) => {
  await page.route("**/api/v1/stations/*/feedback", (route) =>
    route.fulfill({
      status: 400,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "validation_failed", message: "请求参数无效", details: [{ path: "amenityCode", message: "没有这种设施：wheelchair" }] } }),
    }),
  );
  await page.goto(`/stations/${fixture.ids[0]}`);
  await page.getByRole("button", { name: "信息有误？报告问题" }).click();
  const form = page.locator("#report-form");
  await form.getByRole("radio", { name: "缺少某项设施" }).check();
  await form.getByLabel("缺少哪项设施？").selectOption({ label: "轮椅" });
  await form.getByRole("button", { name: "提交" }).click();
  await expect(form.getByText("此项无效，请重新选择或填写")).toBeVisible();
  await expect(form.getByRole("alert")).toHaveText("请先修改上面标出的内容。");
});

test.describe("in English", () => {
  test.beforeEach(async ({ context, baseURL }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  });

  test("the form's labels, errors and thanks are in English", async ({ page }) => {
    await page.goto(`/stations/${fixture.ids[1]}`);
    await expect(page.getByRole("heading", { name: "Is this information still correct?" })).toBeVisible();
    await page.getByRole("button", { name: "Something wrong? Report a problem" }).click();
    const form = page.locator("#report-form");
    await form.getByRole("radio", { name: "Something else" }).check();
    await form.getByRole("button", { name: "Send" }).click();
    await expect(form.getByText('Please describe the problem when you choose "Something else"')).toBeVisible();
    await form.getByLabel("Details", { exact: true }).fill("x".repeat(1001));
    await expect(form.getByText("At most 1000 characters", { exact: true })).toBeVisible();
    await form.getByLabel("Details", { exact: true }).fill("The sign at the door is gone.");
    await form.getByRole("button", { name: "Send" }).click();
    await expect(page.getByText("Thank you for the report! The station's staff will check it.")).toBeVisible();
  });
});
