"use client";

import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useState } from "react";
import { AmenityIcon } from "@/components/amenity-icon";
import { FilterChips } from "@/components/finder/filter-chips";
import type { AmenityOption, MapBounds, Origin, PlaceOption, TileConfig, ViewRequest } from "@/components/finder/finder-types";
import { loadLastPlace, saveLastPlace } from "@/components/finder/last-place";
import { LocationPanel, requestPosition, type LocationError } from "@/components/finder/location-panel";
import type { ClusterLoadState } from "@/components/finder/cluster-markers";
import { StationList, type ListedStation } from "@/components/finder/station-list";
import { useRemoteStations } from "@/components/finder/use-remote-stations";
import { useNow } from "@/components/finder/use-now";
import { MapLoading } from "@/components/map-loading";
import { haversineMeters, type LatLng } from "@/lib/geo";
import { isOpenAt, shanghaiLocalTime } from "@/lib/opening-hours";
import { matchesSearch } from "@/lib/search-keys";
import type { FinderStation } from "@/lib/finder-station";

// Leaflet touches `window` on import, so the map only ever renders in the browser.
const StationMap = dynamic(() => import("@/components/finder/station-map").then((m) => m.StationMap), {
  ssr: false,
  loading: () => <MapLoading />,
});

const PAGE = 20;
const NO_STATIONS: FinderStation[] = [];

/** A city or district by its adcode, named as the location panel names it ("沈阳市 和平区"). */
function placeByAdcode(places: PlaceOption[], adcode: string | null): { name: string; center: LatLng } | null {
  if (!adcode) return null;
  for (const city of places) {
    if (String(city.adcode) === adcode) return { name: city.name, center: city.center };
    const district = city.districts.find((d) => String(d.adcode) === adcode);
    if (district) return { name: `${city.name} ${district.name}`, center: district.center };
  }
  return null;
}

function inBounds(point: LatLng, bounds: MapBounds): boolean {
  return point.lat >= bounds.south && point.lat <= bounds.north && point.lng >= bounds.west && point.lng <= bounds.east;
}

/**
 * The finder: one tap for the nearest stations, a list that works without the map, filters, search,
 * and fallbacks for phones that will not give a position. Everything runs on the device over the
 * stations the page carries, so it keeps working offline. When there are too many stations to carry
 * (`stations` is null), the map draws the server's clusters and the list asks the API the same questions.
 */
export function StationFinder({
  stations,
  amenities,
  places,
  tiles,
}: {
  stations: FinderStation[] | null;
  amenities: AmenityOption[];
  places: PlaceOption[];
  tiles: TileConfig;
}) {
  const t = useTranslations("finder");
  const now = useNow();
  const at = useMemo(() => (now ? shanghaiLocalTime(now) : null), [now]);

  const [origin, setOriginState] = useState<Origin | null>(null);
  const [remembered, setRemembered] = useState(false);
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState<LocationError | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const [picking, setPicking] = useState(false);
  const [query, setQuery] = useState("");
  const [selectedAmenities, setSelectedAmenities] = useState<string[]>([]);
  const [openNow, setOpenNow] = useState(false);
  const [bounds, setBounds] = useState<MapBounds | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [shownCount, setShownCount] = useState(PAGE);
  const [viewRequest, setViewRequest] = useState<ViewRequest | null>(null);
  const [clusterState, setClusterState] = useState<ClusterLoadState>({ loading: true, failed: false, count: null });
  const remote = stations === null;
  const carried = stations ?? NO_STATIONS;

  const requestView = useCallback((points: LatLng[]) => setViewRequest((v) => ({ points, seq: (v?.seq ?? 0) + 1 })), []);

  // A link may name a place (`?place=` a city or district adcode) and amenities (`?amenity=`, repeated),
  // as the admin dashboard's and shared links do; otherwise the reader's last place comes back.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const linked = placeByAdcode(places, params.get("place"));
    const wanted = params.getAll("amenity").filter((code) => amenities.some((a) => a.code === code));
    if (wanted.length) setSelectedAmenities(wanted);
    if (linked) {
      setOriginState({ ...linked.center, source: "district", name: linked.name });
      return;
    }
    const last = loadLastPlace();
    if (last) {
      setOriginState(last);
      setRemembered(true);
    }
  }, []);

  const setOrigin = useCallback((next: Origin | null) => {
    setOriginState(next);
    setRemembered(false);
    setShownCount(PAGE);
    setPicking(false);
    saveLastPlace(next);
    if (next) setLocationError(null);
  }, []);

  const amenityByCode = useMemo(() => new Map(amenities.map((a) => [a.code, a])), [amenities]);

  const matches = useMemo(
    () =>
      carried.filter(
        (s) =>
          selectedAmenities.every((code) => s.amenities.includes(code)) &&
          (!openNow || (at !== null && isOpenAt(s.status, s.openingHours, at) === true)) &&
          (query.trim() === "" || matchesSearch(s, query)),
      ),
    [carried, selectedAmenities, openNow, at, query],
  );

  const remoteList = useRemoteStations({ enabled: remote, origin, bounds, query, amenities: selectedAmenities, openNow, pageSize: PAGE });

  const rankedHere: ListedStation[] = useMemo(() => {
    if (origin) {
      return matches
        .map((station) => ({ station, distanceMeters: haversineMeters(origin, station) }))
        .sort((a, b) => a.distanceMeters - b.distanceMeters);
    }
    const pool = query.trim() === "" && bounds ? matches.filter((s) => inBounds(s, bounds)) : matches;
    return pool.map((station) => ({ station, distanceMeters: null }));
  }, [matches, origin, bounds, query]);
  const ranked = remote ? remoteList.items : rankedHere;
  const mapStations = useMemo(() => (remote ? ranked.map((item) => item.station) : matches), [remote, ranked, matches]);

  const pickOnMap = useCallback((point: LatLng) => setOrigin({ ...point, source: "map", name: "" }), [setOrigin]);
  const selectStation = useCallback(
    (id: string) => {
      setSelectedId(id);
      // Make sure the tapped station's card exists, so the list can bring it into view.
      const index = ranked.findIndex((item) => item.station.id === id);
      if (index >= 0) setShownCount((count) => Math.max(count, index + 1));
    },
    [ranked],
  );
  const shown = remote ? ranked : ranked.slice(0, shownCount);
  const nearestKey = origin ? `${origin.lat},${origin.lng}` : null;
  // From the server the nearest stations come a moment after the place: frame them once they are here.
  const framedKey = remote ? remoteList.rankedFrom : nearestKey;

  // A new place: show it with its nearest few stations.
  useEffect(() => {
    if (!origin || framedKey !== nearestKey) return;
    const nearest = ranked.slice(0, 3).map(({ station }) => ({ lat: station.lat, lng: station.lng }));
    requestView([origin, ...nearest]);
    // Only when the place changes, not on every filter change: `ranked` is read, not watched.
  }, [nearestKey, framedKey]);

  const districtSuggestions = useMemo(() => {
    const text = query.trim();
    if (text.length < 2) return [];
    return places
      .flatMap((city) => city.districts.map((d) => ({ ...d, label: `${city.name} ${d.name}` })))
      .filter((d) => d.name.includes(text) || d.label.includes(text))
      .slice(0, 3);
  }, [places, query]);

  const heading = origin ? t("results.nearestHeading") : query.trim() ? t("results.searchHeading") : t("results.inViewHeading");
  const originLabel = origin
    ? origin.source === "gps"
      ? origin.accuracy
        ? t("location.fromGps", { accuracy: origin.accuracy })
        : t("location.fromGpsExact")
      : origin.source === "map"
        ? t("location.fromMap")
        : t("location.fromDistrict", { name: origin.name })
    : null;

  return (
    <div className="finder">
      <h1 className="visually-hidden">{t("pageTitle")}</h1>
      <section className="finder-controls" aria-label={t("findNearest")}>
        <button
          type="button"
          className="button primary find-nearest"
          disabled={locating}
          onClick={() => {
            setLocating(true);
            setLocationError(null);
            requestPosition(
              (next) => {
                setLocating(false);
                setOrigin(next);
              },
              (error) => {
                setLocating(false);
                setLocationError(error);
              },
            );
          }}
        >
          <AmenityIcon icon="locate" size={26} />
          {locating ? t("locating") : t("findNearest")}
        </button>
        {originLabel && (
          <p className="origin" data-testid="origin">
            <span>{remembered ? t("location.remembered", { label: originLabel }) : originLabel}</span>
            <button type="button" className="link-button" onClick={() => setOrigin(null)}>
              {t("location.clear")}
            </button>
          </p>
        )}
        <LocationPanel
          places={places}
          error={locationError}
          open={panelOpen}
          picking={picking}
          onOpenChange={setPanelOpen}
          onOrigin={setOrigin}
          onPickOnMap={setPicking}
        />
        <div className="search">
          <label htmlFor="station-search">{t("search.label")}</label>
          <div className="search-row">
            <AmenityIcon icon="search" />
            <input
              id="station-search"
              type="search"
              enterKeyHint="search"
              autoComplete="off"
              placeholder={t("search.placeholder")}
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                setShownCount(PAGE);
              }}
            />
          </div>
          {districtSuggestions.length > 0 && (
            <div className="suggestions">
              {districtSuggestions.map((d) => (
                <button key={d.adcode} type="button" className="chip" onClick={() => setOrigin({ ...d.center, source: "district", name: d.label })}>
                  <AmenityIcon icon="locate" />
                  {d.label}
                </button>
              ))}
            </div>
          )}
        </div>
        <FilterChips
          amenities={amenities}
          selected={selectedAmenities}
          openNow={openNow}
          onToggleAmenity={(code) =>
            setSelectedAmenities((current) => (current.includes(code) ? current.filter((c) => c !== code) : [...current, code]))
          }
          onToggleOpenNow={() => setOpenNow((v) => !v)}
          onClear={() => {
            setSelectedAmenities([]);
            setOpenNow(false);
          }}
        />
        {remote ? (
          <p className="match-count" role="status" data-testid="map-status">
            {clusterState.failed
              ? t("results.clustersFailed")
              : clusterState.count === null
                ? t("results.clustersLoading")
                : t("results.inViewApprox", { count: clusterState.count })}
            {(selectedAmenities.length > 0 || openNow) && !clusterState.failed && <> {t("results.mapShowsAll")}</>}
          </p>
        ) : (
          <p className="match-count" role="status" data-testid="match-count" data-count={matches.length}>
            {t("results.count", { count: matches.length })}
          </p>
        )}
      </section>

      <a href="#station-results" className="skip-link">
        {t("skipMap")}
      </a>
      <section className="finder-map" aria-label={t("mapLabel")} data-testid="station-map">
        <StationMap
          stations={mapStations}
          clusters={remote}
          onClusterLoadState={setClusterState}
          tiles={tiles}
          origin={origin}
          selectedId={selectedId}
          picking={picking}
          viewRequest={viewRequest}
          at={at}
          onSelect={selectStation}
          onPick={pickOnMap}
          onBoundsChange={setBounds}
        />
      </section>

      <section className="finder-list" id="station-results" tabIndex={-1} aria-labelledby="station-list-heading">
        <h2 id="station-list-heading">{heading}</h2>
        {!remote && !origin && !query.trim() && bounds && <p className="muted">{t("results.inView", { count: ranked.length })}</p>}
        {remote && remoteList.failed ? (
          <p role="alert">
            {t("results.listFailed")}{" "}
            <button type="button" className="link-button" onClick={remoteList.retry}>
              {t("results.retry")}
            </button>
          </p>
        ) : shown.length === 0 ? (
          <p>{remote && (remoteList.loading || !bounds) ? t("results.listLoading") : t("results.none")}</p>
        ) : (
          <StationList
            items={shown}
            at={at}
            amenities={amenityByCode}
            selectedId={selectedId}
            onShowOnMap={(id) => {
              const station = ranked.find((item) => item.station.id === id)?.station;
              setSelectedId(id);
              if (station) requestView([station]);
            }}
          />
        )}
        {(remote ? remoteList.hasMore : ranked.length > shown.length) && (
          <button type="button" className="button secondary show-more" onClick={() => (remote ? remoteList.loadMore() : setShownCount((n) => n + PAGE))}>
            {t("results.showMore")}
          </button>
        )}
      </section>
    </div>
  );
}
