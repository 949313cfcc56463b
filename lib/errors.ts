import * as z from "zod";
import "@/lib/validations/zod";

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
  | "database_unavailable"
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
  database_unavailable: 503,
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

/** Seconds a client is told to wait (Retry-After) while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// Prisma's codes for a server it cannot reach, that timed out or closed the connection, and for no free
// connection in time; the socket errors under them; the driver adapter's kinds for the same; PostgreSQL's classes 08 (connection
// exception) and 57P (shut down by the operator, crashed, still starting); pg's own errors, which carry no
// code (a connect timeout, the pool's wait for a free connection, a connection dropped mid-query); and Prisma's transaction that found
// no connection within its maxWait.
const unavailableCodes = new Set(["P1001", "P1002", "P1017", "P2024", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND"]);
const unavailableAdapterKinds = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const unavailableSqlState = /^(08|57P0[1-3])/;
const unavailableMessage = /^(Connection terminated|timeout exceeded when trying to connect|timeout expired$)|Unable to start a transaction in the given time/;

type ErrorLike = {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } };
};

/** True when `error` (or one it wraps) says the database cannot be reached now, rather than that a query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error as ErrorLike | undefined, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    if (typeof current.code === "string" && (unavailableCodes.has(current.code) || unavailableSqlState.test(current.code))) return true;
    const adapterCause = current.meta?.driverAdapterError?.cause;
    if (adapterCause && unavailableAdapterKinds.has(String(adapterCause.kind))) return true;
    if (adapterCause?.kind === "postgres" && unavailableSqlState.test(String(adapterCause.code))) return true;
    if (typeof current.message === "string" && unavailableMessage.test(current.message)) return true;
    current = current.cause as ErrorLike | undefined;
  }
  return false;
}

export type ErrorResponse = { status: number; body: ErrorBody; headers: Record<string, string> };

export function toErrorBody(error: unknown): ErrorResponse {
  if (error instanceof z.ZodError) return toErrorBody(validationError(error));
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    const headers: Record<string, string> = error.code === "database_unavailable" ? { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) } : {};
    return { status: error.status, body, headers };
  }
  if (isDatabaseUnavailable(error)) {
    // One line, not the stack: during an outage every request ends here.
    console.error(`Database unavailable: ${error instanceof Error ? error.message.trim().split("\n").at(-1) : String(error)}`);
    return toErrorBody(new AppError("database_unavailable", "数据库暂时无法访问，请稍后再试"));
  }
  console.error("Unhandled error", error);
  return { status: 500, body: { error: { code: "internal", message: "服务器内部错误，请稍后再试" } }, headers: {} };
}
