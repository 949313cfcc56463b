import { NextResponse } from "next/server";
import { publicCacheHeaders, publicRoute } from "@/lib/api/route-handler";
import { listAmenityTypes } from "@/lib/server/amenity/list-amenity-types";

export const GET = publicRoute(async ({ actor }) => {
  return NextResponse.json({ data: await listAmenityTypes(actor) }, { headers: publicCacheHeaders });
});

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
