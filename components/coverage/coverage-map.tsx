"use client";

import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { CircleMarker, GeoJSON, MapContainer, Pane, Polygon, TileLayer, useMap, ZoomControl } from "react-leaflet";
import type { FeatureCollection } from "geojson";
import { GAP_COLOR, STATION_COLOR } from "@/components/coverage/coverage-colors";
import type { TileConfig } from "@/components/finder/finder-types";
import { toDisplay } from "@/lib/map-datum";


type Bounds = [number, number, number, number];

/** The bundled outlines are the base map: they draw with no tile server at all. */
function useOutlines(datum: "wgs84" | "gcj02") {
  const [outlines, setOutlines] = useState<{ cities: FeatureCollection | null; districts: FeatureCollection | null }>({ cities: null, districts: null });
  useEffect(() => {
    let cancelled = false;
    Promise.all(
      [`/geo/liaoning-cities.${datum}.json`, `/geo/liaoning-districts.${datum}.json`].map((url) =>
        fetch(url).then((r) => (r.ok ? (r.json() as Promise<FeatureCollection>) : null)),
      ),
    )
      .then(([cities, districts]) => {
        if (!cancelled) setOutlines({ cities, districts });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [datum]);
  return outlines;
}

function FitTo({ bounds }: { bounds: L.LatLngBounds | null }) {
  const map = useMap();
  useEffect(() => {
    if (bounds?.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
  }, [map, bounds]);
  return null;
}

/**
 * Gap cells (merged along rows) as one SVG path, stations as small dots, over the district outlines.
 * Coordinates arrive in WGS-84 and are converted for GCJ-02 tiles like the finder's map.
 */
export function CoverageMap({ gapRuns, stationPoints, tiles }: { gapRuns: Bounds[]; stationPoints: [number, number][]; tiles: TileConfig }) {
  const t = useTranslations("coverage.map");
  const datum = tiles.datum ?? "wgs84";
  const { cities, districts } = useOutlines(datum);

  const gaps = useMemo(
    () =>
      gapRuns.map(([south, west, north, east]) => {
        const sw = toDisplay({ lat: south, lng: west }, datum);
        const ne = toDisplay({ lat: north, lng: east }, datum);
        return [
          [sw.lat, sw.lng],
          [sw.lat, ne.lng],
          [ne.lat, ne.lng],
          [ne.lat, sw.lng],
        ] as [number, number][];
      }),
    [gapRuns, datum],
  );
  const stations = useMemo(() => stationPoints.map(([lat, lng]) => toDisplay({ lat, lng }, datum)), [stationPoints, datum]);
  const bounds = useMemo(() => {
    const points = [...gaps.flat(), ...stations.map((s): [number, number] => [s.lat, s.lng])];
    return points.length > 0 ? L.latLngBounds(points) : null;
  }, [gaps, stations]);

  return (
    <MapContainer center={[41.2, 122.6]} zoom={7} zoomSnap={0.25} minZoom={5} maxZoom={16} zoomControl={false} style={{ height: "100%", width: "100%" }}>
      <ZoomControl position="topleft" zoomInTitle={t("zoomIn")} zoomOutTitle={t("zoomOut")} />
      <TileLayer url={tiles.url} attribution={tiles.attribution} />
      {/* The outlines arrive after the gaps (fetched), so a pane below the overlays keeps them underneath. */}
      <Pane name="coverage-outlines" style={{ zIndex: 350 }}>
        {districts && <GeoJSON data={districts} style={{ color: "#6e7781", weight: 1, fillColor: "#fff", fillOpacity: 0.5 }} interactive={false} />}
        {cities && <GeoJSON data={cities} style={{ color: "#9a0009", weight: 1.5, fillOpacity: 0 }} interactive={false} />}
      </Pane>
      {gaps.length > 0 && (
        <Polygon
          positions={gaps}
          // A stroke as wide as a cell at province zoom keeps 500 m gaps visible before zooming in.
          pathOptions={{ color: GAP_COLOR, weight: 1.5, opacity: 0.7, fillColor: GAP_COLOR, fillOpacity: 0.6 }}
          interactive={false}
          eventHandlers={{
            // The path is Leaflet's, not React's: tag it so tests and readers of the DOM can find the layer.
            add: (event) => {
              const path = (event.target as L.Polygon).getElement();
              path?.setAttribute("data-testid", "coverage-gaps");
              path?.setAttribute("data-count", String(gaps.length));
            },
          }}
        />
      )}
      <Pane name="coverage-stations" style={{ zIndex: 450 }}>
        {stations.map((s, i) => (
          <CircleMarker key={i} center={[s.lat, s.lng]} radius={3} pathOptions={{ color: "#fff", weight: 1, fillColor: STATION_COLOR, fillOpacity: 1 }} interactive={false} />
        ))}
      </Pane>
      <FitTo bounds={bounds} />
    </MapContainer>
  );
}
