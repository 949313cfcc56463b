import { publicPaths, publicSchemas } from "@/lib/openapi/public-paths";
import { staffPaths, staffSchemas } from "@/lib/openapi/staff-paths";

/** The OpenAPI 3.1 document served at /api/v1/openapi.json, built from the zod schemas the routes use. */
export function buildOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "工行驿站 directory API",
      version: "1.0.0",
      description:
        "Public API of the ICBC Liaoning service-station directory. Coordinates are WGS-84. Times are Asia/Shanghai. Errors answer `{ error: { code, message, details? } }`.",
    },
    servers: [{ url: "/" }],
    paths: { ...publicPaths(), ...staffPaths() },
    components: {
      schemas: { ...publicSchemas(), ...staffSchemas() },
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
