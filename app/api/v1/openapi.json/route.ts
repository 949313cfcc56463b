import { cachedJson } from "@/lib/api/cached-json";
import { publicRoute } from "@/lib/api/route-handler";
import { buildOpenApiDocument } from "@/lib/openapi";

export const GET = publicRoute(async ({ request }) => cachedJson(request, buildOpenApiDocument()));

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
