import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { FeedbackKind as DbFeedbackKind } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import type { FeedbackInput, FeedbackReceipt } from "@/lib/validations/feedback";
import { stationIdParamSchema } from "@/lib/validations/station-query";

/**
 * Queues a confirmation or problem report for the station's staff. The station and amenity checks run
 * in the same transaction as the insert, so a station deleted meanwhile answers 404, not a foreign-key
 * error.
 */
export async function createFeedbackReport(
  _actor: Actor,
  stationId: string,
  input: FeedbackInput,
  clientHash: string,
): Promise<FeedbackReceipt> {
  if (!stationIdParamSchema.safeParse(stationId).success) throw new AppError("not_found", "没有找到这个驿站");
  return getDb().$transaction(async (tx) => {
    const station = await tx.station.findUnique({ where: { id: stationId }, select: { id: true } });
    if (!station) throw new AppError("not_found", "没有找到这个驿站");
    if (input.amenityCode !== undefined) {
      const amenity = await tx.amenityType.findUnique({ where: { code: input.amenityCode }, select: { code: true } });
      if (!amenity) {
        throw new AppError("validation_failed", "请求参数无效", [{ path: "amenityCode", message: `没有这种设施：${input.amenityCode}` }]);
      }
    }
    const report = await tx.feedbackReport.create({
      data: {
        stationId,
        kind: input.kind.toUpperCase() as DbFeedbackKind,
        message: input.message ?? null,
        amenityCode: input.amenityCode ?? null,
        contact: input.contact ?? null,
        clientHash,
      },
      select: { id: true, stationId: true, kind: true, createdAt: true },
    });
    return {
      id: report.id,
      stationId: report.stationId,
      kind: report.kind.toLowerCase() as FeedbackReceipt["kind"],
      createdAt: report.createdAt.toISOString(),
    };
  });
}
