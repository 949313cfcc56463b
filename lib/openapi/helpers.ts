import * as z from "zod";
import "@/lib/validations/zod";

export type JsonSchema = Record<string, unknown>;

export function jsonSchema(schema: z.ZodType, io: "input" | "output" = "output"): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });
  return rest;
}

/**
 * Query parameters straight from the route's own zod schema, so the document cannot drift from the code.
 * A schema that preprocesses the query string first (dropping a form's empty fields) documents its object.
 */
export function queryParameters(schema: z.ZodObject | z.ZodPreprocess<z.ZodObject>): JsonSchema[] {
  const object = schema instanceof z.ZodObject ? schema : schema.out;
  return Object.entries(object.shape).map(([name, field]) => {
    const fieldSchema = field as z.ZodType;
    const described = jsonSchema(fieldSchema, "input");
    return {
      name,
      in: "query",
      required: !fieldSchema.safeParse(undefined).success,
      description: fieldSchema.description ?? (described.description as string | undefined),
      schema: described,
    };
  });
}

export function jsonContent(ref: string) {
  return { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } };
}

export function jsonBody(ref: string) {
  return { required: true, content: jsonContent(ref) };
}

export const idParameter = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };

/** Every staff route: signed in (401), within the caller's roles and from this site's own pages (403). */
export const staffErrors = {
  "400": { description: "Invalid parameters or body (not JSON, a field out of bounds); one detail per problem", content: jsonContent("Error") },
  "401": { description: "Not signed in, or the account is deactivated", content: jsonContent("Error") },
  "403": { description: "Outside the caller's roles, or a state-changing request from another site", content: jsonContent("Error") },
};
