import { NextResponse } from "next/server";
import { publicCacheHeaders, publicRoute } from "@/lib/api/route-handler";
import { listCities } from "@/lib/server/city/list-cities";

export const GET = publicRoute(async ({ actor }) => {
  return NextResponse.json({ data: await listCities(actor) }, { headers: publicCacheHeaders });
});

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
