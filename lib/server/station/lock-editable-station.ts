import "server-only";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor, UserActor } from "@/lib/server/actor";
import { editableStationsCondition } from "@/lib/server/station/station-scope";
import { stationIdParamSchema } from "@/lib/validations/station-query";

export type LockedStation = {
  id: string;
  version: number;
  phone: string | null;
  notice: string | null;
  status: string;
  city_adcode: number;
  updated_at: Date;
  verified_at: Date | null;
};

export function stationSnapshot(row: LockedStation) {
  return {
    version: row.version,
    phone: row.phone,
    notice: row.notice,
    status: row.status.toLowerCase(),
    updatedAt: row.updated_at.toISOString(),
    verifiedAt: row.verified_at?.toISOString() ?? null,
  };
}

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "请先登录");
  return actor;
}

/**
 * The first step of every staff write, inside its transaction: lock the station's row if the actor
 * may change it, and check the version the editor loaded. Of two saves of one version, the second
 * waits for the first's lock and then finds the version moved on (409 with the current values).
 * A write to a part of the station (amenities, hours) passes `currentPart`, so the 409 also carries
 * that part as it is now, read under the lock, and the editor can see what changed.
 */
export async function lockEditableStation(
  tx: Prisma.TransactionClient,
  actor: UserActor,
  stationId: string,
  version: number,
  currentPart?: () => Promise<Record<string, unknown>>,
): Promise<LockedStation> {
  // The id comes from the URL; text that is no uuid names no station (PostgreSQL would refuse the cast).
  if (!stationIdParamSchema.safeParse(stationId).success) throw new AppError("not_found", "没有找到这个驿站");
  const [current] = await tx.$queryRaw<LockedStation[]>`
    SELECT s.id, s.version, s.phone, s.notice, s.status::text AS status, s.city_adcode, s.updated_at, s.verified_at
    FROM stations s
    WHERE s.id = ${stationId}::uuid AND ${editableStationsCondition(actor)}
    FOR UPDATE`;
  if (!current) {
    const exists = await tx.station.count({ where: { id: stationId } });
    throw exists ? new AppError("forbidden", "您没有权限修改这个驿站") : new AppError("not_found", "没有找到这个驿站");
  }
  if (current.version !== version) {
    const part = currentPart ? await currentPart() : {};
    throw new AppError("conflict", "这个驿站刚被其他人修改过，请查看最新内容后再保存", { current: { ...stationSnapshot(current), ...part } });
  }
  return current;
}

/**
 * The last step of a staff write to the station row: apply the changes, move the version on, and
 * record before and after in the audit log, in the caller's transaction.
 */
export async function applyStationChange(tx: Prisma.TransactionClient, actor: UserActor, current: LockedStation, changes: Prisma.Sql[]) {
  const [updated] = await tx.$queryRaw<LockedStation[]>`
    UPDATE stations s SET ${Prisma.join([...changes, Prisma.sql`version = version + 1`, Prisma.sql`updated_at = now()`], ", ")}
    WHERE s.id = ${current.id}::uuid
    RETURNING s.id, s.version, s.phone, s.notice, s.status::text AS status, s.city_adcode, s.updated_at, s.verified_at`;
  await tx.auditEvent.create({
    data: {
      actorUserId: actor.userId,
      actorLabel: actor.label,
      entity: "station",
      entityId: current.id,
      action: "UPDATE",
      stationId: current.id,
      cityAdcode: current.city_adcode,
      before: stationSnapshot(current),
      after: stationSnapshot(updated),
    },
  });
  return stationSnapshot(updated);
}

/**
 * For writes to a station's parts (amenities, hours): the station's version still moves on, so an
 * editor holding the old version learns of the change, and the part's own before/after is audited.
 */
export async function recordStationPartChange(
  tx: Prisma.TransactionClient,
  actor: UserActor,
  current: LockedStation,
  part: { entity: string; before: Prisma.InputJsonValue; after: Prisma.InputJsonValue },
): Promise<number> {
  const [bumped] = await tx.$queryRaw<{ version: number }[]>`
    UPDATE stations SET version = version + 1, updated_at = now(), source = 'STAFF' WHERE id = ${current.id}::uuid RETURNING version`;
  await tx.auditEvent.create({
    data: {
      actorUserId: actor.userId,
      actorLabel: actor.label,
      entity: part.entity,
      entityId: current.id,
      action: "UPDATE",
      stationId: current.id,
      cityAdcode: current.city_adcode,
      before: part.before,
      after: part.after,
    },
  });
  return bumped.version;
}
