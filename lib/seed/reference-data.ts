import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import * as z from "zod";
import "@/lib/validations/zod";
import { serviceThemeSchema } from "@/lib/validations/station";

const dataDir = fileURLToPath(new URL("../../data", import.meta.url));

const adminPointSchema = z.object({
  level: z.enum(["province", "city", "county"]),
  adcode: z.coerce.number().int(),
  name: z.string().min(1),
  county_type: z.string(),
  city_adcode: z.string(),
  pop_2020: z.coerce.number().int(),
  center_lng_wgs84: z.coerce.number(),
  center_lat_wgs84: z.coerce.number(),
});

const populationSchema = z.object({
  adcode: z.coerce.number().int(),
  urban_share_2020: z.string().transform((v) => (v === "" ? null : Number(v))),
});

export const amenityTypeSeedSchema = z.array(
  z.object({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
    nameZh: z.string().min(1),
    nameEn: z.string().min(1),
    icon: z.string().min(1),
    theme: serviceThemeSchema,
    isStandard: z.boolean(),
  }),
);

async function readCsv(file: string): Promise<Record<string, string>[]> {
  return parse(await readFile(path.join(dataDir, file), "utf8"), { columns: true, skip_empty_lines: true, bom: true });
}

export type PlaceSeed = {
  adcode: number;
  name: string;
  kind: string;
  cityAdcode: number;
  population2020: number;
  urbanShare2020: number | null;
  centerLat: number;
  centerLng: number;
};

/** Cities and districts of Liaoning from the bundled census and admin-point files (see data/PROVENANCE.md). */
export async function readPlaces(): Promise<{ cities: PlaceSeed[]; districts: PlaceSeed[] }> {
  const points = z.array(adminPointSchema).parse(await readCsv("geo/liaoning_admin_points.csv"));
  const urbanShares = new Map(
    z.array(populationSchema).parse(await readCsv("geo/liaoning_population_2020.csv")).map((row) => [row.adcode, row.urban_share_2020]),
  );
  const toPlace = (p: z.infer<typeof adminPointSchema>): PlaceSeed => ({
    adcode: p.adcode,
    name: p.name,
    kind: p.level === "city" ? "地级市" : p.county_type,
    cityAdcode: Number(p.city_adcode),
    population2020: p.pop_2020,
    urbanShare2020: urbanShares.get(p.adcode) ?? null,
    centerLat: p.center_lat_wgs84,
    centerLng: p.center_lng_wgs84,
  });
  return {
    cities: points.filter((p) => p.level === "city").map(toPlace),
    districts: points.filter((p) => p.level === "county").map(toPlace),
  };
}

export async function readAmenityTypeSeeds() {
  return amenityTypeSeedSchema.parse(JSON.parse(await readFile(path.join(dataDir, "amenity-types.json"), "utf8")));
}

export async function readSampleDatasetFile(): Promise<unknown> {
  return JSON.parse(await readFile(path.join(dataDir, "sample-stations.json"), "utf8"));
}
