import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { expect, type Browser, type BrowserContext } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { childProcessEnv, requireDatabaseUrl } from "@/lib/env";

export type Account = { username: string; password: string };
export type SessionCookies = Awaited<ReturnType<BrowserContext["cookies"]>>;

/**
 * A client address of its own for a spec's browsers, sent as a proxy's X-Forwarded-For would be. Sign-in
 * allows 5 attempts a minute per address and every browser here is 127.0.0.1; with an address each, one
 * spec's sign-ins never use up another's allowance.
 */
export function ownClientAddress(): Record<string, string> {
  return { "x-forwarded-for": `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::1` };
}

/** A province administrator made the way an installation makes its first one: `npm run admin:create`. */
export function createProvinceAdmin(prefix: string, name: string): Account {
  const account = { username: `${prefix}_${randomUUID().slice(0, 8)}`, password: `${prefix} e2e password` };
  const created = spawnSync(
    "node_modules/.bin/tsx",
    ["--conditions=react-server", "scripts/admin-create.ts", "--username", account.username, "--email", `${account.username}@example.cn`, "--password", account.password, "--name", name],
    { env: childProcessEnv({}), encoding: "utf8" },
  );
  expect(created.status, created.stderr).toBe(0);
  return account;
}

/** A browser context signed in through the /login form, from an address of its own; the caller closes it. */
export async function signedInContext(browser: Browser, account: Account): Promise<BrowserContext> {
  const context = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("用户名或邮箱").fill(account.username);
  await page.getByLabel("密码").fill(account.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/staff$/);
  return context;
}

/** Signs in once and keeps the cookies, for the tests of a spec that are not about signing in. */
export async function sessionCookies(browser: Browser, account: Account): Promise<SessionCookies> {
  const context = await signedInContext(browser, account);
  try {
    return await context.cookies();
  } finally {
    await context.close();
  }
}

/** Removes the spec's accounts; their audit rows stay, as the log is append-only. */
export async function removeAccounts(...usernames: string[]): Promise<void> {
  const db = createPrismaClient(requireDatabaseUrl(), 1);
  try {
    await db.user.deleteMany({ where: { username: { in: usernames } } });
  } finally {
    await db.$disconnect();
  }
}
