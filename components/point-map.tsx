"use client";

import "leaflet/dist/leaflet.css";
import { pinIcon } from "@/components/map-pin";
import { MapContainer, Marker, TileLayer } from "react-leaflet";
import type { TileConfig } from "@/components/finder/finder-types";

const icon = pinIcon("#c7000b", 36);

export function PointMap({ lat, lng, name, tiles }: { lat: number; lng: number; name: string; tiles: TileConfig }) {
  return (
    <MapContainer center={[lat, lng]} zoom={15} style={{ height: "100%", width: "100%" }} scrollWheelZoom={false}>
      <TileLayer url={tiles.url} attribution={tiles.attribution} />
      <Marker position={[lat, lng]} icon={icon} title={name} alt={name} />
    </MapContainer>
  );
}
