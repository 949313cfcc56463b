import { cachedJson } from "@/lib/api/cached-json";
import { publicRoute, searchParamsObject } from "@/lib/api/route-handler";
import { listStations } from "@/lib/server/station/list-stations";
import { stationGeoJsonQuerySchema } from "@/lib/validations/station-query";

export const GET = publicRoute(async ({ request, actor }) => {
  const query = stationGeoJsonQuerySchema.parse(searchParamsObject(request));
  const page = await listStations(actor, query);
  const collection = {
    type: "FeatureCollection" as const,
    features: page.data.map(({ id, location, ...properties }) => ({
      type: "Feature" as const,
      id,
      geometry: { type: "Point" as const, coordinates: [location.lng, location.lat] },
      properties,
    })),
    nextCursor: page.nextCursor,
  };
  return cachedJson(request, collection, "application/geo+json");
});

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
