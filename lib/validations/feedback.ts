import { amenityCodeSchema } from "@/lib/validations/station-import";
import { multiLine } from "@/lib/validations/storable";
import * as z from "zod";
import "@/lib/validations/zod";

/**
 * What a reader can tell us about a station. One schema for the page's form (field errors before
 * sending), the route (the same rules on the server) and the OpenAPI document.
 */

export const feedbackKinds = ["confirmation", "wrong_location", "closed", "amenity_missing", "other"] as const;
export type FeedbackKind = (typeof feedbackKinds)[number];

export const FEEDBACK_MESSAGE_MAX = 1000;
export const FEEDBACK_CONTACT_MAX = 100;

// PostgreSQL text cannot hold NUL; other control characters have no place in a note either. Line
// breaks and tabs stay allowed, people write messages in paragraphs.
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function freeText(label: string, max: number) {
  return z
    .string()
    .trim()
    .min(1, `${label}不能为空，不需要时请省略`)
    .max(max, `${label}最多 ${max} 个字`)
    .refine((value) => !controlCharacters.test(value), { message: `${label}含有控制字符`, params: { reason: "control" } });
}

export const feedbackInputSchema = z
  .strictObject({
    kind: z.enum(feedbackKinds).describe("`confirmation` answers \"is this still correct?\" with yes; the others report a problem"),
    message: freeText("说明", FEEDBACK_MESSAGE_MAX).optional().describe(`What is wrong; required for \`other\`, at most ${FEEDBACK_MESSAGE_MAX} characters`),
    amenityCode: amenityCodeSchema.optional().describe("For `amenity_missing` (and only then): the amenity that is missing"),
    contact: freeText("联系方式", FEEDBACK_CONTACT_MAX)
      .optional()
      .describe(`Optional phone or e-mail, at most ${FEEDBACK_CONTACT_MAX} characters; only the station's staff see it`),
  })
  .superRefine((input, ctx) => {
    if (input.kind === "other" && input.message === undefined) {
      ctx.addIssue({ code: "custom", path: ["message"], message: "请说明是什么问题", params: { reason: "required" } });
    }
    if (input.kind === "amenity_missing" && input.amenityCode === undefined) {
      ctx.addIssue({ code: "custom", path: ["amenityCode"], message: "请选择缺少的设施", params: { reason: "required" } });
    }
    if (input.kind !== "amenity_missing" && input.amenityCode !== undefined) {
      ctx.addIssue({ code: "custom", path: ["amenityCode"], message: "只有报告设施缺失时才填写设施", params: { reason: "invalid" } });
    }
  });

export type FeedbackInput = z.infer<typeof feedbackInputSchema>;

/** A report's id as the URL names it. */
export const feedbackIdParamSchema = z.uuid({ message: "反馈 id 无效" });

export const feedbackReceiptSchema = z.object({
  id: z.uuid(),
  stationId: z.uuid(),
  kind: z.enum(feedbackKinds),
  createdAt: z.iso.datetime({ offset: true }),
});
export type FeedbackReceipt = z.infer<typeof feedbackReceiptSchema>;

export type FeedbackField = "kind" | "message" | "amenityCode" | "contact";
export type FeedbackErrorReason = "required" | "empty" | "tooLong" | "control" | "invalid";

const fields: readonly string[] = ["kind", "message", "amenityCode", "contact"] satisfies FeedbackField[];

/**
 * Why each field failed, as keys the form translates: the schema's own messages are Chinese (they
 * are the API's), while the form speaks the reader's language. The first problem of a field wins.
 */
export function feedbackErrorReasons(issues: readonly { path: readonly PropertyKey[]; code: string; params?: unknown }[]) {
  const reasons: Partial<Record<FeedbackField, FeedbackErrorReason>> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "");
    if (!fields.includes(field) || reasons[field as FeedbackField]) continue;
    const custom = (issue.params as { reason?: FeedbackErrorReason } | undefined)?.reason;
    reasons[field as FeedbackField] =
      custom ?? (issue.code === "too_small" ? "empty" : issue.code === "too_big" ? "tooLong" : "invalid");
  }
  return reasons;
}

/** Staff closing a report: what it turned out to be, and a note for the record. */
export const feedbackResolutionSchema = z.strictObject({
  resolution: z.enum(["fixed", "not_a_problem", "duplicate"]),
  note: multiLine(z.string().trim().max(FEEDBACK_MESSAGE_MAX, `备注最长 ${FEEDBACK_MESSAGE_MAX} 个字`)).nullable().optional(),
});
export type FeedbackResolution = z.infer<typeof feedbackResolutionSchema>;

export const feedbackQueueQuerySchema = z.strictObject({
  status: z.enum(["open", "resolved", "all"]).default("open"),
  stationId: z.uuid().optional(),
});
export type FeedbackQueueQuery = z.infer<typeof feedbackQueueQuerySchema>;

/**
 * A reporter's contact as an administrator types it to find and erase it. Spaces, dashes and brackets
 * are ignored in the comparison ("138-0013 8000" finds "13800138000"); at least 5 other characters, so
 * a slip of the keyboard cannot match everyone's contact.
 */
export const CONTACT_SEARCH_MIN = 5;
export const contactErasureSchema = z.strictObject({
  contact: freeText("联系方式", FEEDBACK_CONTACT_MAX).refine((value) => contactSearchKey(value).length >= CONTACT_SEARCH_MIN, {
    message: `请至少填写 ${CONTACT_SEARCH_MIN} 个字符（不计空格和横线）`,
  }),
});
export type ContactErasure = z.infer<typeof contactErasureSchema>;

/** The form a contact is compared in: lower case, without spaces, dashes or brackets. */
export function contactSearchKey(value: string): string {
  return value.toLowerCase().replace(/[\s\-()（）]/g, "");
}

export const contactMatchSchema = z.object({
  id: z.uuid(),
  stationName: z.string(),
  kind: z.enum(feedbackKinds),
  contact: z.string().nullable(),
  messageMentionsContact: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});
export const contactMatchesSchema = z.object({ matches: z.array(contactMatchSchema) });
export type ContactMatch = z.infer<typeof contactMatchSchema>;
export const contactErasedSchema = z.object({
  erased: z.number().int().describe("Reports whose contact was deleted"),
  redactedMessages: z.number().int().describe("Reports whose message mentioned the contact, now replaced by [已删除]"),
});
export type ContactErased = z.infer<typeof contactErasedSchema>;
