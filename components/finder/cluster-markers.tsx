"use client";

import L from "leaflet";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef } from "react";
import { useMap } from "react-leaflet";
import { pinIcon } from "@/components/map-pin";
import { fromDisplay, toDisplay, type MapDatum } from "@/lib/map-datum";
import type { StationStatus } from "@/lib/opening-hours";
import type { ClusterStation, StationCluster, StationClusters } from "@/lib/validations/station-clusters";

/** Waits this long after the map stops before asking: a pan and a zoom in a row cost one request. */
const DEBOUNCE_MS = 250;

const statusColors: Record<StationStatus, string> = { open: "#c7000b", temporarily_closed: "#b35900", closed: "#6e7781" };

/** What the finder shows about the map's data: loading, failed, and how many stations are in view. */
export type ClusterLoadState = { loading: boolean; failed: boolean; count: number | null };

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * The area to ask for: the view widened outwards to a grid one tile (256 px) wide at this zoom. A short
 * pan then asks for the same area — no request at all — and every reader's phone asks for the same few
 * URLs, which the browser's and a CDN's caches can answer.
 */
function clusterUrl(map: L.Map, datum: MapDatum): string {
  const zoom = Math.round(map.getZoom());
  const step = 360 / 2 ** zoom;
  const b = map.getBounds();
  const southWest = fromDisplay({ lat: b.getSouth(), lng: b.getWest() }, datum);
  const northEast = fromDisplay({ lat: b.getNorth(), lng: b.getEast() }, datum);
  const snap = (value: number, round: (x: number) => number, limit: number) => clamp(Number((round(value / step) * step).toFixed(6)), -limit, limit);
  const bbox = [snap(southWest.lng, Math.floor, 180), snap(southWest.lat, Math.floor, 85), snap(northEast.lng, Math.ceil, 180), snap(northEast.lat, Math.ceil, 85)];
  return `/api/v1/stations/clusters?bbox=${bbox.join(",")}&zoom=${zoom}`;
}

/** Sized by the count's digits; the number is the visible text, the accessible name says what it is. */
function clusterIcon(count: number): L.DivIcon {
  const size = count < 100 ? 40 : count < 1000 ? 48 : 56;
  const text = count < 10_000 ? String(count) : `${Math.floor(count / 1000)}k`;
  return L.divIcon({ className: "cluster-marker", html: `<span aria-hidden="true">${text}</span>`, iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
}

const clusterKey = (c: StationCluster) => `c:${c.lat},${c.lng},${c.count}`;
const stationKey = (s: ClusterStation) => `s:${s.id}`;

/** The popup as DOM nodes with text content: station names are data, never markup. */
function popupContent(station: ClusterStation, statusText: string | null): HTMLElement {
  const root = document.createElement("div");
  root.className = "marker-popup";
  const link = document.createElement("a");
  link.href = `/stations/${station.id}`;
  link.textContent = station.name;
  root.append(link);
  if (statusText) {
    const status = document.createElement("div");
    status.textContent = statusText;
    root.append(status);
  }
  return root;
}

/**
 * The map's markers when the page does not carry the stations: after each move (debounced, a stale
 * request aborted) it asks the server for the clusters and single stations of the visible area, and
 * swaps in only the markers that changed, so a small pan does not redraw everything. A cluster shows
 * its count and zooms in when tapped (or Enter on it); a station is a pin with a popup.
 */
export function ClusterMarkers({
  datum,
  onSelect,
  onLoadState,
}: {
  datum: MapDatum;
  onSelect: (id: string) => void;
  onLoadState: (state: ClusterLoadState) => void;
}) {
  const map = useMap();
  const t = useTranslations("finder.map");
  const tState = useTranslations("common.openState");
  const pins = useMemo(
    () => Object.fromEntries(Object.entries(statusColors).map(([status, color]) => [status, pinIcon(color, 30)])) as Record<StationStatus, L.Icon>,
    [],
  );
  const labels = useRef({ t, tState });
  labels.current = { t, tState };
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const onLoadStateRef = useRef(onLoadState);
  onLoadStateRef.current = onLoadState;

  useEffect(() => {
    const layer = L.layerGroup().addTo(map);
    const shown = new Map<string, L.Marker>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight: AbortController | null = null;
    let lastUrl = "";

    const makeMarker = (key: string, item: StationCluster | ClusterStation): L.Marker => {
      const at = toDisplay(item, datum);
      if ("count" in item) {
        const label = labels.current.t("clusterLabel", { count: item.count });
        const marker = L.marker([at.lat, at.lng], { icon: clusterIcon(item.count), title: label, keyboard: true });
        marker.on("click", () => map.setView([at.lat, at.lng], Math.max(item.expansionZoom, map.getZoom() + 1)));
        // Leaflet makes the icon a focusable role=button; a real button also answers Enter and Space.
        marker.on("add", () => {
          const element = marker.getElement();
          element?.setAttribute("aria-label", label);
          element?.addEventListener("keydown", (event) => {
            if (event.key !== "Enter" && event.key !== " ") return;
            event.preventDefault();
            marker.fire("click");
          });
        });
        return marker;
      }
      const marker = L.marker([at.lat, at.lng], { icon: pins[item.status], title: item.name, alt: item.name });
      marker.bindPopup(() => popupContent(item, item.status === "open" ? null : labels.current.tState(item.status === "closed" ? "closedForGood" : "paused")));
      marker.on("click", () => onSelectRef.current(item.id));
      return marker;
    };

    const apply = (answer: StationClusters) => {
      const wanted = new Map<string, StationCluster | ClusterStation>();
      for (const cluster of answer.clusters) wanted.set(clusterKey(cluster), cluster);
      for (const station of answer.stations) wanted.set(stationKey(station), station);
      for (const [key, marker] of shown) {
        if (wanted.has(key)) continue;
        layer.removeLayer(marker);
        shown.delete(key);
      }
      for (const [key, item] of wanted) {
        if (shown.has(key)) continue;
        const marker = makeMarker(key, item);
        shown.set(key, marker);
        layer.addLayer(marker);
      }
    };

    const load = async () => {
      const url = clusterUrl(map, datum);
      if (url === lastUrl) return;
      inFlight?.abort();
      const controller = new AbortController();
      inFlight = controller;
      onLoadStateRef.current({ loading: true, failed: false, count: null });
      try {
        const response = await fetch(url, { signal: controller.signal });
        if (!response.ok) throw new Error(`clusters: ${response.status}`);
        const answer = (await response.json()) as StationClusters;
        if (controller.signal.aborted) return;
        lastUrl = url;
        apply(answer);
        onLoadStateRef.current({ loading: false, failed: false, count: answer.count });
      } catch {
        // A newer request took over; it reports for itself.
        if (controller.signal.aborted) return;
        onLoadStateRef.current({ loading: false, failed: true, count: null });
      } finally {
        if (inFlight === controller) inFlight = null;
      }
    };

    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), DEBOUNCE_MS);
    };
    // A new move makes the answer on its way stale at once: abort it rather than draw it and redraw.
    const cancel = () => {
      clearTimeout(timer);
      if (inFlight) {
        inFlight.abort();
        inFlight = null;
      }
    };
    map.whenReady(() => void load());
    map.on("movestart", cancel);
    map.on("moveend", schedule);
    // Back online after a failed update: try again without waiting for the reader to move the map.
    const retry = () => {
      lastUrl = "";
      schedule();
    };
    window.addEventListener("online", retry);
    return () => {
      cancel();
      map.off("movestart", cancel);
      map.off("moveend", schedule);
      window.removeEventListener("online", retry);
      map.removeLayer(layer);
    };
  }, [map, datum, pins]);

  return null;
}
