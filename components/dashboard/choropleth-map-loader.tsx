"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import { MapLoading } from "@/components/map-loading";
import type { ChoroplethMap as ChoroplethMapType } from "@/components/dashboard/choropleth-map";

// Leaflet needs the browser's window: the map renders on the client only.
const ChoroplethMap = dynamic(() => import("@/components/dashboard/choropleth-map").then((m) => m.ChoroplethMap), {
  ssr: false,
  loading: () => <MapLoading />,
});

export function ChoroplethMapLoader(props: ComponentProps<typeof ChoroplethMapType>) {
  return <ChoroplethMap {...props} />;
}
