import { readAmenityTypeSeeds, readPlaces } from "@/lib/seed/reference-data";
import type { TransferContext } from "@/lib/transfer/station-rows";

/** The reference data files as a transfer context, for tests and scripts that run without a database. */
export async function fileTransferContext(): Promise<TransferContext> {
  const [{ cities, districts }, amenityTypes] = await Promise.all([readPlaces(), readAmenityTypeSeeds()]);
  return {
    cities: cities.map((c) => ({ adcode: c.adcode, name: c.name })),
    districts: districts.map((d) => ({ adcode: d.adcode, cityAdcode: d.cityAdcode, name: d.name })),
    amenityTypes: amenityTypes.map((t) => ({ code: t.code, nameZh: t.nameZh })),
  };
}
