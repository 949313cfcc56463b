import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import { requireUser } from "@/lib/server/station/lock-editable-station";
import { editableStationsCondition } from "@/lib/server/station/station-scope";
import { feedbackIdParamSchema, type FeedbackResolution } from "@/lib/validations/feedback";

const resolutionToDb = { fixed: "FIXED", not_a_problem: "NOT_A_PROBLEM", duplicate: "DUPLICATE" } as const;

/** Closes a report with what it turned out to be; only once, only by someone looking after its station. */
export async function resolveFeedbackReport(actor: Actor, reportId: string, input: FeedbackResolution) {
  const user = requireUser(actor);
  // The id comes from the URL; text that is no uuid names no report (PostgreSQL would refuse the cast).
  if (!feedbackIdParamSchema.safeParse(reportId).success) throw new AppError("not_found", "没有找到这条反馈");
  return getDb().$transaction(async (tx) => {
    const [report] = await tx.$queryRaw<{ id: string; station_id: string; city_adcode: number; status: string }[]>`
      SELECT f.id, f.station_id, s.city_adcode, f.status::text AS status
      FROM feedback_reports f JOIN stations s ON s.id = f.station_id
      WHERE f.id = ${reportId}::uuid AND ${editableStationsCondition(user)}
      FOR UPDATE OF f`;
    if (!report) {
      const exists = await tx.feedbackReport.count({ where: { id: reportId } });
      throw exists ? new AppError("forbidden", "您没有权限处理这条反馈") : new AppError("not_found", "没有找到这条反馈");
    }
    if (report.status !== "OPEN") throw new AppError("conflict", "这条反馈已经处理过了");
    const resolved = await tx.feedbackReport.update({
      where: { id: reportId },
      data: {
        status: "RESOLVED",
        resolution: resolutionToDb[input.resolution],
        resolutionNote: input.note ?? null,
        resolvedAt: new Date(),
        resolvedById: user.userId,
      },
    });
    await tx.auditEvent.create({
      data: {
        actorUserId: user.userId,
        actorLabel: user.label,
        entity: "feedback_report",
        entityId: reportId,
        action: "UPDATE",
        stationId: report.station_id,
        cityAdcode: report.city_adcode,
        before: { status: "open" },
        after: { status: "resolved", resolution: input.resolution, note: input.note ?? null } satisfies Prisma.InputJsonValue,
      },
    });
    return { id: resolved.id, status: "resolved" as const, resolution: input.resolution };
  });
}
