import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/server/actor";
import { lockEditableStation, recordStationPartChange, requireUser } from "@/lib/server/station/lock-editable-station";
import type { StationAmenitiesEdit } from "@/lib/validations/station-edit";

const toDb = { available: "AVAILABLE", limited: "LIMITED", unavailable: "UNAVAILABLE" } as const;

/** Replaces a station's amenities (availability, note, last checked) as staff set them, audited. */
export async function updateStationAmenities(actor: Actor, stationId: string, edit: StationAmenitiesEdit) {
  const user = requireUser(actor);
  return getDb().$transaction(async (tx) => {
    const current = await lockEditableStation(tx, user, stationId, edit.version);
    const codes = edit.amenities.map((a) => a.code);
    const known = await tx.amenityType.findMany({ where: { code: { in: codes } }, select: { code: true } });
    const unknown = codes.filter((code) => !known.some((k) => k.code === code));
    if (unknown.length) {
      throw new AppError("validation_failed", "未知的设施代码", [{ path: "amenities", message: `未知的设施代码：${unknown.join(", ")}` }]);
    }
    const before = await tx.stationAmenity.findMany({ where: { stationId }, orderBy: { amenityCode: "asc" } });
    await tx.stationAmenity.deleteMany({ where: { stationId } });
    await tx.stationAmenity.createMany({
      data: edit.amenities.map((a) => ({
        stationId,
        amenityCode: a.code,
        availability: toDb[a.availability],
        note: a.note ?? null,
        checkedAt: a.checkedAt ? new Date(a.checkedAt) : null,
      })),
    });
    const after = await tx.stationAmenity.findMany({ where: { stationId }, orderBy: { amenityCode: "asc" } });
    const version = await recordStationPartChange(tx, user, current, {
      entity: "station_amenities",
      before: before.map(({ stationId: _, ...a }) => ({ ...a, checkedAt: a.checkedAt?.toISOString() ?? null })),
      after: after.map(({ stationId: _, ...a }) => ({ ...a, checkedAt: a.checkedAt?.toISOString() ?? null })),
    });
    return { version };
  });
}
