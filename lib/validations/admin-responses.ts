import { errorResponseSchema } from "@/lib/validations/station";
import { amenityAvailabilitySchema, stationStatusSchema, weeklyPeriodShape } from "@/lib/validations/station-import";
import { roleKinds } from "@/lib/validations/user";
import * as z from "zod";
import "@/lib/validations/zod";

/**
 * What the admin API answers, for its OpenAPI document and as the types of the data-access functions
 * that produce it, so the document and the code cannot disagree. tests/api/admin-responses.test.ts parses
 * the routes' real answers with them. Request bodies and query parameters have the schemas that validate
 * them (user.ts, coverage.ts, transfer.ts).
 */

const timestamp = z.iso.datetime();
const share = z.number().min(0).max(1);

export const roleViewSchema = z.object({
  id: z.uuid(),
  role: z.enum(roleKinds),
  cityAdcode: z.number().int().nullable().describe("A city manager's city, or the city of a branch staff member's station; null for a province admin"),
  cityName: z.string().nullable(),
  stationId: z.uuid().nullable().describe("Branch staff only"),
  stationName: z.string().nullable(),
  grantedAt: timestamp,
});
export type RoleView = z.infer<typeof roleViewSchema>;

export const userViewSchema = z.object({
  id: z.string(),
  username: z.string().nullable().describe("As typed at creation; null for an account that signs in only by single sign-on"),
  name: z.string(),
  email: z.string(),
  active: z.boolean(),
  deactivatedAt: timestamp.nullable(),
  createdAt: timestamp,
  lastSessionAt: timestamp.nullable().describe("Start of the newest session still on record; null after signing out everywhere or never signing in"),
  roles: z.array(roleViewSchema).describe("Oldest grant first"),
});
export type UserView = z.infer<typeof userViewSchema>;

export const userPageSchema = z.object({
  data: z.array(userViewSchema).describe("Newest account first"),
  total: z.number().int().describe("Accounts matching the filters, over all pages"),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type UserPage = z.infer<typeof userPageSchema>;

export const createdUserSchema = z.object({
  id: z.string(),
  username: z.string().describe("Lower-cased: sign-in ignores case"),
  email: z.string(),
  name: z.string(),
});
export type CreatedUser = z.infer<typeof createdUserSchema>;

/** What a change to an account answers: the account's own fields after it, as its audit row keeps them. */
export const userSnapshotSchema = z.object({
  id: z.string(),
  username: z.string().nullable(),
  name: z.string(),
  email: z.string(),
  deactivatedAt: timestamp.nullable().describe("Null while the account may sign in"),
});

export const passwordResetResultSchema = z.object({
  endedSessions: z.number().int().describe("Sessions of the account signed out by the reset"),
});

/** A role as granted, or as it was before being revoked. */
export const roleAssignmentSchema = z.object({
  id: z.uuid(),
  userId: z.string(),
  role: z.enum(roleKinds),
  cityAdcode: z.number().int().nullable().describe("CITY_MANAGER only"),
  stationId: z.uuid().nullable().describe("BRANCH_STAFF only"),
});

const areaCoverageShape = {
  cells: z.number().int().describe("Grid cells with residents"),
  cellsOutside: z.number().int().describe("Of those, cells farther than the threshold on foot from a qualifying station"),
  residents: z.number().int().describe("2020 census population times the urban share, rounded"),
  residentsOutside: z.number().int(),
  shareOutside: share.describe("residentsOutside / residents; 0 without residents"),
};

export const coverageViewSchema = z.object({
  amenity: z.string().nullable(),
  thresholdMeters: z.number().int(),
  detourFactor: z.number().describe("Walking distance = great-circle distance × this factor"),
  cellMeters: z.number().describe("Side of a grid cell"),
  stations: z.number().int().describe("Qualifying stations in the caller's cities (those drawn on the map)"),
  total: z.object(areaCoverageShape).describe("Totals over the cities the caller may see: the province for an admin"),
  cities: z.array(z.object({ ...areaCoverageShape, adcode: z.number().int(), name: z.string() })),
  districts: z
    .array(z.object({ ...areaCoverageShape, adcode: z.number().int(), name: z.string(), kind: z.string(), cityAdcode: z.number().int(), cityName: z.string() }))
    .describe("Most residents outside reach first"),
  gapRuns: z.array(z.tuple([z.number(), z.number(), z.number(), z.number()])).describe("Gap cells merged along rows: [south, west, north, east], WGS-84"),
  stationPoints: z.array(z.tuple([z.number(), z.number()])).describe("Qualifying stations as [lat, lng], WGS-84"),
  computedAt: timestamp.describe("When the shared, cached computation ran"),
  computeMs: z.number().describe("How long it took, in milliseconds"),
});
export type CoverageView = z.infer<typeof coverageViewSchema>;

export const coverageResponseSchema = z.object({ data: coverageViewSchema });

export const areaFiguresSchema = z.object({
  adcode: z.number().int(),
  name: z.string(),
  population: z.number().int().describe("2020 census resident population"),
  stations: z
    .number()
    .int()
    .describe("Stations in service: open or temporarily closed (they reopen); those closed for good do not count. Every share is of these"),
  openStations: z.number().int(),
  residentsPerStation: z.number().int().nullable().describe("population / stations, rounded; null without a station"),
  residentsPerOpenStation: z.number().int().nullable().describe("population / openStations, rounded; null without an open station"),
  amenityStations: z.record(z.string(), z.number().int()).describe("Per amenity code: stations offering it (available or limited); codes no station offers are absent"),
  amenityShares: z.record(z.string(), share).describe("Per amenity code: amenityStations / stations"),
  verifiedRecently: z.number().int().describe("Stations verified in the last 90 days"),
  verifiedRecentlyShare: share.describe("verifiedRecently / stations (0 without stations)"),
  openFeedback: z
    .number()
    .int()
    .describe("Open problem reports on the area's stations (closed ones included); confirmations are left out, as they ask nobody to act"),
});
export type AreaFigures = z.infer<typeof areaFiguresSchema>;

export const areaStatisticsSchema = z.object({
  asOf: timestamp,
  cities: z.array(areaFiguresSchema.extend({ districts: z.array(areaFiguresSchema.extend({ kind: z.string() })) })),
});
export type AreaStatistics = z.infer<typeof areaStatisticsSchema>;

export const areaStatisticsResponseSchema = z.object({ data: areaStatisticsSchema });

export const cellChangeSchema = z.object({ before: z.string(), after: z.string() });
export type CellChange = z.infer<typeof cellChangeSchema>;

/** The answer of POST /api/v1/admin/import?mode=dry-run: what applying the file would do. */
export const importPlanSchema = z.object({
  file: z.object({
    format: z.enum(["csv", "xlsx"]),
    encoding: z.enum(["utf-8", "gb18030"]).nullable().describe("How a CSV was decoded; null for XLSX"),
    rows: z.number().int().describe("Data rows read (blank rows and rows starting with # are skipped)"),
  }),
  columns: z.array(z.object({ key: z.string(), label: z.string() })).describe("The file's columns: key as in `changes`, label as in the header"),
  create: z.array(z.object({ row: z.number().int(), code: z.string(), name: z.string(), city: z.string(), district: z.string() })),
  update: z.array(
    z.object({
      row: z.number().int(),
      code: z.string(),
      name: z.string(),
      changes: z.record(z.string(), cellChangeSchema).describe("Per column key, the cell before and after, as the table shows them"),
    }),
  ),
  unchanged: z.number().int(),
  rejected: z
    .array(z.object({ row: z.number().int(), code: z.string().nullable(), reasons: z.array(z.string()) }))
    .describe("Rows that cannot be imported; an apply refuses the whole file while any is left"),
  digest: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .describe("Names this plan: pass as `expect` to apply it only if the data has not changed since"),
}).describe("`row` is the spreadsheet's row number (the header is row 1)");
export type ImportPlanView = z.infer<typeof importPlanSchema>;

/** GET /api/v1/admin/export/stations.geojson: the stations the table export holds, as GeoJSON Point features. */
export const stationExportCollectionSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      id: z.uuid(),
      geometry: z.object({ type: z.literal("Point"), coordinates: z.tuple([z.number(), z.number()]).describe("[lng, lat], WGS-84") }),
      properties: z.object({
        id: z.uuid(),
        code: z.string(),
        name: z.string(),
        nameEn: z.string().nullish(),
        address: z.string(),
        cityAdcode: z.number().int(),
        cityName: z.string().nullable(),
        districtAdcode: z.number().int(),
        districtName: z.string().nullable(),
        phone: z.string().nullish(),
        status: stationStatusSchema,
        notice: z.string().nullish(),
        openingHours: z.array(weeklyPeriodShape).describe("The weekly hours; dated exceptions are not exported"),
        amenities: z.record(z.string(), amenityAvailabilitySchema).describe("Per amenity code, its availability"),
        verifiedAt: z.iso.datetime({ offset: true }).nullish(),
      }),
    }),
  ),
});

/** One line of the apply's NDJSON answer. */
export const importStreamEventSchema = z.discriminatedUnion("type", [
  z
    .object({ type: z.literal("progress"), done: z.number().int(), total: z.number().int() })
    .describe("Stations written so far; the first line is done = 0, then one per batch of 500"),
  z
    .object({ type: z.literal("done"), created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })
    .describe("Last line: the transaction committed"),
  z.object({ type: z.literal("error"), error: errorResponseSchema.shape.error }).describe("Last line: the transaction rolled back and nothing was written"),
]);
export type ImportStreamEvent = z.infer<typeof importStreamEventSchema>;
