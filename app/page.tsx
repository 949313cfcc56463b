import { getLocale, getTranslations } from "next-intl/server";
import { connection } from "next/server";
import { StationFinder } from "@/components/finder/station-finder";
import { env } from "@/lib/env";
import { listAmenityTypes } from "@/lib/server/amenity/list-amenity-types";
import { getPageReader } from "@/lib/server/auth/get-page-actor";
import { listCities } from "@/lib/server/city/list-cities";
import { listFinderStations } from "@/lib/server/station/list-finder-stations";

export default async function HomePage() {
  await connection();
  const generatedAt = new Date();
  const actor = await getPageReader();
  const [stations, amenityTypes, cities, locale, t] = await Promise.all([
    listFinderStations(actor, generatedAt),
    listAmenityTypes(actor),
    listCities(actor),
    getLocale(),
    getTranslations("finder"),
  ]);
  return (
    <main>
      <p className="sample-banner" role="note">
        {t("sampleBanner")}
      </p>
      {/* The offline banner reads the age of the data a cached copy of this page carries. */}
      <div hidden id="station-data" data-testid="station-data" data-generated-at={generatedAt.toISOString()} data-count={stations.length} />
      <StationFinder
        stations={stations}
        amenities={amenityTypes.map((a) => ({ code: a.code, icon: a.icon, name: locale === "en" ? a.nameEn : a.nameZh }))}
        places={cities.map((c) => ({ adcode: c.adcode, name: c.name, center: c.center, districts: c.districts.map((d) => ({ adcode: d.adcode, name: d.name, center: d.center })) }))}
        tiles={{ url: env.TILE_URL, attribution: env.TILE_ATTRIBUTION, datum: env.TILE_DATUM }}
      />
    </main>
  );
}
