"use client";

import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { GeoJSON, MapContainer, useMap, ZoomControl } from "react-leaflet";
import type { Feature, FeatureCollection } from "geojson";

export type ChoroplethArea = { adcode: number; name: string; label: string; color: string };

type Props = {
  level: "city" | "district";
  /** The city whose districts are drawn (district level only). */
  cityAdcode: number | null;
  areas: ChoroplethArea[];
  /** A district to outline, from a table row's "on the map" link. */
  focus: number | null;
  /** Changes with the measure: the GeoJSON layer is redrawn, since Leaflet does not restyle on new props. */
  measureKey: string;
};

function FitTo({ bounds }: { bounds: L.LatLngBounds | null }) {
  const map = useMap();
  useEffect(() => {
    if (bounds?.isValid()) map.fitBounds(bounds, { padding: [8, 8] });
  }, [map, bounds]);
  return null;
}

/**
 * Cities or a city's districts filled by the chosen measure. No tiles: the bundled WGS-84 boundaries are
 * the whole map, so it draws offline and every area is drawn as the same kind of shape. The colours and
 * tooltip texts come from the server, which also renders the legend, so the two cannot disagree.
 */
export function ChoroplethMap({ level, cityAdcode, areas, focus, measureKey }: Props) {
  const t = useTranslations("admin.dashboard.map");
  const [shapes, setShapes] = useState<FeatureCollection | null>(null);
  const byAdcode = useMemo(() => new Map(areas.map((a) => [a.adcode, a])), [areas]);

  useEffect(() => {
    let cancelled = false;
    fetch(level === "city" ? "/geo/liaoning-cities.wgs84.json" : "/geo/liaoning-districts.wgs84.json")
      .then((r) => (r.ok ? (r.json() as Promise<FeatureCollection>) : null))
      .then((data) => {
        if (!cancelled) setShapes(data);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [level]);

  const shown = useMemo<FeatureCollection | null>(() => {
    if (!shapes) return null;
    const features = shapes.features.filter(
      (f) => byAdcode.has(Number(f.properties?.adcode)) && (level === "city" || Number(f.properties?.city_adcode) === cityAdcode),
    );
    return { type: "FeatureCollection", features };
  }, [shapes, byAdcode, level, cityAdcode]);

  const bounds = useMemo(() => {
    if (!shown || shown.features.length === 0) return null;
    const focused = shown.features.filter((f) => Number(f.properties?.adcode) === focus);
    return L.geoJSON(focused.length ? { type: "FeatureCollection", features: focused } : shown).getBounds();
  }, [shown, focus]);

  const style = (feature?: Feature) => {
    const adcode = Number(feature?.properties?.adcode);
    const focused = adcode === focus;
    return { color: focused ? "#1f2328" : "#57606a", weight: focused ? 3 : 0.8, fillColor: byAdcode.get(adcode)?.color ?? "#d0d4d9", fillOpacity: 0.9 };
  };

  return (
    <MapContainer center={[41.2, 122.6]} zoom={6} zoomSnap={0.25} minZoom={5} maxZoom={12} zoomControl={false} attributionControl={false} style={{ height: "100%", width: "100%" }}>
      <ZoomControl position="topleft" zoomInTitle={t("zoomIn")} zoomOutTitle={t("zoomOut")} />
      {shown && (
        <GeoJSON
          key={`${measureKey}|${focus ?? ""}`}
          data={shown}
          style={style}
          onEachFeature={(feature, layer) => {
            const area = byAdcode.get(Number(feature.properties?.adcode));
            if (!area) return;
            // Text, not HTML: the tooltip shows names as they are.
            const tip = document.createElement("span");
            tip.textContent = `${area.name}：${area.label}`;
            layer.bindTooltip(tip, { sticky: true });
            layer.on("add", () => {
              const path = (layer as L.Path).getElement();
              path?.setAttribute("data-adcode", String(area.adcode));
              path?.setAttribute("data-fill", area.color);
            });
          }}
        />
      )}
      <FitTo bounds={bounds} />
    </MapContainer>
  );
}
