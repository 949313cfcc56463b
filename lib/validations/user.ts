import { oneLine } from "@/lib/validations/storable";
import * as z from "zod";
import "@/lib/validations/zod";

export const roleKinds = ["PROVINCE_ADMIN", "CITY_MANAGER", "BRANCH_STAFF"] as const;
export type RoleKind = (typeof roleKinds)[number];

/** A role with exactly the scope it needs: nothing for an admin, a city for a manager, a station for staff. */
export const roleGrantSchema = z.discriminatedUnion(
  "role",
  [
    z.strictObject({ role: z.literal("PROVINCE_ADMIN") }),
    z.strictObject({ role: z.literal("CITY_MANAGER"), cityAdcode: z.number({ error: "请选择城市" }).int("请选择城市").min(100000, "请选择城市").max(999999, "请选择城市") }),
    z.strictObject({ role: z.literal("BRANCH_STAFF"), stationId: z.uuid({ error: "请选择驿站" }) }),
  ],
  { error: "请选择角色" },
);
export type RoleGrant = z.infer<typeof roleGrantSchema>;

/**
 * An account's id as the URL names it. better-auth makes them (32 letters and digits); any text without a
 * NUL is looked up, since PostgreSQL cannot even compare a string holding one.
 */
export const userIdParamSchema = z.string().min(1).max(200).regex(/^[^\u0000]*$/);

const nameSchema = oneLine(z.string().trim().min(1, "请填写姓名").max(100, "姓名最长 100 个字"));
const emailSchema = z.email("邮箱格式不正确").max(254, "邮箱最长 254 个字符");
// better-auth's default bounds (8–128); it hashes with scrypt.
const passwordSchema = z.string().min(8, "密码至少 8 个字符").max(128, "密码最长 128 个字符");

// The username rules are better-auth's username plugin defaults (3–30 of a-z, 0-9, _ and .): a name it
// would refuse at sign-in must not be created here.
export const createUserInputSchema = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3, "用户名至少 3 个字符")
    .max(30, "用户名最长 30 个字符")
    .regex(/^[a-zA-Z0-9_.]+$/, "只能包含字母、数字、下划线和点"),
  email: emailSchema,
  password: passwordSchema,
  name: nameSchema,
  role: roleGrantSchema.optional(),
});
export type CreateUserInput = z.input<typeof createUserInputSchema>;

/** An administrator sets a new password; the user's sessions end with it. */
export const passwordResetSchema = z.strictObject({ password: passwordSchema });
export type PasswordReset = z.infer<typeof passwordResetSchema>;

/** Name and email; the username is the sign-in name people know and stays as created. */
export const userUpdateSchema = z
  .strictObject({ name: nameSchema.optional(), email: emailSchema.optional() })
  .refine((update) => update.name !== undefined || update.email !== undefined, { message: "没有要保存的修改" });
export type UserUpdate = z.infer<typeof userUpdateSchema>;

export const USERS_PAGE_SIZE = 20;

/**
 * The user list's filters as they arrive in a query string (the list page's GET form sends its empty
 * fields too, so an empty value means "not filtered").
 */
export const listUsersQuerySchema = z.preprocess(
  (value) => (value && typeof value === "object" ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== "")) : value),
  z.strictObject({
    q: oneLine(z.string().trim().max(100, "搜索词最长 100 个字")).optional().describe("Text in the username, name or email, any case"),
    role: z.enum(roleKinds, "角色只能是 PROVINCE_ADMIN、CITY_MANAGER 或 BRANCH_STAFF").optional().describe("Accounts holding this role"),
    city: z
      .string()
      .regex(/^\d{6}$/, "行政区划代码应为 6 位数字")
      .transform(Number)
      .optional()
      .describe("A city's adcode: its managers and the staff of its stations"),
    status: z.enum(["active", "deactivated"], "状态只能是 active 或 deactivated").optional().describe("Accounts that may sign in, or deactivated ones"),
    page: z
      .string()
      .regex(/^\d{1,6}$/, "页码应为正整数")
      .transform(Number)
      .pipe(z.number().int().min(1, "页码应为正整数"))
      .default(1)
      .describe(`Page number from 1 (default 1), ${USERS_PAGE_SIZE} accounts a page`),
  }),
);
export type ListUsersQuery = z.output<typeof listUsersQuerySchema>;
