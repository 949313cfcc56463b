import { cachedJson } from "@/lib/api/cached-json";
import { publicRoute } from "@/lib/api/route-handler";
import { listAmenityTypes } from "@/lib/server/amenity/list-amenity-types";

export const GET = publicRoute(async ({ request, actor }) => {
  return cachedJson(request, { data: await listAmenityTypes(actor) });
});

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
