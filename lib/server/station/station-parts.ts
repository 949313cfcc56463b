import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { minutesToClock, type OpeningHours } from "@/lib/opening-hours";

export type AmenityForEdit = { code: string; availability: "available" | "limited" | "unavailable"; note: string | null; checkedAt: string | null };

/**
 * A station's amenities in the shape the amenities edit takes, so an editor can load them into the form
 * and send them back unchanged. Callers have already checked the actor may edit the station.
 */
export async function amenitiesForEdit(db: Prisma.TransactionClient, stationId: string): Promise<AmenityForEdit[]> {
  const rows = await db.stationAmenity.findMany({ where: { stationId }, orderBy: { amenityType: { sortOrder: "asc" } } });
  return rows.map((a) => ({
    code: a.amenityCode,
    availability: a.availability.toLowerCase() as AmenityForEdit["availability"],
    note: a.note,
    checkedAt: a.checkedAt?.toISOString() ?? null,
  }));
}

/**
 * Weekly hours and every dated exception, past ones too: the hours edit replaces them all, so an editor
 * who saw only the current ones would delete the rest without knowing.
 */
export async function openingHoursForEdit(db: Prisma.TransactionClient, stationId: string): Promise<OpeningHours> {
  const [weekly, exceptions] = await Promise.all([
    db.openingPeriod.findMany({ where: { stationId }, orderBy: [{ weekday: "asc" }, { opensAt: "asc" }] }),
    db.openingException.findMany({ where: { stationId }, orderBy: [{ startsOn: "asc" }, { endsOn: "asc" }] }),
  ]);
  return {
    weekly: weekly.map((p) => ({ day: p.weekday, opens: minutesToClock(p.opensAt), closes: minutesToClock(p.closesAt) })),
    exceptions: exceptions.map((e) => ({
      kind: e.kind.toLowerCase() as OpeningHours["exceptions"][number]["kind"],
      startsOn: e.startsOn.toISOString().slice(0, 10),
      endsOn: e.endsOn.toISOString().slice(0, 10),
      closed: e.closed,
      opens: e.opensAt === null ? null : minutesToClock(e.opensAt),
      closes: e.closesAt === null ? null : minutesToClock(e.closesAt),
      note: e.note,
    })),
  };
}
