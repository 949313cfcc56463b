import { randomUUID } from "node:crypto";
import { createPrismaClient } from "@/lib/db";
import { requireDatabaseUrl } from "@/lib/env";
import { stationRecordToRows } from "@/lib/seed/station-records";
import { stationRecordSchema, type StationRecordInput } from "@/lib/validations/station-import";

const standardAmenities = ["rest", "drinking_water", "phone_charging", "wifi"].map((code) => ({ code }));

/** A valid station record (a 沈阳 和平区 station with the four standard amenities), with `partial` over it. */
export function testStationRecord(partial: Partial<StationRecordInput> & { code: string }) {
  return stationRecordSchema.parse({
    name: "测试驿站",
    address: "辽宁省沈阳市和平区测试路1号",
    cityAdcode: 210100,
    districtAdcode: 210102,
    lat: 41.7897,
    lng: 123.3985,
    openingHours: { weekly: [], exceptions: [] },
    amenities: standardAmenities,
    ...partial,
  });
}

/**
 * Each spec creates the stations it looks at, so it does not depend on what the sample happens to hold,
 * and removes them afterwards. Records go through the same schema as every other station.
 */
export async function createStations(records: Partial<StationRecordInput>[]): Promise<{ ids: string[]; remove(): Promise<void> }> {
  const db = createPrismaClient(requireDatabaseUrl(), 1);
  const runTag = randomUUID().slice(0, 8);
  const ids: string[] = [];
  try {
    await db.$transaction(async (tx) => {
      for (const [index, partial] of records.entries()) {
        const record = testStationRecord({ code: `E2E-${runTag}-${index}`, name: `测试驿站${index}`, ...partial });
        const id = randomUUID();
        const rows = stationRecordToRows(record, id, "STAFF");
        await tx.station.create({ data: rows.station });
        await tx.openingPeriod.createMany({ data: rows.periods });
        await tx.openingException.createMany({ data: rows.exceptions });
        await tx.stationAmenity.createMany({ data: rows.amenities });
        ids.push(id);
      }
    });
  } finally {
    await db.$disconnect();
  }
  return {
    ids,
    async remove() {
      const cleanup = createPrismaClient(requireDatabaseUrl(), 1);
      try {
        await cleanup.station.deleteMany({ where: { id: { in: ids } } });
      } finally {
        await cleanup.$disconnect();
      }
    },
  };
}

export const everyDay9to17 = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: "09:00", closes: "17:00" }));
