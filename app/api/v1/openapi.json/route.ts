import { NextResponse } from "next/server";
import { publicCacheHeaders, publicRoute } from "@/lib/api/route-handler";
import { buildOpenApiDocument } from "@/lib/openapi";

export const GET = publicRoute(async () => NextResponse.json(buildOpenApiDocument(), { headers: publicCacheHeaders }));

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
