import { cachedJson } from "@/lib/api/cached-json";
import { publicRoute } from "@/lib/api/route-handler";
import { getStation } from "@/lib/server/station/get-station";

export const GET = publicRoute<{ id: string }>(async ({ request, params, actor }) => {
  return cachedJson(request, await getStation(actor, params.id));
});

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
