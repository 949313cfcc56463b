import "server-only";
import { getDb } from "@/lib/db";
import { clockToMinutes } from "@/lib/opening-hours";
import type { Actor } from "@/lib/server/actor";
import { lockEditableStation, recordStationPartChange, requireUser } from "@/lib/server/station/lock-editable-station";
import type { OpeningHoursEdit } from "@/lib/validations/station-edit";

const kindToDb = { holiday: "HOLIDAY", temporary_closure: "TEMPORARY_CLOSURE", special_hours: "SPECIAL_HOURS" } as const;

/** Replaces a station's weekly hours and dated exceptions (holidays, temporary closures), audited. */
export async function updateOpeningHours(actor: Actor, stationId: string, edit: OpeningHoursEdit) {
  const user = requireUser(actor);
  return getDb().$transaction(async (tx) => {
    const current = await lockEditableStation(tx, user, stationId, edit.version);
    const [weeklyBefore, exceptionsBefore] = await Promise.all([
      tx.openingPeriod.findMany({ where: { stationId }, orderBy: [{ weekday: "asc" }, { opensAt: "asc" }] }),
      tx.openingException.findMany({ where: { stationId }, orderBy: { startsOn: "asc" } }),
    ]);
    await tx.openingPeriod.deleteMany({ where: { stationId } });
    await tx.openingException.deleteMany({ where: { stationId } });
    await tx.openingPeriod.createMany({
      data: edit.weekly.map((p) => ({ stationId, weekday: p.day, opensAt: clockToMinutes(p.opens), closesAt: clockToMinutes(p.closes) })),
    });
    await tx.openingException.createMany({
      data: edit.exceptions.map((e) => ({
        stationId,
        kind: kindToDb[e.kind],
        startsOn: new Date(`${e.startsOn}T00:00:00Z`),
        endsOn: new Date(`${e.endsOn}T00:00:00Z`),
        closed: e.closed,
        opensAt: e.opens ? clockToMinutes(e.opens) : null,
        closesAt: e.closes ? clockToMinutes(e.closes) : null,
        note: e.note ?? null,
      })),
    });
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
