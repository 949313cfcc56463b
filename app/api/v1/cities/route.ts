import { cachedJson } from "@/lib/api/cached-json";
import { publicRoute } from "@/lib/api/route-handler";
import { listCities } from "@/lib/server/city/list-cities";

export const GET = publicRoute(async ({ request, actor }) => {
  return cachedJson(request, { data: await listCities(actor) });
});

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
