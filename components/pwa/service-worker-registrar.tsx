"use client";

import { useEffect } from "react";

/** Resolves once a worker controls this page: from then on every request of the page passes through it. */
function controlled(container: ServiceWorkerContainer): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!container.controller) return;
      container.removeEventListener("controllerchange", check);
      resolve();
    };
    container.addEventListener("controllerchange", check);
    check();
  });
}

/** Registers public/sw.js; renders nothing. */
export function ServiceWorkerRegistrar() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    const container = navigator.serviceWorker;
    let observer: PerformanceObserver | undefined;
    const register = () => {
      // updateViaCache "none": a fixed worker reaches phones on their next visit, not after the HTTP cache expires.
      container
        .register("/sw.js", { scope: "/", updateViaCache: "none" })
        .then(() => controlled(container))
        .then(() => {
          // What this page loaded before the worker took control is in none of its caches yet; the worker
          // keeps those of the files it would have cached anyway (it decides which). A file the page began
          // loading before the takeover (the map's chunk, say) is listed only when it finishes, after the
          // takeover, so the page keeps listing: "buffered" replays what loaded before observing began.
          observer = new PerformanceObserver((entries) =>
            container.controller?.postMessage({ type: "cache-assets", urls: entries.getEntries().map((entry) => entry.name) }),
          );
          observer.observe({ type: "resource", buffered: true });
        })
        // Without a worker the site works as before, only not offline: nothing to tell the reader.
        .catch(() => undefined);
    };
    // After the load event, so that the worker's own downloads do not compete with the page's on a weak line.
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
    return () => {
      window.removeEventListener("load", register);
      observer?.disconnect();
    };
  }, []);
  return null;
}
