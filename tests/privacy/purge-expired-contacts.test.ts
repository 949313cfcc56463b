import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { childProcessEnv, env } from "@/lib/env";
import { purgeExpiredContacts } from "@/lib/server/feedback/purge-expired-contacts";
import { createStations } from "../../e2e/support/station-fixtures";

const DAY_MS = 24 * 60 * 60 * 1000;
let fixture: Awaited<ReturnType<typeof createStations>>;

beforeAll(async () => {
  fixture = await createStations([{ name: "工行测试隐私驿站" }]);
});

// Deleting the station cascades to its reports.
afterAll(async () => {
  await fixture.remove();
});

/** A report with a contact, sent `daysAgo` days before `now`, resolved or not. */
async function report(now: Date, daysAgo: number, resolved = false) {
  const createdAt = new Date(now.getTime() - daysAgo * DAY_MS);
  const row = await getDb().feedbackReport.create({
    data: {
      stationId: fixture.ids[0],
      kind: "OTHER",
      message: `${daysAgo} 天前的报告`,
      contact: `1380000${String(daysAgo).padStart(4, "0")}`,
      clientHash: "test",
      createdAt,
      ...(resolved ? { status: "RESOLVED" as const, resolution: "FIXED" as const, resolvedAt: createdAt } : {}),
    },
  });
  return row.id;
}

async function contactOf(id: string) {
  return (await getDb().feedbackReport.findUniqueOrThrow({ where: { id } })).contact;
}

describe("purgeExpiredContacts", () => {
  it("deletes contacts sent before the retention period, open or resolved, and keeps recent ones and the reports", async () => {
    const now = new Date();
    const old = await report(now, 91);
    const oldResolved = await report(now, 400, true);
    const recent = await report(now, 10);
    const recentResolved = await report(now, 89, true);

    const { cleared } = await purgeExpiredContacts(now, 90);
    expect(cleared).toBeGreaterThanOrEqual(2);
    expect(await contactOf(old)).toBeNull();
    expect(await contactOf(oldResolved)).toBeNull();
    expect(await contactOf(recent)).toBe("13800000010");
    expect(await contactOf(recentResolved)).toBe("13800000089");
    // Only the contact goes: the staff keep the report and its outcome.
    const kept = await getDb().feedbackReport.findUniqueOrThrow({ where: { id: oldResolved } });
    expect(kept).toMatchObject({ message: "400 天前的报告", status: "RESOLVED", resolution: "FIXED" });

    // A second run has nothing left to do for these reports.
    await purgeExpiredContacts(now, 90);
    expect(await contactOf(recent)).toBe("13800000010");
  });

  it("reads the period from FEEDBACK_CONTACT_RETENTION_DAYS unless given one", async () => {
    const now = new Date();
    const justOver = await report(now, env.FEEDBACK_CONTACT_RETENTION_DAYS + 0.01);
    const justUnder = await report(now, env.FEEDBACK_CONTACT_RETENTION_DAYS - 0.01);
    await purgeExpiredContacts(now);
    expect(await contactOf(justOver)).toBeNull();
    expect(await contactOf(justUnder)).not.toBeNull();
  });

  it("runs as `npm run db:purge-contacts` with the configured period", async () => {
    const now = new Date();
    const fortyDays = await report(now, 40);
    const twentyDays = await report(now, 20);
    const { stdout } = await promisify(execFile)(
      path.join("node_modules", ".bin", "tsx"),
      ["--conditions=react-server", "scripts/db-purge-contacts.ts"],
      { env: childProcessEnv({ FEEDBACK_CONTACT_RETENTION_DAYS: "30", DATABASE_POOL_MAX: "1" }) },
    );
    expect(stdout).toMatch(/db:purge-contacts: \d+ contacts older than 30 days deleted\./);
    expect(await contactOf(fortyDays)).toBeNull();
    expect(await contactOf(twentyDays)).toBe("13800000020");
  });
});
