import "server-only";
import { getDb } from "@/lib/db";
import { openingHoursRows } from "@/lib/seed/station-records";
import type { Actor } from "@/lib/server/actor";
import { lockEditableStation, recordStationPartChange, requireUser } from "@/lib/server/station/lock-editable-station";
import { openingHoursForEdit } from "@/lib/server/station/station-parts";
import type { OpeningHoursEdit } from "@/lib/validations/station-edit";

/** Replaces a station's weekly hours and dated exceptions (holidays, temporary closures), audited. */
export async function updateOpeningHours(actor: Actor, stationId: string, edit: OpeningHoursEdit) {
  const user = requireUser(actor);
  return getDb().$transaction(async (tx) => {
    const current = await lockEditableStation(tx, user, stationId, edit.version, async () => ({ openingHours: await openingHoursForEdit(tx, stationId) }));
    const [weeklyBefore, exceptionsBefore] = await Promise.all([
      tx.openingPeriod.findMany({ where: { stationId }, orderBy: [{ weekday: "asc" }, { opensAt: "asc" }] }),
      tx.openingException.findMany({ where: { stationId }, orderBy: { startsOn: "asc" } }),
    ]);
    await tx.openingPeriod.deleteMany({ where: { stationId } });
    await tx.openingException.deleteMany({ where: { stationId } });
    const rows = openingHoursRows(edit, stationId);
    await tx.openingPeriod.createMany({ data: rows.periods });
    await tx.openingException.createMany({ data: rows.exceptions });
    const describe = (weekly: typeof weeklyBefore, exceptions: typeof exceptionsBefore) => ({
      weekly: weekly.map((p) => [p.weekday, p.opensAt, p.closesAt]),
      exceptions: exceptions.map((e) => ({
        kind: e.kind,
        startsOn: e.startsOn.toISOString().slice(0, 10),
        endsOn: e.endsOn.toISOString().slice(0, 10),
        closed: e.closed,
        opensAt: e.opensAt,
        closesAt: e.closesAt,
        note: e.note,
      })),
    });
    const [weeklyAfter, exceptionsAfter] = await Promise.all([
      tx.openingPeriod.findMany({ where: { stationId }, orderBy: [{ weekday: "asc" }, { opensAt: "asc" }] }),
      tx.openingException.findMany({ where: { stationId }, orderBy: { startsOn: "asc" } }),
    ]);
    const version = await recordStationPartChange(tx, user, current, {
      entity: "opening_hours",
      before: describe(weeklyBefore, exceptionsBefore),
      after: describe(weeklyAfter, exceptionsAfter),
    });
    return { version };
  });
}
