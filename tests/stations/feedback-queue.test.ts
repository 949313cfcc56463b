import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { anonymousActor } from "@/lib/server/actor";
import { listFeedbackQueue } from "@/lib/server/feedback/list-feedback-queue";
import { resolveFeedbackReport } from "@/lib/server/feedback/resolve-feedback-report";
import { createStations } from "../../e2e/support/station-fixtures";

let fixture: Awaited<ReturnType<typeof createStations>>;
let reportId: string;
const userId = `queue-${Date.now()}`;

const staffOf = (stationId: string): Actor => ({ kind: "user", userId, label: "user:queue-staff", roles: [{ role: "BRANCH_STAFF", cityAdcode: null, stationId }] });

beforeAll(async () => {
  const db = getDb();
  fixture = await createStations([{ name: "工行测试队列驿站" }, { name: "工行测试队列驿站二" }]);
  await db.user.create({ data: { id: userId, name: "测试员", email: `${userId}@example.test` } });
  const report = await db.feedbackReport.create({
    data: { stationId: fixture.ids[0], kind: "CLOSED", message: "门关着", contact: "13800000000", clientHash: "test" },
  });
  reportId = report.id;
});

afterAll(async () => {
  await fixture.remove();
  await getDb().user.delete({ where: { id: userId } });
});

describe("the feedback queue", () => {
  it("shows a station's reports, with the reporter's contact, to its staff only", async () => {
    const own = await listFeedbackQueue(staffOf(fixture.ids[0]), { status: "open" });
    expect(own.map((r) => r.id)).toContain(reportId);
    expect(own.find((r) => r.id === reportId)).toMatchObject({ kind: "closed", contact: "13800000000", stationName: "工行测试队列驿站" });
    const other = await listFeedbackQueue(staffOf(fixture.ids[1]), { status: "all" });
    expect(other.map((r) => r.id)).not.toContain(reportId);
    await expect(listFeedbackQueue(anonymousActor, { status: "open" })).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("is resolved once, with a note, by the station's staff, and audited", async () => {
    await expect(resolveFeedbackReport(staffOf(fixture.ids[1]), reportId, { resolution: "fixed" })).rejects.toMatchObject({ code: "forbidden" });
    const result = await resolveFeedbackReport(staffOf(fixture.ids[0]), reportId, { resolution: "not_a_problem", note: "午休时间" });
    expect(result).toEqual({ id: reportId, status: "resolved", resolution: "not_a_problem" });
    await expect(resolveFeedbackReport(staffOf(fixture.ids[0]), reportId, { resolution: "fixed" })).rejects.toMatchObject({ code: "conflict" });
    const stored = await getDb().feedbackReport.findUniqueOrThrow({ where: { id: reportId } });
    expect(stored).toMatchObject({ status: "RESOLVED", resolution: "NOT_A_PROBLEM", resolutionNote: "午休时间", resolvedById: userId });
    const [event] = await getDb().auditEvent.findMany({ where: { entity: "feedback_report", entityId: reportId } });
    expect(event).toMatchObject({ actorLabel: "user:queue-staff", stationId: fixture.ids[0] });
    expect((await listFeedbackQueue(staffOf(fixture.ids[0]), { status: "open" })).map((r) => r.id)).not.toContain(reportId);
  });
});
