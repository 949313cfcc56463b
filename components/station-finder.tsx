"use client";

import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import { OpenStateBadge } from "@/components/open-state-badge";
import type { MapBounds, TileConfig } from "@/components/station-map";
import type { StationMarker } from "@/lib/server/station/list-station-markers";

// Leaflet touches `window` on import, so the map only ever renders in the browser.
const StationMap = dynamic(() => import("@/components/station-map").then((m) => m.StationMap), {
  ssr: false,
  loading: () => <p className="muted" style={{ padding: "1rem" }}>地图加载中…</p>,
});

const LIST_LIMIT = 50;

function inBounds(station: StationMarker, bounds: MapBounds | null): boolean {
  if (!bounds) return true;
  return station.lat >= bounds.south && station.lat <= bounds.north && station.lng >= bounds.west && station.lng <= bounds.east;
}

export function StationFinder({ stations, tiles }: { stations: StationMarker[]; tiles: TileConfig }) {
  const [bounds, setBounds] = useState<MapBounds | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const visible = useMemo(() => stations.filter((s) => inBounds(s, bounds)), [stations, bounds]);
  const shown = visible.slice(0, LIST_LIMIT);

  return (
    <div className="finder">
      <div className="finder-map" data-testid="station-map">
        <StationMap stations={stations} tiles={tiles} selectedId={selectedId} onSelect={setSelectedId} onBoundsChange={setBounds} />
      </div>
      <section className="finder-list" aria-labelledby="station-list-heading">
        <h2 id="station-list-heading" className="list-summary" data-testid="list-summary">
          {bounds ? `地图范围内 ${visible.length} 个驿站` : `共 ${stations.length} 个驿站`}
          {visible.length > LIST_LIMIT ? `，显示前 ${LIST_LIMIT} 个，放大地图查看更多` : ""}
        </h2>
        <ul className="station-list" aria-label="驿站列表">
          {shown.map((station) => (
            <li key={station.id} className={`station-item${station.id === selectedId ? " is-selected" : ""}`}>
              <a href={`/stations/${station.id}`} onMouseEnter={() => setSelectedId(station.id)} onFocus={() => setSelectedId(station.id)}>
                <div className="row">
                  <h3>{station.name}</h3>
                  <OpenStateBadge status={station.status} openNow={station.openNow} />
                </div>
                <p>{station.address}</p>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
