"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { MapBounds, Origin } from "@/components/finder/finder-types";
import type { ListedStation } from "@/components/finder/station-list";
import { finderStationFromView } from "@/lib/finder-station";
import type { StationView } from "@/lib/validations/station";

/** Waits for typing and map moves to settle: one request per pause, not per keystroke. */
const DEBOUNCE_MS = 300;
/** The API's own limit on `q`. */
const MAX_QUERY = 50;

export type RemoteList = {
  items: ListedStation[];
  /** The origin key ("lat,lng") the items were ranked from, or null when they are not ranked from a place. */
  rankedFrom: string | null;
  loading: boolean;
  failed: boolean;
  hasMore: boolean;
  loadMore: () => void;
  retry: () => void;
};

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const round4 = (value: number) => Math.round(value * 1e4) / 1e4;

// Search runs on the server here (`q`), so the page needs no pinyin keys.
const toFinderStation = (view: StationView) => finderStationFromView(view, { pinyin: "", initials: "" });

/**
 * The list when the page does not carry every station: the same questions the finder answers on the
 * device, asked of the public API instead. With a place, the nearest stations (`near=`); without one,
 * the stations in the map's view nearest its centre (`bbox` + `near`); words and filters go along as
 * `q`, `amenities` and `openNow`. Pages with the API's cursor; a change of question aborts the last one.
 */
export function useRemoteStations({
  enabled,
  origin,
  bounds,
  query,
  amenities,
  openNow,
  pageSize,
}: {
  enabled: boolean;
  origin: Origin | null;
  bounds: MapBounds | null;
  query: string;
  amenities: string[];
  openNow: boolean;
  pageSize: number;
}): RemoteList {
  const [items, setItems] = useState<ListedStation[]>([]);
  const [rankedFrom, setRankedFrom] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const inFlight = useRef<AbortController | null>(null);

  const params = new URLSearchParams({ limit: String(pageSize) });
  const text = query.trim().slice(0, MAX_QUERY);
  const originKey = origin ? `${origin.lat},${origin.lng}` : null;
  if (origin) params.set("near", originKey!);
  else if (bounds) {
    const south = clamp(bounds.south, -90, 90);
    const north = clamp(bounds.north, -90, 90);
    const west = clamp(bounds.west, -180, 180);
    const east = clamp(bounds.east, -180, 180);
    params.set("near", `${round4((south + north) / 2)},${round4((west + east) / 2)}`);
    // Words search everywhere; without words the list is what the map shows.
    if (!text && south < north && west < east) params.set("bbox", [west, south, east, north].map(round4).join(","));
  }
  if (text) params.set("q", text);
  if (amenities.length) params.set("amenities", [...amenities].sort().join(","));
  if (openNow) params.set("openNow", "true");
  const url = `/api/v1/stations?${params}`;
  const waiting = !origin && !bounds && !text;

  const fetchPage = useCallback(
    async (pageUrl: string, append: boolean) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setLoading(true);
      setFailed(false);
      try {
        const response = await fetch(pageUrl, { signal: controller.signal });
        if (!response.ok) throw new Error(`stations: ${response.status}`);
        const page = (await response.json()) as { data: StationView[]; nextCursor: string | null };
        if (controller.signal.aborted) return;
        const listed = page.data.map((view) => ({ station: toFinderStation(view), distanceMeters: originKey ? (view.distanceMeters ?? null) : null }));
        setItems((current) => (append ? [...current, ...listed] : listed));
        setRankedFrom(originKey);
        setNextCursor(page.nextCursor);
        setLoading(false);
      } catch {
        if (controller.signal.aborted) return;
        setFailed(true);
        setLoading(false);
      }
    },
    [originKey],
  );

  useEffect(() => {
    if (!enabled || waiting) return;
    const timer = setTimeout(() => void fetchPage(url, false), DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      inFlight.current?.abort();
    };
  }, [enabled, waiting, url, attempt, fetchPage]);

  return {
    items,
    rankedFrom,
    loading,
    failed,
    hasMore: nextCursor !== null,
    loadMore: () => {
      if (nextCursor) void fetchPage(`${url}&cursor=${encodeURIComponent(nextCursor)}`, true);
    },
    retry: () => setAttempt((n) => n + 1),
  };
}
