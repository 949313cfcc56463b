import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readAmenityTypeSeeds, readPlaces, readSampleDatasetFile, type PlaceSeed } from "@/lib/seed/reference-data";
import { stationRecordToRows } from "@/lib/seed/station-records";
import { stationDatasetSchema } from "@/lib/validations/station-import";

export type SeedResult = { places: number; amenityTypes: number; stationsCreated: number };

/**
 * Reference tables are brought up to date on every start (they are data files in the repo); the sample
 * stations are loaded only into an empty directory, so a real list, once imported, is never mixed with them.
 */
export async function seedDatabase(db: PrismaClient): Promise<SeedResult> {
  const [{ cities, districts }, amenityTypes, dataset] = await Promise.all([
    readPlaces(),
    readAmenityTypeSeeds(),
    readSampleDatasetFile().then((raw) => stationDatasetSchema.parse(raw)),
  ]);

  const result = await db.$transaction(
    async (tx) => {
      const placeFields = (place: PlaceSeed) => ({
        name: place.name,
        population2020: place.population2020,
        urbanShare2020: place.urbanShare2020,
        centerLat: place.centerLat,
        centerLng: place.centerLng,
      });
      for (const city of cities) {
        const fields = placeFields(city);
        await tx.city.upsert({ where: { adcode: city.adcode }, create: { adcode: city.adcode, ...fields }, update: fields });
      }
      for (const district of districts) {
        const fields = { ...placeFields(district), kind: district.kind, cityAdcode: district.cityAdcode };
        await tx.district.upsert({ where: { adcode: district.adcode }, create: { adcode: district.adcode, ...fields }, update: fields });
      }
      for (const [sortOrder, type] of amenityTypes.entries()) {
        const fields = { ...type, theme: type.theme.toUpperCase() as Uppercase<typeof type.theme>, sortOrder };
        await tx.amenityType.upsert({ where: { code: type.code }, create: fields, update: fields });
      }

      if ((await tx.station.count()) > 0) {
        return { places: cities.length + districts.length, amenityTypes: amenityTypes.length, stationsCreated: 0 };
      }
      const rows = dataset.stations.map((record) => stationRecordToRows(record, record.id ?? randomUUID(), "SAMPLE"));
      await tx.station.createMany({ data: rows.map((r) => r.station) });
      await tx.openingPeriod.createMany({ data: rows.flatMap((r) => r.periods) });
      await tx.openingException.createMany({ data: rows.flatMap((r) => r.exceptions) });
      await tx.stationAmenity.createMany({ data: rows.flatMap((r) => r.amenities) });
      return { places: cities.length + districts.length, amenityTypes: amenityTypes.length, stationsCreated: rows.length };
    },
    { timeout: 120_000 },
  );
  // Fresh statistics after a bulk load, so the planner picks the spatial index from the first query on.
  if (result.stationsCreated > 0) await db.$executeRaw`ANALYZE`;
  return result;
}
