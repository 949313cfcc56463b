import { idParameter, jsonBody, jsonContent, jsonSchema, queryParameters, staffErrors } from "@/lib/openapi/helpers";
import { feedbackQueueQuerySchema, feedbackResolutionSchema } from "@/lib/validations/feedback";
import { auditQueryParamsSchema, openingHoursEditSchema, stationAmenitiesEditSchema, stationEditSchema, stationVerifySchema } from "@/lib/validations/station-edit";
import { auditPageSchema, feedbackQueueItemSchema, feedbackResolvedSchema, stationSnapshotSchema, stationVersionSchema } from "@/lib/validations/staff-responses";
import * as z from "zod";
import "@/lib/validations/zod";

/** The writes to a station also answer 404, 409 (a stale `version`, with the current values) and 413. */
const stationWriteErrors = {
  ...staffErrors,
  "404": { description: "No such station", content: jsonContent("Error") },
  "409": { description: "`version` is not the station's current one: someone saved first. `error.details.current` holds the current values", content: jsonContent("Error") },
  "413": { description: "Body too large", content: jsonContent("Error") },
};

const staff = { tags: ["staff"], security: [{ sessionCookie: [] }] };

/** Station editing, the feedback queue and the audit log, for signed-in staff within their roles. */
export function staffPaths() {
  return {
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
  };
}

export function staffSchemas() {
  return {
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
  };
}
