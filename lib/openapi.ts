import { feedbackInputSchema, feedbackQueueQuerySchema, feedbackReceiptSchema, feedbackResolutionSchema } from "@/lib/validations/feedback";
import {
  auditQueryParamsSchema,
  openingHoursEditSchema,
  stationAmenitiesEditSchema,
  stationEditSchema,
  stationVerifySchema,
} from "@/lib/validations/station-edit";
import {
  auditPageSchema,
  feedbackQueueItemSchema,
  feedbackResolvedSchema,
  stationSnapshotSchema,
  stationVersionSchema,
} from "@/lib/validations/staff-responses";
import { z } from "@/lib/validations/zod";
import { stationGeoJsonQuerySchema, stationListQuerySchema } from "@/lib/validations/station-query";
import {
  amenityTypeSchema,
  cityWithCountSchema,
  errorResponseSchema,
  stationDetailSchema,
  stationFeatureCollectionSchema,
  stationPageSchema,
} from "@/lib/validations/station";

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output" = "output"): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });
  return rest;
}

/** Query parameters straight from the route's own zod schema, so the document cannot drift from the code. */
function queryParameters(schema: z.ZodObject): JsonSchema[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const fieldSchema = field as z.ZodType;
    const described = jsonSchema(fieldSchema, "input");
    return {
      name,
      in: "query",
      required: !fieldSchema.safeParse(undefined).success,
      description: fieldSchema.description ?? (described.description as string | undefined),
      schema: described,
    };
  });
}

function jsonContent(ref: string) {
  return { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } };
}

const errorResponses = {
  "400": { description: "Invalid parameters", content: jsonContent("Error") },
};

const idParameter = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };

function jsonBody(ref: string) {
  return { required: true, content: jsonContent(ref) };
}

/** Every staff route: signed in (401), within the caller's roles and from this site's own pages (403). */
const staffErrors = {
  "400": { description: "Invalid parameters or body (not JSON, a field out of bounds); one detail per problem", content: jsonContent("Error") },
  "401": { description: "Not signed in, or the account is deactivated", content: jsonContent("Error") },
  "403": { description: "Outside the caller's roles, or a state-changing request from another site", content: jsonContent("Error") },
};

/** The writes to a station also answer 404, 409 (a stale `version`, with the current values) and 413. */
const stationWriteErrors = {
  ...staffErrors,
  "404": { description: "No such station", content: jsonContent("Error") },
  "409": { description: "`version` is not the station's current one: someone saved first. `error.details.current` holds the current values", content: jsonContent("Error") },
  "413": { description: "Body too large", content: jsonContent("Error") },
};

const staff = { tags: ["staff"], security: [{ sessionCookie: [] }] };

export function buildOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "工行驿站 directory API",
      version: "1.0.0",
      description:
        "Public API of the ICBC Liaoning service-station directory. Coordinates are WGS-84. Times are Asia/Shanghai. Errors answer `{ error: { code, message, details? } }`.",
    },
    servers: [{ url: "/" }],
    paths: {
      "/api/v1/stations": {
        get: {
          summary: "Search stations",
          description: "All filters combine. With `near`, results are ordered by distance and carry `distanceMeters`.",
          parameters: queryParameters(stationListQuerySchema),
          responses: { "200": { description: "A page of stations", content: jsonContent("StationPage") }, ...errorResponses },
        },
      },
      "/api/v1/stations.geojson": {
        get: {
          summary: "Search stations as GeoJSON",
          parameters: queryParameters(stationGeoJsonQuerySchema),
          responses: {
            "200": {
              description: "A FeatureCollection of Point features; `nextCursor` pages on",
              content: { "application/geo+json": { schema: { $ref: "#/components/schemas/StationFeatureCollection" } } },
            },
            ...errorResponses,
          },
        },
      },
      "/api/v1/stations/{id}": {
        get: {
          summary: "One station with amenity details and story",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: {
            "200": { description: "The station", content: jsonContent("StationDetail") },
            "404": { description: "No such station", content: jsonContent("Error") },
          },
        },
      },
      "/api/v1/stations/{id}/feedback": {
        post: {
          summary: "Confirm a station's details or report a problem",
          description:
            "Queues the report for the station's staff. Rate-limited per client: 5 per station per 10 minutes and 30 per hour; the client's address is stored only as a keyed hash.",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/FeedbackInput" } } } },
          responses: {
            "201": { description: "Stored", content: jsonContent("FeedbackReceipt") },
            "400": { description: "Invalid body: not JSON, over 16 KB, or a field out of bounds", content: jsonContent("Error") },
            "404": { description: "No such station", content: jsonContent("Error") },
            "429": {
              description: "Too many submissions from this client; `Retry-After` gives the seconds to wait",
              headers: { "Retry-After": { schema: { type: "integer" } } },
              content: jsonContent("Error"),
            },
          },
        },
      },
      "/api/v1/amenities": {
        get: {
          summary: "Amenity types",
          responses: { "200": { description: "All amenity types in display order", content: jsonContent("AmenityTypeList") } },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          summary: "This document",
          responses: { "200": { description: "The OpenAPI 3.1 document of API v1", content: { "application/json": { schema: { type: "object" } } } } },
        },
      },
      "/api/v1/staff/stations/{id}": {
        patch: {
          ...staff,
          summary: "Change a station's phone, notice or status",
          description: "Audited with before and after. `version` is the version the editor loaded.",
          parameters: [idParameter],
          requestBody: jsonBody("StationEdit"),
          responses: { "200": { description: "The station after the change", content: jsonContent("StationSnapshot") }, ...stationWriteErrors },
        },
      },
      "/api/v1/staff/stations/{id}/amenities": {
        put: {
          ...staff,
          summary: "Replace a station's amenities",
          description: "The whole list with availability, note and when checked; unknown codes are refused whole. Moves the station's version on; audited.",
          parameters: [idParameter],
          requestBody: jsonBody("StationAmenitiesEdit"),
          responses: { "200": { description: "The station's new version", content: jsonContent("StationVersion") }, ...stationWriteErrors },
        },
      },
      "/api/v1/staff/stations/{id}/hours": {
        put: {
          ...staff,
          summary: "Replace a station's weekly hours and dated exceptions",
          parameters: [idParameter],
          requestBody: jsonBody("OpeningHoursEdit"),
          responses: { "200": { description: "The station's new version", content: jsonContent("StationVersion") }, ...stationWriteErrors },
        },
      },
      "/api/v1/staff/stations/{id}/verify": {
        post: {
          ...staff,
          summary: "Confirm that a station's details are still correct",
          description: "Sets `verifiedAt`; audited.",
          parameters: [idParameter],
          requestBody: jsonBody("StationVerify"),
          responses: { "200": { description: "The station after the confirmation", content: jsonContent("StationSnapshot") }, ...stationWriteErrors },
        },
      },
      "/api/v1/staff/feedback": {
        get: {
          ...staff,
          summary: "The feedback queue of the caller's stations",
          description: "Includes the reporters' contacts: this queue is the only place they are shown.",
          parameters: queryParameters(feedbackQueueQuerySchema),
          responses: { "200": { description: "Reports, newest first", content: jsonContent("FeedbackQueue") }, ...staffErrors },
        },
      },
      "/api/v1/staff/feedback/{id}/resolve": {
        post: {
          ...staff,
          summary: "Resolve a feedback report",
          parameters: [{ ...idParameter, schema: { type: "string" } }],
          requestBody: jsonBody("FeedbackResolution"),
          responses: {
            "200": { description: "Resolved", content: jsonContent("FeedbackResolved") },
            ...staffErrors,
            "404": { description: "No such report", content: jsonContent("Error") },
            "409": { description: "The report was already resolved", content: jsonContent("Error") },
            "413": { description: "Body too large", content: jsonContent("Error") },
          },
        },
      },
      "/api/v1/staff/audit": {
        get: {
          ...staff,
          summary: "The audit log, as far as the caller's roles reach",
          description:
            "All of it for a province admin, a city's for its manager, the assigned stations' for branch staff. Filters combine; newest first; an empty parameter is no filter. Page on with `cursor` = the previous page's `nextCursor`.",
          parameters: queryParameters(auditQueryParamsSchema),
          responses: { "200": { description: "A page of audit events", content: jsonContent("AuditPage") }, ...staffErrors },
        },
      },
      "/api/v1/staff/audit.csv": {
        get: {
          ...staff,
          summary: "The audit log as CSV",
          description:
            "The same filters as `/api/v1/staff/audit`; every matching event from `cursor` on (up to 20000), not one page, so `limit` does not cut the export. UTF-8 with a byte-order mark; times in Asia/Shanghai.",
          parameters: queryParameters(auditQueryParamsSchema),
          responses: { "200": { description: "CSV, one row per event", content: { "text/csv": { schema: { type: "string" } } } }, ...staffErrors },
        },
      },
      "/api/v1/cities": {
        get: {
          summary: "Cities and districts with station counts",
          responses: { "200": { description: "The 14 cities of Liaoning", content: jsonContent("CityList") } },
        },
      },
    },
    components: {
      schemas: {
        StationPage: jsonSchema(stationPageSchema),
        StationDetail: jsonSchema(stationDetailSchema),
        StationFeatureCollection: jsonSchema(stationFeatureCollectionSchema),
        AmenityTypeList: jsonSchema(z.object({ data: z.array(amenityTypeSchema) })),
        CityList: jsonSchema(z.object({ data: z.array(cityWithCountSchema) })),
        FeedbackInput: jsonSchema(feedbackInputSchema, "input"),
        FeedbackReceipt: jsonSchema(feedbackReceiptSchema),
        Error: jsonSchema(errorResponseSchema),
        StationEdit: jsonSchema(stationEditSchema, "input"),
        StationAmenitiesEdit: jsonSchema(stationAmenitiesEditSchema, "input"),
        OpeningHoursEdit: jsonSchema(openingHoursEditSchema, "input"),
        StationVerify: jsonSchema(stationVerifySchema, "input"),
        StationSnapshot: jsonSchema(stationSnapshotSchema),
        StationVersion: jsonSchema(stationVersionSchema),
        FeedbackQueue: jsonSchema(z.object({ data: z.array(feedbackQueueItemSchema) })),
        FeedbackResolution: jsonSchema(feedbackResolutionSchema, "input"),
        FeedbackResolved: jsonSchema(feedbackResolvedSchema),
        AuditPage: jsonSchema(auditPageSchema),
      },
      securitySchemes: {
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "better-auth.session_token",
          description: "The session of a sign-in at /login (`__Secure-` prefixed when the site is https). State-changing requests must also come from this site's own pages.",
        },
      },
    },
  };
}
