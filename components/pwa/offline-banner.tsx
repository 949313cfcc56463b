"use client";

import { useFormatter, useNow, useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import "./pwa.css";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

const browserIsOnline = () => navigator.onLine;
// The server cannot know; the banner appears right after hydration when the phone is offline.
const assumeOnline = () => true;

/** When the shown station data was generated, as the page states it; null on pages that do not say. */
function dataGeneratedAt(): Date | null {
  const value = document.getElementById("station-data")?.dataset.generatedAt;
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/**
 * A page rendered this long ago was not fetched just now: on a weak connection the service worker gives
 * up on the network after 4 s and serves its saved copy while the phone still counts as online.
 */
const STALE_AFTER_MS = 15 * 60_000;

/**
 * Tells the reader, while the phone is offline or the page is a saved copy, how old what they see is,
 * so nobody walks to a station on the strength of an opening state from last week without knowing.
 */
export function OfflineBanner() {
  const online = useSyncExternalStore(subscribe, browserIsOnline, assumeOnline);
  const now = useNow({ updateInterval: 60_000 });
  const pathname = usePathname();
  const [generatedAt, setGeneratedAt] = useState<Date | null>(null);
  // Read after the page is in the DOM, and again after each client-side navigation (another page, another age).
  useEffect(() => setGeneratedAt(dataGeneratedAt()), [pathname]);
  const stale = generatedAt !== null && now.getTime() - generatedAt.getTime() > STALE_AFTER_MS;
  // The live region is always in the page: screen readers announce a change to an existing region, not a new one.
  return (
    <div role="status" className="offline-status">
      {!online ? <OfflineMessage generatedAt={generatedAt} now={now} /> : stale ? <StaleMessage generatedAt={generatedAt} now={now} /> : null}
    </div>
  );
}

function StaleMessage({ generatedAt, now }: { generatedAt: Date; now: Date }) {
  const t = useTranslations("pwa.offline");
  const format = useFormatter();
  return (
    <p className="offline-banner">
      <span>{t("staleAgo", { age: format.relativeTime(generatedAt, now) })}</span>
    </p>
  );
}

function OfflineMessage({ generatedAt, now }: { generatedAt: Date | null; now: Date }) {
  const t = useTranslations("pwa.offline");
  const format = useFormatter();

  let message = t("saved");
  if (generatedAt) {
    // Under a minute reads better as "just now" than as seconds, and a phone clock running behind the
    // server's would otherwise say "in 3 minutes".
    message = now.getTime() - generatedAt.getTime() < 60_000 ? t("savedJustNow") : t("savedAgo", { age: format.relativeTime(generatedAt, now) });
  }

  return (
    <p className="offline-banner">
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path
          d="M2 8.5a15 15 0 0 1 20 0M5.5 12a10 10 0 0 1 13 0M9 15.5a5 5 0 0 1 6 0M3 3l18 18"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
        />
        <circle cx="12" cy="19" r="1.5" fill="currentColor" />
      </svg>
      <span>{message}</span>
    </p>
  );
}
