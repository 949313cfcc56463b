import "server-only";
import { getDb } from "@/lib/db";
import { createUser } from "@/lib/server/user/create-user";
import type { CreateUserInput } from "@/lib/validations/user";

/** Published in the README and on the sign-in page: these accounts exist only in the embedded demo. */
export const DEMO_PASSWORD = "yizhan-demo";

/**
 * One account per role, so someone trying the directory on their own machine can see each view. Made
 * only by `npm start` on the embedded database (scripts/start.ts), never on a configured DATABASE_URL.
 * Accounts that already exist are left as they are, so restarts change nothing.
 */
export async function createDemoAccounts(): Promise<string[]> {
  const db = getDb();
  // The first 沈阳 station by code: the same one on every machine, since the sample data is deterministic.
  const station = await db.station.findFirst({ where: { cityAdcode: 210100 }, orderBy: { code: "asc" }, select: { id: true } });
  const accounts: CreateUserInput[] = [
    { username: "demo_admin", email: "demo_admin@example.cn", password: DEMO_PASSWORD, name: "演示·省级管理员", role: { role: "PROVINCE_ADMIN" } },
    { username: "demo_manager", email: "demo_manager@example.cn", password: DEMO_PASSWORD, name: "演示·沈阳城市经理", role: { role: "CITY_MANAGER", cityAdcode: 210100 } },
    ...(station
      ? [{ username: "demo_staff", email: "demo_staff@example.cn", password: DEMO_PASSWORD, name: "演示·网点员工", role: { role: "BRANCH_STAFF" as const, stationId: station.id } }]
      : []),
  ];
  const existing = new Set(
    (await db.user.findMany({ where: { username: { in: accounts.map((a) => a.username) } }, select: { username: true } })).map((u) => u.username),
  );
  const created: string[] = [];
  for (const account of accounts.filter((a) => !existing.has(a.username))) {
    await createUser({ kind: "system", label: "system:demo-accounts" }, account);
    created.push(account.username);
  }
  return created;
}
