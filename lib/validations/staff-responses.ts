import * as z from "zod";
import "@/lib/validations/zod";

/**
 * What the staff API answers, for its OpenAPI document. They mirror what the data-access functions return;
 * tests/audit holds the audit API's real answers to its schema. Request bodies and query parameters have
 * the schemas that validate them (station-edit.ts, feedback.ts).
 */
export const stationSnapshotSchema = z.object({
  version: z.number().int(),
  phone: z.string().nullable(),
  notice: z.string().nullable(),
  status: z.enum(["open", "temporarily_closed", "closed"]),
  updatedAt: z.iso.datetime(),
  verifiedAt: z.iso.datetime().nullable(),
});

export const stationVersionSchema = z.object({ version: z.number().int().describe("The station's version after the change") });

export const feedbackQueueItemSchema = z.object({
  id: z.string(),
  stationId: z.uuid(),
  stationName: z.string(),
  kind: z.string(),
  message: z.string().nullable(),
  amenityCode: z.string().nullable(),
  contact: z.string().nullable(),
  status: z.enum(["open", "resolved"]),
  resolution: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  createdAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
});

export const feedbackResolvedSchema = z.object({ id: z.string(), status: z.literal("resolved"), resolution: z.enum(["fixed", "not_a_problem", "duplicate"]) });

export const auditEventSchema = z.object({
  id: z.string().describe("Increasing with time of writing; with occurredAt, the keyset order"),
  occurredAt: z.iso.datetime(),
  actorUserId: z.string().nullable().describe("Null for the system itself (seed, scripts)"),
  actorLabel: z.string().describe("`user:<username>` or `system:<what>`"),
  entity: z.string().describe("station, station_amenities, opening_hours, feedback_report, user, role_assignment"),
  entityId: z.string(),
  action: z.enum(["create", "update", "delete"]),
  stationId: z.uuid().nullable(),
  stationName: z.string().nullable().describe("Null once the station is deleted; the history stays"),
  cityAdcode: z.number().int().nullable(),
  cityName: z.string().nullable(),
  before: z.unknown().describe("The record before the change; null for a creation"),
  after: z.unknown().describe("The record after the change"),
});

export const auditPageSchema = z.object({
  data: z.array(auditEventSchema),
  nextCursor: z.string().nullable().describe("Pass as `cursor` for older events; null on the last page"),
});
