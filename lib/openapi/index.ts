import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/errors";
import { adminPaths, adminSchemas } from "@/lib/openapi/admin-paths";
import { jsonContent } from "@/lib/openapi/helpers";
import { publicPaths, publicSchemas } from "@/lib/openapi/public-paths";
import { staffPaths, staffSchemas } from "@/lib/openapi/staff-paths";

type Operation = { responses?: Record<string, unknown> };

/**
 * Every operation that reads the database can answer 503 `database_unavailable` while it is unreachable
 * (lib/errors.ts); said once here rather than in each path. This document itself needs no database.
 */
function withDatabaseUnavailable<Paths extends Record<string, Record<string, Operation>>>(paths: Paths): Paths {
  const unavailable = {
    description: "The database cannot be reached for the moment (`database_unavailable`); try again after `Retry-After` seconds",
    headers: { "Retry-After": { schema: { type: "integer", example: DATABASE_RETRY_AFTER_SECONDS } } },
    content: jsonContent("Error"),
  };
  for (const [path, operations] of Object.entries(paths)) {
    if (path === "/api/v1/openapi.json") continue;
    for (const operation of Object.values(operations)) operation.responses = { ...operation.responses, "503": unavailable };
  }
  return paths;
}

/** The OpenAPI 3.1 document served at /api/v1/openapi.json, built from the zod schemas the routes use. */
export function buildOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "工行驿站 directory API",
      version: "1.0.0",
      description:
        "API of the ICBC Liaoning service-station directory: the public read API, and the staff and admin API behind the sign-in. Coordinates are WGS-84. Times are Asia/Shanghai. Errors answer `{ error: { code, message, details? } }`.",
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "staff", description: "Station editing, the feedback queue and the audit log, for signed-in staff within their roles." },
      {
        name: "admin",
        description:
          "The back office: accounts and roles, coverage and statistics, import and export, for province admins and city managers (exports and the import template for any role). A method a path does not list answers 405.",
      },
    ],
    paths: withDatabaseUnavailable({ ...publicPaths(), ...staffPaths(), ...adminPaths() }),
    components: {
      schemas: { ...publicSchemas(), ...staffSchemas(), ...adminSchemas() },
      securitySchemes: {
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "better-auth.session_token",
          description: "The session of a sign-in at /login (`__Secure-` prefixed when the site is https). State-changing requests must also come from this site's own pages.",
        },
      },
    },
  };
}
