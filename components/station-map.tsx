"use client";

import "leaflet/dist/leaflet.css";
import "react-leaflet-cluster/dist/assets/MarkerCluster.css";
import "react-leaflet-cluster/dist/assets/MarkerCluster.Default.css";
import type L from "leaflet";
import { useEffect, useMemo, useState } from "react";
import { GeoJSON, MapContainer, Marker, Popup, TileLayer, useMap } from "react-leaflet";
import MarkerClusterGroup from "react-leaflet-cluster";
import type { FeatureCollection } from "geojson";
import { pinIcon } from "@/components/map-pin";
import { openStateLabel, type OpenStateTone } from "@/lib/station-labels";
import type { StationMarker } from "@/lib/server/station/list-station-markers";

export type TileConfig = { url: string; attribution: string };
export type MapBounds = { south: number; west: number; north: number; east: number };

const LIAONING_CENTER: [number, number] = [41.2, 122.6];

const toneColors: Record<OpenStateTone, string> = { open: "#c7000b", paused: "#b35900", shut: "#6e7781", unknown: "#8c6d1f" };

/** Bundled boundaries give orientation when no tile server answers (offline, blocked or misconfigured). */
function useBoundaries(): { province: FeatureCollection | null; cities: FeatureCollection | null } {
  const [layers, setLayers] = useState<{ province: FeatureCollection | null; cities: FeatureCollection | null }>({ province: null, cities: null });
  useEffect(() => {
    let cancelled = false;
    Promise.all(
      ["/geo/liaoning-province.wgs84.json", "/geo/liaoning-cities.wgs84.json"].map((url) =>
        fetch(url).then((r) => (r.ok ? (r.json() as Promise<FeatureCollection>) : null)),
      ),
    )
      .then(([province, cities]) => {
        if (!cancelled) setLayers({ province, cities });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);
  return layers;
}

function BoundsReporter({ onBoundsChange }: { onBoundsChange: (bounds: MapBounds) => void }) {
  const map = useMap();
  useEffect(() => {
    const report = () => {
      const b = map.getBounds();
      onBoundsChange({ south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast() });
    };
    map.whenReady(report);
    map.on("moveend", report);
    return () => {
      map.off("moveend", report);
    };
  }, [map, onBoundsChange]);
  return null;
}

export function StationMap({
  stations,
  tiles,
  selectedId,
  onSelect,
  onBoundsChange,
}: {
  stations: StationMarker[];
  tiles: TileConfig;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onBoundsChange: (bounds: MapBounds) => void;
}) {
  const { province, cities } = useBoundaries();
  const icons = useMemo(() => {
    const tones: OpenStateTone[] = ["open", "paused", "shut", "unknown"];
    return {
      normal: Object.fromEntries(tones.map((t) => [t, pinIcon(toneColors[t], 30)])) as Record<OpenStateTone, L.DivIcon>,
      selected: pinIcon("#1f2328", 40),
    };
  }, []);

  return (
    <MapContainer center={LIAONING_CENTER} zoom={7} minZoom={5} maxZoom={18} style={{ height: "100%", width: "100%" }}>
      <TileLayer url={tiles.url} attribution={tiles.attribution} />
      {province && <GeoJSON data={province} style={{ color: "#c7000b", weight: 2, fillColor: "#fff", fillOpacity: 0.35 }} interactive={false} />}
      {cities && <GeoJSON data={cities} style={{ color: "#9a0009", weight: 1, dashArray: "4 3", fillOpacity: 0 }} interactive={false} />}
      <MarkerClusterGroup chunkedLoading maxClusterRadius={50}>
        {stations.map((station) => {
          const tone = openStateLabel(station.status, station.openNow).tone;
          return (
            <Marker
              key={station.id}
              position={[station.lat, station.lng]}
              icon={station.id === selectedId ? icons.selected : icons.normal[tone]}
              title={station.name}
              alt={station.name}
              eventHandlers={{ click: () => onSelect(station.id) }}
            >
              <Popup>
                <div className="marker-popup">
                  <a href={`/stations/${station.id}`}>{station.name}</a>
                  <div>{station.address}</div>
                  <div>{openStateLabel(station.status, station.openNow).text}</div>
                </div>
              </Popup>
            </Marker>
          );
        })}
      </MarkerClusterGroup>
      <BoundsReporter onBoundsChange={onBoundsChange} />
    </MapContainer>
  );
}
