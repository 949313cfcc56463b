import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import { applyStationChange, lockEditableStation, requireUser } from "@/lib/server/station/lock-editable-station";
import type { StationEdit } from "@/lib/validations/station-edit";

const STATUS_TO_DB = { open: "OPEN", temporarily_closed: "TEMPORARILY_CLOSED", closed: "CLOSED" } as const;

/** Saves a staff edit of a station's details: scope and version checked, changed, audited, in one transaction. */
export async function updateStation(actor: Actor, stationId: string, edit: StationEdit) {
  const user = requireUser(actor);
  return getDb().$transaction(async (tx) => {
    const current = await lockEditableStation(tx, user, stationId, edit.version);
    const changes: Prisma.Sql[] = [Prisma.sql`source = 'STAFF'`];
    if (edit.phone !== undefined) changes.push(Prisma.sql`phone = ${edit.phone}`);
    if (edit.notice !== undefined) changes.push(Prisma.sql`notice = ${edit.notice}`);
    if (edit.status !== undefined) changes.push(Prisma.sql`status = ${STATUS_TO_DB[edit.status]}::station_status`);
    return applyStationChange(tx, user, current, changes);
  });
}
