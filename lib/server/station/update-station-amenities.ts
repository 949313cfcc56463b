import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { amenityRows } from "@/lib/seed/station-records";
import type { Actor } from "@/lib/server/actor";
import { findUnknownAmenityCodes } from "@/lib/server/amenity/find-unknown-amenity-codes";
import { lockEditableStation, recordStationPartChange, requireUser } from "@/lib/server/station/lock-editable-station";
import { amenitiesForEdit } from "@/lib/server/station/station-parts";
import type { StationAmenitiesEdit } from "@/lib/validations/station-edit";

async function amenitySnapshot(tx: Prisma.TransactionClient, stationId: string) {
  const rows = await tx.stationAmenity.findMany({ where: { stationId }, orderBy: { amenityCode: "asc" } });
  return rows.map(({ stationId: _, ...a }) => ({ ...a, checkedAt: a.checkedAt?.toISOString() ?? null }));
}

/** Replaces a station's amenities (availability, note, last checked) as staff set them, audited. */
export async function updateStationAmenities(actor: Actor, stationId: string, edit: StationAmenitiesEdit) {
  const user = requireUser(actor);
  const unknown = await findUnknownAmenityCodes(user, edit.amenities.map((a) => a.code));
  if (unknown.length) {
    throw new AppError("validation_failed", "未知的设施代码", [{ path: "amenities", message: `未知的设施代码：${unknown.join(", ")}` }]);
  }
  return getDb().$transaction(async (tx) => {
    const current = await lockEditableStation(tx, user, stationId, edit.version, async () => ({ amenities: await amenitiesForEdit(tx, stationId) }));
    const before = await amenitySnapshot(tx, stationId);
    await tx.stationAmenity.deleteMany({ where: { stationId } });
    await tx.stationAmenity.createMany({ data: amenityRows(edit.amenities, stationId) });
    const version = await recordStationPartChange(tx, user, current, {
      entity: "station_amenities",
      before,
      after: await amenitySnapshot(tx, stationId),
    });
    return { version };
  });
}
