"use client";

import { createContext, useContext, useState, type ReactNode } from "react";

const StationVersion = createContext<[number, (version: number) => void] | null>(null);

/**
 * The station version the page's forms save against. Every save moves it on, whichever part it
 * changed, so the forms share it: otherwise saving the amenities would make the next hours save a
 * conflict with one's own change.
 */
export function StationVersionProvider({ initial, children }: { initial: number; children: ReactNode }) {
  const state = useState(initial);
  return <StationVersion value={state}>{children}</StationVersion>;
}

export function useStationVersion(): [number, (version: number) => void] {
  const state = useContext(StationVersion);
  if (!state) throw new Error("useStationVersion needs a StationVersionProvider");
  return state;
}
