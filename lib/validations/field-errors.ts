import type { z } from "zod";

/** Problems by field path ("weekly.0.closes"), as forms show them beside their inputs. */
export type FieldErrors = Record<string, string>;

/** A schema's issues, first message per path: forms run the server's own schema before sending. */
export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    errors[path] ??= issue.message;
  }
  return errors;
}

/**
 * The same map from a 400 answer's `error.details` (lib/errors.ts writes `{ path, message }[]`), so a
 * problem only the server can see (an unknown amenity, a taken username) lands on its field too.
 */
export function fieldErrorsFromDetails(details: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (!Array.isArray(details)) return errors;
  for (const detail of details) {
    if (detail && typeof detail.path === "string" && typeof detail.message === "string") errors[detail.path] ??= detail.message;
  }
  return errors;
}
