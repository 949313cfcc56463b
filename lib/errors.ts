import { z } from "@/lib/validations/zod";

export type AppErrorCode =
  | "validation_failed"
  | "unprocessable"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "payload_too_large"
  | "conflict"
  | "rate_limited"
  | "internal";

const statusByCode: Record<AppErrorCode, number> = {
  validation_failed: 400,
  unprocessable: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
};

/** The one error type the app throws on purpose; `toErrorResponse` maps it to HTTP. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export type ErrorBody = { error: { code: AppErrorCode; message: string; details?: unknown } };

export type ValidationDetail = { path: string; message: string };

/** One detail per problem; an unknown parameter is named in `path`, not only in the message. */
export function validationError(error: z.ZodError, message = "请求参数无效"): AppError {
  const details: ValidationDetail[] = error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: [...issue.path, key].join("."), message: `不支持的参数：${key}` }))
      : [{ path: issue.path.join("."), message: issue.message }],
  );
  return new AppError("validation_failed", message, details);
}

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof z.ZodError) return toErrorBody(validationError(error));
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    return { status: error.status, body };
  }
  console.error("Unhandled error", error);
  return { status: 500, body: { error: { code: "internal", message: "服务器内部错误，请稍后再试" } } };
}
