import { jsonContent, jsonSchema, queryParameters } from "@/lib/openapi/helpers";
import { feedbackInputSchema, feedbackReceiptSchema } from "@/lib/validations/feedback";
import {
  amenityTypeSchema,
  cityWithCountSchema,
  errorResponseSchema,
  stationDetailSchema,
  stationFeatureCollectionSchema,
  stationPageSchema,
} from "@/lib/validations/station";
import { stationClusterQuerySchema, stationClustersResponseSchema } from "@/lib/validations/station-clusters";
import { stationGeoJsonQuerySchema, stationListQuerySchema } from "@/lib/validations/station-query";
import { stationChangesSchema, stationSyncQuerySchema } from "@/lib/validations/station-sync";
import * as z from "zod";
import "@/lib/validations/zod";

const errorResponses = {
  "400": { description: "Invalid parameters", content: jsonContent("Error") },
};

/**
 * The public reads carry a strong ETag and may be cached by a CDN for a minute (lib/api/cached-json.ts).
 * Spread into a GET's `responses`; `ok` is its 200 answer, which gains the two headers.
 */
function cachedResponses(ok: { description: string; content: unknown }) {
  return {
    "200": {
      ...ok,
      headers: {
        ETag: { description: "Strong tag of this exact body; send it back in `If-None-Match`", schema: { type: "string" } },
        "Cache-Control": { description: "`public, max-age=60, s-maxage=60, stale-while-revalidate=300`", schema: { type: "string" } },
      },
    },
    "304": { description: "Not modified: `If-None-Match` named the current ETag; no body" },
  };
}

/** The public read API, the feedback form's endpoint and this document: no sign-in. */
export function publicPaths() {
  return {
    "/api/v1/stations": {
      get: {
        summary: "Search stations, or sync the changes since a time",
        description:
          "All filters combine. With `near`, results are ordered by distance and carry `distanceMeters`.\n\n" +
          "With `updatedSince` the answer is instead an incremental sync (`StationChanges`): the stations created or changed " +
          "(closing one is a change) and the ids of those deleted since then, in (changedAt, id) order. It takes only " +
          "`cursor` and `limit` (1–1000, default 500) besides; a filter, a time without an offset or in the future answers 400. " +
          "Apply `data` (upsert by id) and `removed` (delete) page by page until `nextCursor` is null, then keep `syncedAt` " +
          "for the next `updatedSince`. Deletions are remembered for good, so any past time is answerable.",
        parameters: [...queryParameters(stationListQuerySchema), ...queryParameters(stationSyncQuerySchema).filter((p) => p.name === "updatedSince")],
        responses: {
          ...cachedResponses({
            description: "A page of stations, or with `updatedSince` a page of changes",
            content: { "application/json": { schema: { oneOf: [{ $ref: "#/components/schemas/StationPage" }, { $ref: "#/components/schemas/StationChanges" }] } } },
          }),
          ...errorResponses,
        },
      },
    },
    "/api/v1/stations.geojson": {
      get: {
        summary: "Search stations as GeoJSON",
        parameters: queryParameters(stationGeoJsonQuerySchema),
        responses: {
          ...cachedResponses({
            description: "A FeatureCollection of Point features; `nextCursor` pages on",
            content: { "application/geo+json": { schema: { $ref: "#/components/schemas/StationFeatureCollection" } } },
          }),
          ...errorResponses,
        },
      },
    },
    "/api/v1/stations/clusters": {
      get: {
        summary: "Clusters and single stations for a map's visible area",
        description:
          "For maps of many stations: the server clusters every station (supercluster, 60 px radius at 256 px tiles, " +
          "every station alone from zoom 17) and answers only what falls in `bbox` at `zoom`. Each cluster has its count, " +
          "the centre of its stations and `expansionZoom`, the zoom at which it splits (tap → zoom there). Coordinates are " +
          "WGS-84 with 5 decimals; a map on GCJ-02 tiles converts them like any station. The index follows station edits " +
          "within about 5 seconds per server. A `Server-Timing: cluster;dur=…` header gives the server's time in ms.",
        parameters: queryParameters(stationClusterQuerySchema),
        responses: {
          ...cachedResponses({ description: "The clusters and single stations in the area", content: jsonContent("StationClusters") }),
          ...errorResponses,
        },
      },
    },
    "/api/v1/stations/{id}": {
      get: {
        summary: "One station with amenity details and story",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        responses: {
          ...cachedResponses({ description: "The station", content: jsonContent("StationDetail") }),
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
          "400": { description: "Invalid body: not JSON, or a field out of bounds", content: jsonContent("Error") },
          "404": { description: "No such station", content: jsonContent("Error") },
          "413": { description: "Body over 16 KB", content: jsonContent("Error") },
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
        responses: cachedResponses({ description: "All amenity types in display order", content: jsonContent("AmenityTypeList") }),
      },
    },
    "/api/v1/cities": {
      get: {
        summary: "Cities and districts with station counts",
        responses: cachedResponses({ description: "The 14 cities of Liaoning", content: jsonContent("CityList") }),
      },
    },
    "/api/v1/openapi.json": {
      get: {
        summary: "This document",
        responses: cachedResponses({ description: "The OpenAPI 3.1 document of API v1", content: { "application/json": { schema: { type: "object" } } } }),
      },
    },
  };
}

export function publicSchemas() {
  return {
    StationPage: jsonSchema(stationPageSchema),
    StationChanges: jsonSchema(stationChangesSchema),
    StationDetail: jsonSchema(stationDetailSchema),
    StationClusters: jsonSchema(stationClustersResponseSchema),
    StationFeatureCollection: jsonSchema(stationFeatureCollectionSchema),
    AmenityTypeList: jsonSchema(z.object({ data: z.array(amenityTypeSchema) })),
    CityList: jsonSchema(z.object({ data: z.array(cityWithCountSchema) })),
    FeedbackInput: jsonSchema(feedbackInputSchema, "input"),
    FeedbackReceipt: jsonSchema(feedbackReceiptSchema),
    Error: jsonSchema(errorResponseSchema),
  };
}
