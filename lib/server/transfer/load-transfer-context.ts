import "server-only";
import { getDb } from "@/lib/db";
import type { TransferContext } from "@/lib/transfer/station-rows";

/** Cities, districts and amenity types from the database: amenity types are data, so the columns follow them. */
export async function loadTransferContext(): Promise<TransferContext> {
  const db = getDb();
  const [cities, districts, amenityTypes] = await Promise.all([
    db.city.findMany({ select: { adcode: true, name: true }, orderBy: { adcode: "asc" } }),
    db.district.findMany({ select: { adcode: true, cityAdcode: true, name: true }, orderBy: { adcode: "asc" } }),
    db.amenityType.findMany({ select: { code: true, nameZh: true }, orderBy: { sortOrder: "asc" } }),
  ]);
  return { cities, districts, amenityTypes };
}
