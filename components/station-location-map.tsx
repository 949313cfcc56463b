"use client";

import dynamic from "next/dynamic";
import type { TileConfig } from "@/components/finder/finder-types";
import { MapLoading } from "@/components/map-loading";

const PointMap = dynamic(() => import("@/components/point-map").then((m) => m.PointMap), {
  ssr: false,
  loading: () => <MapLoading />,
});

export function StationLocationMap(props: { lat: number; lng: number; name: string; tiles: TileConfig }) {
  return <PointMap {...props} />;
}
