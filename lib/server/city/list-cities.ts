import "server-only";
import { getReadDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import type { CityWithCountView } from "@/lib/validations/station";

/** The 14 cities with their districts and how many stations each has (closed stations included). */
export async function listCities(actor: Actor): Promise<CityWithCountView[]> {
  const cities = await getReadDb(actor).city.findMany({
    orderBy: { adcode: "asc" },
    include: {
      _count: { select: { stations: true } },
      districts: { orderBy: { adcode: "asc" }, include: { _count: { select: { stations: true } } } },
    },
  });
  return cities.map((city) => ({
    adcode: city.adcode,
    name: city.name,
    population2020: city.population2020,
    stationCount: city._count.stations,
    center: { lat: city.centerLat, lng: city.centerLng },
    districts: city.districts.map((d) => ({
      adcode: d.adcode,
      name: d.name,
      population2020: d.population2020,
      stationCount: d._count.stations,
      center: { lat: d.centerLat, lng: d.centerLng },
    })),
  }));
}
