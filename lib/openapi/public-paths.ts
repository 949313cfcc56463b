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
import { stationGeoJsonQuerySchema, stationListQuerySchema } from "@/lib/validations/station-query";
import { z } from "@/lib/validations/zod";

const errorResponses = {
  "400": { description: "Invalid parameters", content: jsonContent("Error") },
};

/** The public read API, the feedback form's endpoint and this document: no sign-in. */
export function publicPaths() {
  return {
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
    "/api/v1/cities": {
      get: {
        summary: "Cities and districts with station counts",
        responses: { "200": { description: "The 14 cities of Liaoning", content: jsonContent("CityList") } },
      },
    },
    "/api/v1/openapi.json": {
      get: {
        summary: "This document",
        responses: { "200": { description: "The OpenAPI 3.1 document of API v1", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
  };
}

export function publicSchemas() {
  return {
    StationPage: jsonSchema(stationPageSchema),
    StationDetail: jsonSchema(stationDetailSchema),
    StationFeatureCollection: jsonSchema(stationFeatureCollectionSchema),
    AmenityTypeList: jsonSchema(z.object({ data: z.array(amenityTypeSchema) })),
    CityList: jsonSchema(z.object({ data: z.array(cityWithCountSchema) })),
    FeedbackInput: jsonSchema(feedbackInputSchema, "input"),
    FeedbackReceipt: jsonSchema(feedbackReceiptSchema),
    Error: jsonSchema(errorResponseSchema),
  };
}
