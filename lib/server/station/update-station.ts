import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import { editableStationsCondition } from "@/lib/server/station/station-scope";
import type { StationEdit } from "@/lib/validations/station-edit";

type EditableRow = {
  id: string;
  version: number;
  phone: string | null;
  notice: string | null;
  status: string;
  city_adcode: number;
  updated_at: Date;
};

const STATUS_TO_DB = { open: "OPEN", temporarily_closed: "TEMPORARILY_CLOSED", closed: "CLOSED" } as const;

function snapshot(row: EditableRow) {
  return { version: row.version, phone: row.phone, notice: row.notice, status: row.status.toLowerCase(), updatedAt: row.updated_at.toISOString() };
}

/**
 * Saves a staff edit of a station's details: in one transaction, the scope check, the version check,
 * the update and its audit event. The row is locked while checked, so of two saves of the same version
 * exactly one wins and the other is told what changed (409 with the current values).
 */
export async function updateStation(actor: Actor, stationId: string, edit: StationEdit) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "请先登录");
  return getDb().$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<EditableRow[]>`
      SELECT s.id, s.version, s.phone, s.notice, s.status::text AS status, s.city_adcode, s.updated_at
      FROM stations s
      WHERE s.id = ${stationId}::uuid AND ${editableStationsCondition(actor)}
      FOR UPDATE`;
    if (!current) {
      const exists = await tx.station.count({ where: { id: stationId } });
      throw exists ? new AppError("forbidden", "您没有权限修改这个驿站") : new AppError("not_found", "没有找到这个驿站");
    }
    if (current.version !== edit.version) {
      throw new AppError("conflict", "这个驿站刚被其他人修改过，请查看最新内容后再保存", { current: snapshot(current) });
    }

    const sets: Prisma.Sql[] = [Prisma.sql`version = version + 1`, Prisma.sql`updated_at = now()`, Prisma.sql`source = 'STAFF'`];
    if (edit.phone !== undefined) sets.push(Prisma.sql`phone = ${edit.phone}`);
    if (edit.notice !== undefined) sets.push(Prisma.sql`notice = ${edit.notice}`);
    if (edit.status !== undefined) sets.push(Prisma.sql`status = ${STATUS_TO_DB[edit.status]}::station_status`);
    const [updated] = await tx.$queryRaw<EditableRow[]>`
      UPDATE stations s SET ${Prisma.join(sets, ", ")}
      WHERE s.id = ${stationId}::uuid
      RETURNING s.id, s.version, s.phone, s.notice, s.status::text AS status, s.city_adcode, s.updated_at`;

    await tx.auditEvent.create({
      data: {
        actorUserId: actor.userId,
        actorLabel: actor.label,
        entity: "station",
        entityId: stationId,
        action: "UPDATE",
        stationId,
        cityAdcode: current.city_adcode,
        before: snapshot(current),
        after: snapshot(updated),
      },
    });
    return snapshot(updated);
  });
}
