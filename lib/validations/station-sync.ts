import { stationSchema } from "@/lib/validations/station";
import * as z from "zod";
import "@/lib/validations/zod";

/**
 * Paging state of one sync: the window [since, until) fixed by its first page, and the (changedAt, id)
 * of the last change sent. Fixing `until` keeps later pages from chasing edits made while paging; those
 * fall after `until` and come with the next sync.
 */
const syncCursorPayloadSchema = z.strictObject({
  since: z.iso.datetime(),
  until: z.iso.datetime(),
  changedAt: z.iso.datetime(),
  id: z.uuid(),
});
export type SyncCursor = z.infer<typeof syncCursorPayloadSchema>;

export function encodeSyncCursor(cursor: SyncCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

const syncCursorParamSchema = z
  .string()
  .max(400, "cursor 无效")
  .transform((value, ctx) => {
    try {
      return syncCursorPayloadSchema.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    } catch {
      ctx.addIssue({ code: "custom", message: "cursor 无效：请使用上一页返回的 nextCursor" });
      return z.NEVER;
    }
  })
  .describe("Opaque paging cursor: the `nextCursor` of the previous page, with the same `updatedSince`");

/**
 * `GET /api/v1/stations?updatedSince=…`: every change since then, filters refused (a filtered sync would
 * miss a station that moved out of the filter). Tombstones are kept for good, so any past instant is
 * answerable; one in the future can only be a client bug (the next `updatedSince` is the server's
 * `syncedAt`, which is never ahead), so it is refused rather than silently answering nothing.
 */
export const stationSyncQuerySchema = z
  .strictObject({
    updatedSince: z.iso
      .datetime({ offset: true, message: "updatedSince 应为带时区的 ISO-8601 时间，如 2026-01-01T00:00:00+08:00" })
      .transform((value) => new Date(value))
      .refine((date) => date.getTime() <= Date.now(), { message: "updatedSince 不能晚于现在：请传上次返回的 syncedAt" })
      .describe("ISO-8601 instant with an offset (`Z` or `+08:00`): answer the stations changed and removed since then instead of a search. Pass the previous answer's `syncedAt`; the first time, fetch everything with a date far in the past. Combines with `cursor` and `limit` only."),
    cursor: syncCursorParamSchema.optional(),
    limit: z
      .string()
      .regex(/^\d+$/, "limit 应为整数")
      .transform(Number)
      .refine((n) => n >= 1 && n <= 1000, { message: "limit 须在 1 到 1000 之间" })
      .default(500)
      .describe("Changes per page, 1–1000"),
  })
  .superRefine(
    (query, ctx) => {
      if (query.cursor && Date.parse(query.cursor.since) !== query.updatedSince.getTime()) {
        ctx.addIssue({ code: "custom", path: ["cursor"], message: "cursor 与 updatedSince 不匹配：换了时间请从第一页开始" });
      }
    },
    // zod 4 runs an object's refinements even when a field failed, handing them the raw text: compare
    // cursor and time only once both parsed (a repeated `updatedSince` crashed here with a 500).
    { when: (payload) => payload.issues.length === 0 },
  );
export type StationSyncQuery = z.output<typeof stationSyncQuerySchema>;

export const stationChangesSchema = z.object({
  data: z.array(stationSchema).describe("Stations created or changed in this page (closing one is a change: `status` says so); upsert them by `id`"),
  removed: z.array(z.uuid()).describe("Ids of stations deleted in this page's window; drop them"),
  nextCursor: z.string().nullable().describe("More changes follow: ask again with this `cursor` and the same `updatedSince`"),
  syncedAt: z.iso
    .datetime()
    .describe("Pass as `updatedSince` next time, once every page is applied. The same on every page of one sync; it trails the server's clock by a few minutes so changes committed late are not missed, so some changes may arrive twice."),
});
export type StationChanges = z.infer<typeof stationChangesSchema>;
