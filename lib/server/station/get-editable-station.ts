import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { OpeningHours } from "@/lib/opening-hours";
import type { Actor } from "@/lib/server/actor";
import {
  editableStationColumns,
  editableStationFromRow,
  type EditableStation,
  type EditableStationRow,
} from "@/lib/server/station/list-editable-stations";
import { requireUser } from "@/lib/server/station/lock-editable-station";
import { amenitiesForEdit, openingHoursForEdit, type AmenityForEdit } from "@/lib/server/station/station-parts";
import { editableStationsCondition } from "@/lib/server/station/station-scope";
import { stationIdParamSchema } from "@/lib/validations/station-query";

export type EditableStationRecord = EditableStation & { amenities: AmenityForEdit[]; openingHours: OpeningHours };

/**
 * One station as its editor starts from: details, amenities and all its hours. A station outside the
 * actor's scope is "not found", like an unknown one, so the answer does not tell which stations exist.
 */
export async function getEditableStation(actor: Actor, stationId: string): Promise<EditableStationRecord> {
  const user = requireUser(actor);
  if (!stationIdParamSchema.safeParse(stationId).success) throw new AppError("not_found", "没有找到这个驿站");
  const db = getDb();
  const [row] = await db.$queryRaw<EditableStationRow[]>`
    SELECT ${editableStationColumns}
    FROM stations s
    WHERE s.id = ${stationId}::uuid AND ${editableStationsCondition(user)}`;
  if (!row) throw new AppError("not_found", "没有找到这个驿站");
  // Read only once the scoped query has found the station.
  const [amenities, openingHours] = await Promise.all([amenitiesForEdit(db, stationId), openingHoursForEdit(db, stationId)]);
  return { ...editableStationFromRow(row), amenities, openingHours };
}
