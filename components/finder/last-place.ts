import type { Origin } from "@/components/finder/finder-types";

const KEY = "yizhan.lastPlace";

/** The last place used, kept on the phone only: the server never learns where anyone is. */
export function loadLastPlace(): Origin | null {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Origin;
    return Number.isFinite(value.lat) && Number.isFinite(value.lng) ? value : null;
  } catch {
    return null;
  }
}

export function saveLastPlace(origin: Origin | null): void {
  try {
    if (origin) window.localStorage.setItem(KEY, JSON.stringify(origin));
    else window.localStorage.removeItem(KEY);
  } catch {
    // Private mode or full storage: remembering is a convenience, not a requirement.
  }
}
