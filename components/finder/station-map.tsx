"use client";

import "leaflet/dist/leaflet.css";
import "leaflet.markercluster/dist/MarkerCluster.css";
import "leaflet.markercluster/dist/MarkerCluster.Default.css";
import L from "leaflet";
import "leaflet.markercluster";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { Circle, GeoJSON, MapContainer, Marker, Popup, TileLayer, useMap, ZoomControl } from "react-leaflet";
import type { FeatureCollection } from "geojson";
import { ClusterMarkers, type ClusterLoadState } from "@/components/finder/cluster-markers";
import type { MapBounds, Origin, TileConfig, ViewRequest } from "@/components/finder/finder-types";
import { pinIcon } from "@/components/map-pin";
import type { LatLng } from "@/lib/geo";
import { fromDisplay, toDisplay, type MapDatum } from "@/lib/map-datum";
import { openStateAt, type LocalTime, type OpenStateKey } from "@/lib/opening-hours";
import type { FinderStation } from "@/lib/finder-station";

const LIAONING_CENTER: LatLng = { lat: 41.2, lng: 122.6 };

const stateColors: Record<OpenStateKey, string> = {
  open: "#c7000b",
  closingSoon: "#b35900",
  shut: "#6e7781",
  paused: "#b35900",
  closedForGood: "#6e7781",
  unknown: "#8c6d1f",
};

const originIcon = L.divIcon({
  className: "origin-marker",
  html: '<svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true"><circle cx="11" cy="11" r="8" fill="#1a73e8" stroke="#fff" stroke-width="3"/></svg>',
  iconSize: [22, 22],
  iconAnchor: [11, 11],
});

/** Bundled boundaries give orientation when no tile server answers (offline, blocked or misconfigured). */
function useBoundaries(datum: MapDatum): { province: FeatureCollection | null; cities: FeatureCollection | null } {
  const [layers, setLayers] = useState<{ province: FeatureCollection | null; cities: FeatureCollection | null }>({ province: null, cities: null });
  useEffect(() => {
    let cancelled = false;
    Promise.all(
      [`/geo/liaoning-province.${datum}.json`, `/geo/liaoning-cities.${datum}.json`].map((url) =>
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
  }, [datum]);
  return layers;
}

/** Zoom level from which district outlines help more than they clutter. */
const DISTRICT_ZOOM = 9;

/** District outlines, fetched the first time the reader zooms in far enough to want them. */
function DistrictBoundaries({ datum }: { datum: MapDatum }) {
  const map = useMap();
  const [zoomedIn, setZoomedIn] = useState(() => map.getZoom() >= DISTRICT_ZOOM);
  const [districts, setDistricts] = useState<FeatureCollection | null>(null);

  useEffect(() => {
    const update = () => setZoomedIn(map.getZoom() >= DISTRICT_ZOOM);
    map.on("zoomend", update);
    return () => {
      map.off("zoomend", update);
    };
  }, [map]);

  useEffect(() => {
    if (!zoomedIn || districts) return;
    let cancelled = false;
    fetch(`/geo/liaoning-districts.${datum}.json`)
      .then((r) => (r.ok ? (r.json() as Promise<FeatureCollection>) : null))
      .then((data) => {
        if (!cancelled) setDistricts(data);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [zoomedIn, districts, datum]);

  if (!zoomedIn || !districts) return null;
  return <GeoJSON data={districts} style={{ color: "#9a0009", weight: 1, dashArray: "2 4", fillOpacity: 0 }} interactive={false} />;
}

function MapEvents({
  datum,
  picking,
  viewRequest,
  closeLabel,
  onPick,
  onBoundsChange,
}: {
  datum: MapDatum;
  closeLabel: string;
  picking: boolean;
  viewRequest: ViewRequest | null;
  onPick: (point: LatLng) => void;
  onBoundsChange: (bounds: MapBounds) => void;
}) {
  const map = useMap();

  useEffect(() => {
    const report = () => {
      const b = map.getBounds();
      const southWest = fromDisplay({ lat: b.getSouth(), lng: b.getWest() }, datum);
      const northEast = fromDisplay({ lat: b.getNorth(), lng: b.getEast() }, datum);
      onBoundsChange({ south: southWest.lat, west: southWest.lng, north: northEast.lat, east: northEast.lng });
    };
    map.whenReady(report);
    map.on("moveend", report);
    return () => {
      map.off("moveend", report);
    };
  }, [map, datum, onBoundsChange]);

  useEffect(() => {
    if (!picking) return;
    const container = map.getContainer();
    container.classList.add("is-picking");
    const pick = (event: L.LeafletMouseEvent) => onPick(fromDisplay({ lat: event.latlng.lat, lng: event.latlng.lng }, datum));
    map.on("click", pick);
    return () => {
      container.classList.remove("is-picking");
      map.off("click", pick);
    };
  }, [map, datum, picking, onPick]);

  // Leaflet labels its popup close button in English; say it in the reader's language.
  useEffect(() => {
    const label = (event: L.PopupEvent) => {
      event.popup.getElement()?.querySelector(".leaflet-popup-close-button")?.setAttribute("aria-label", closeLabel);
    };
    map.on("popupopen", label);
    return () => {
      map.off("popupopen", label);
    };
  }, [map, closeLabel]);

  useEffect(() => {
    if (!viewRequest || viewRequest.points.length === 0) return;
    const points = viewRequest.points.map((p) => toDisplay(p, datum));
    if (points.length === 1) map.setView([points[0].lat, points[0].lng], Math.max(map.getZoom(), 16));
    else map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lng])), { padding: [40, 40], maxZoom: 16 });
  }, [map, datum, viewRequest]);

  return null;
}

/** The popup as DOM nodes with text content: station names are data, never markup. */
function popupContent(station: FinderStation, stateText: string | null): HTMLElement {
  const root = document.createElement("div");
  root.className = "marker-popup";
  const link = document.createElement("a");
  link.href = `/stations/${station.id}`;
  link.textContent = station.name;
  const address = document.createElement("div");
  address.textContent = station.address;
  root.append(link, address);
  if (stateText) {
    const state = document.createElement("div");
    state.textContent = stateText;
    root.append(state);
  }
  return root;
}

/**
 * All station markers in one cluster layer, managed by hand rather than as React children: React
 * would hand every marker a fresh position on each render, and the cluster layer would take each one
 * out and put it back. Here markers are made once per station, added in one batch, and only their
 * icons change when the clock turns a station's state.
 */
function StationMarkers({
  stations,
  at,
  datum,
  onSelect,
}: {
  stations: FinderStation[];
  at: LocalTime | null;
  datum: MapDatum;
  onSelect: (id: string) => void;
}) {
  const map = useMap();
  const tState = useTranslations("common.openState");
  const icons = useMemo(
    () => Object.fromEntries(Object.entries(stateColors).map(([key, color]) => [key, pinIcon(color, 30)])) as Record<OpenStateKey, L.Icon>,
    [],
  );
  const group = useRef<L.MarkerClusterGroup | null>(null);
  const markers = useRef(new Map<string, { marker: L.Marker; state: OpenStateKey }>());
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  // Popups are built when opened, in the language of that moment, not of when the marker was made.
  const tStateRef = useRef(tState);
  tStateRef.current = tState;
  const ready = at !== null;

  useEffect(() => {
    // Chunks under 50 ms keep the page answering taps while hundreds of markers are added.
    const layer = L.markerClusterGroup({ chunkedLoading: true, chunkInterval: 40, chunkDelay: 20, maxClusterRadius: 50 });
    map.addLayer(layer);
    group.current = layer;
    const known = markers.current;
    return () => {
      map.removeLayer(layer);
      group.current = null;
      known.clear();
    };
  }, [map, datum]);

  // Waits for the device's clock so each marker is made once, already in its state's colour.
  useEffect(() => {
    const layer = group.current;
    if (!layer || !ready || !at) return;
    const wanted = new Set(stations.map((s) => s.id));
    const gone = [...markers.current].filter(([id]) => !wanted.has(id));
    layer.removeLayers(gone.map(([, entry]) => entry.marker));
    for (const [id] of gone) markers.current.delete(id);

    const added: L.Marker[] = [];
    for (const station of stations) {
      if (markers.current.has(station.id)) continue;
      const state = openStateAt(station.status, station.openingHours, at).key;
      const shown = toDisplay(station, datum);
      const marker = L.marker([shown.lat, shown.lng], { icon: icons[state], title: station.name, alt: station.name });
      marker.bindPopup(() => popupContent(station, tStateRef.current(markers.current.get(station.id)?.state ?? state)));
      marker.on("click", () => onSelectRef.current(station.id));
      markers.current.set(station.id, { marker, state });
      added.push(marker);
    }
    layer.addLayers(added);
    // `at` is read for new markers only; the effect below recolours existing ones as time passes.
  }, [stations, ready, datum, icons]);

  useEffect(() => {
    if (!at) return;
    const byId = new Map(stations.map((s) => [s.id, s]));
    for (const [id, entry] of markers.current) {
      const station = byId.get(id);
      if (!station) continue;
      const state = openStateAt(station.status, station.openingHours, at).key;
      if (state !== entry.state) {
        entry.marker.setIcon(icons[state]);
        entry.state = state;
      }
    }
  }, [at, stations, icons]);

  return null;
}

export function StationMap({
  stations,
  clusters,
  onClusterLoadState,
  tiles,
  origin,
  selectedId,
  picking,
  viewRequest,
  at,
  onSelect,
  onPick,
  onBoundsChange,
}: {
  /** The stations to draw, or with `clusters` just those the list shows (for the highlight). */
  stations: FinderStation[];
  /** Too many stations for the page to carry: markers come from the server's clusters of the visible area. */
  clusters: boolean;
  onClusterLoadState: (state: ClusterLoadState) => void;
  tiles: TileConfig;
  origin: Origin | null;
  selectedId: string | null;
  picking: boolean;
  viewRequest: ViewRequest | null;
  /** The finder's clock, so markers and list badges always agree. */
  at: LocalTime | null;
  onSelect: (id: string) => void;
  onPick: (point: LatLng) => void;
  onBoundsChange: (bounds: MapBounds) => void;
}) {
  const t = useTranslations("finder");
  const datum = tiles.datum ?? "wgs84";
  const { province, cities } = useBoundaries(datum);
  const selectedIcon = useMemo(() => pinIcon("#1f2328", 42), []);
  const selected = stations.find((s) => s.id === selectedId) ?? null;
  const center = toDisplay(LIAONING_CENTER, datum);
  const shownOrigin = origin ? toDisplay(origin, datum) : null;

  return (
    <MapContainer center={[center.lat, center.lng]} zoom={7} minZoom={5} maxZoom={18} zoomControl={false} style={{ height: "100%", width: "100%" }}>
      <ZoomControl position="topleft" zoomInTitle={t("map.zoomIn")} zoomOutTitle={t("map.zoomOut")} />
      <TileLayer url={tiles.url} attribution={tiles.attribution} />
      {province && <GeoJSON data={province} style={{ color: "#c7000b", weight: 2, fillColor: "#fff", fillOpacity: 0.35 }} interactive={false} />}
      {cities && <GeoJSON data={cities} style={{ color: "#9a0009", weight: 1, dashArray: "4 3", fillOpacity: 0 }} interactive={false} />}
      <DistrictBoundaries datum={datum} />
      {clusters ? (
        <ClusterMarkers datum={datum} onSelect={onSelect} onLoadState={onClusterLoadState} />
      ) : (
        <StationMarkers stations={stations} at={at} datum={datum} onSelect={onSelect} />
      )}
      {selected && (
        <Marker position={[toDisplay(selected, datum).lat, toDisplay(selected, datum).lng]} icon={selectedIcon} title={selected.name} alt={selected.name} zIndexOffset={1000}>
          {/* The highlight sits on top of the station's own marker, so it carries the same popup. */}
          <Popup>
            <div className="marker-popup">
              <a href={`/stations/${selected.id}`}>{selected.name}</a>
              <div>{selected.address}</div>
            </div>
          </Popup>
        </Marker>
      )}
      {shownOrigin && (
        <>
          {origin?.accuracy ? <Circle center={[shownOrigin.lat, shownOrigin.lng]} radius={origin.accuracy} pathOptions={{ color: "#1a73e8", weight: 1, fillOpacity: 0.12 }} /> : null}
          <Marker position={[shownOrigin.lat, shownOrigin.lng]} icon={originIcon} title={t("map.myLocation")} alt={t("map.myLocation")} zIndexOffset={900} />
        </>
      )}
      <MapEvents datum={datum} picking={picking} viewRequest={viewRequest} closeLabel={t("map.closePopup")} onPick={onPick} onBoundsChange={onBoundsChange} />
    </MapContainer>
  );
}
