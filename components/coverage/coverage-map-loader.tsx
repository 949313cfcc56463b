"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import { MapLoading } from "@/components/map-loading";
import type { CoverageMap as CoverageMapType } from "@/components/coverage/coverage-map";

// Leaflet needs the browser's window: the map renders on the client only.
const CoverageMap = dynamic(() => import("@/components/coverage/coverage-map").then((m) => m.CoverageMap), {
  ssr: false,
  loading: () => <MapLoading />,
});

export function CoverageMapLoader(props: ComponentProps<typeof CoverageMapType>) {
  return <CoverageMap {...props} />;
}
