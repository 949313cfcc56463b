import "server-only";
import type { Feature, FeatureCollection, Point } from "geojson";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import { editableStationsCondition } from "@/lib/server/station/station-scope";
import { loadTransferContext } from "@/lib/server/transfer/load-transfer-context";
import { queryStoredStations } from "@/lib/server/transfer/stored-stations";
import { requireExportAccess } from "@/lib/server/transfer/transfer-access";
import { stationRecordToCells } from "@/lib/transfer/station-rows";
import { stationTableFile } from "@/lib/transfer/station-table";

export type StationExportFormat = "csv" | "xlsx" | "geojson";

/**
 * The stations the actor may edit (all for a province admin, a city's for its manager, their own for
 * branch staff), optionally one city's of them, as the import's table (CSV with a BOM, XLSX) or as GeoJSON (WGS-84 points).
 */
export async function exportStations(actor: Actor, format: StationExportFormat, cityAdcode?: number): Promise<Uint8Array> {
  const user = requireExportAccess(actor);
  const city = cityAdcode === undefined ? Prisma.sql`TRUE` : Prisma.sql`s.city_adcode = ${cityAdcode}`;
  const scope = Prisma.sql`${editableStationsCondition(user)} AND ${city}`;
  const [context, stations] = await Promise.all([loadTransferContext(), queryStoredStations(getDb(), scope, Prisma.sql`TRUE`)]);
  if (format !== "geojson") return stationTableFile(format, stations.map((s) => stationRecordToCells(s.record, context)), context);

  const names = (adcode: number, list: { adcode: number; name: string }[]) => list.find((p) => p.adcode === adcode)?.name ?? null;
  const collection: FeatureCollection<Point> = {
    type: "FeatureCollection",
    features: stations.map(({ id, record: r, amenityDetails }): Feature<Point> => ({
      type: "Feature",
      id,
      // GeoJSON (RFC 7946) is WGS-84 longitude, latitude: the stations' own datum, no conversion.
      geometry: { type: "Point", coordinates: [r.lng, r.lat] },
      properties: {
        id,
        code: r.code,
        name: r.name,
        nameEn: r.nameEn,
        address: r.address,
        cityAdcode: r.cityAdcode,
        cityName: names(r.cityAdcode, context.cities),
        districtAdcode: r.districtAdcode,
        districtName: names(r.districtAdcode, context.districts),
        phone: r.phone,
        status: r.status,
        notice: r.notice,
        openingHours: r.openingHours.weekly,
        amenities: Object.fromEntries(amenityDetails.map((a) => [a.code, a.availability.toLowerCase()])),
        verifiedAt: r.verifiedAt,
      },
    })),
  };
  return new TextEncoder().encode(JSON.stringify(collection));
}
