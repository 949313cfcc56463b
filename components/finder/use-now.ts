"use client";

import { useEffect, useState } from "react";

/**
 * The device's current time, refreshed every minute; null during server rendering and hydration, so
 * open-now badges are computed at the reader's moment and never disagree with the server's HTML.
 */
export function useNow(intervalMs = 60_000): Date | null {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
