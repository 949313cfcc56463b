import { NextResponse } from "next/server";
import { publicCacheHeaders, publicRoute } from "@/lib/api/route-handler";
import { buildOpenApiDocument } from "@/lib/openapi";

export const GET = publicRoute(async () => NextResponse.json(buildOpenApiDocument(), { headers: publicCacheHeaders }));
