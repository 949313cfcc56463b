"use client";

import dynamic from "next/dynamic";
import type { TileConfig } from "@/components/finder/finder-types";

const PointMap = dynamic(() => import("@/components/point-map").then((m) => m.PointMap), {
  ssr: false,
  loading: () => <p className="muted">地图加载中…</p>,
});

export function StationLocationMap(props: { lat: number; lng: number; name: string; tiles: TileConfig }) {
  return <PointMap {...props} />;
}
