/*
 * 工行驿站 service worker: keeps the station finder and the station pages someone has opened usable on a
 * phone that loses its connection (a basement, a lift, a rural road) or sits on a very slow one.
 *
 * Hand-written and small on purpose: what it does is this file, with no build step. It handles only
 * same-origin GET requests; everything else (form posts, other origins such as map tiles) goes to the
 * network exactly as without it. Map tiles are not kept: there are millions, the tile server's terms limit
 * bulk caching, and the map draws the bundled boundaries without them.
 *
 * Bump VERSION whenever the caching rules, or the un-hashed files in /geo or /icons, change: activation
 * then deletes every cache of the older versions.
 */
const VERSION = "v1";
const PREFIX = "yizhan-";
/** Whole HTML pages from navigations, keyed by URL; "/" (the finder, with every station in it) is always there. */
const PAGES = `${PREFIX}pages-${VERSION}`;
/** Files that never change under their URL: Next's hashed build output, the boundaries, the icons. */
const ASSETS = `${PREFIX}assets-${VERSION}`;
/** RSC payloads of client-side navigations and answers of the public API: kept apart from the HTML. */
const DATA = `${PREFIX}data-${VERSION}`;
const CURRENT_CACHES = [PAGES, ASSETS, DATA];

/** A phone on a weak signal gets the saved page after this long instead of a blank screen. */
const NETWORK_TIMEOUT_MS = 4000;
/** Cheap phones have little storage: keep the most recently stored entries of each cache. */
const MAX_ENTRIES = { [PAGES]: 60, [ASSETS]: 250, [DATA]: 120 };

const HOME = "/";
const PRECACHED_ASSETS = ["/geo/liaoning-province.wgs84.json", "/geo/liaoning-cities.wgs84.json"];

const isAsset = (url) => url.origin === self.location.origin && /^\/(?:_next\/static|geo|icons)\//.test(url.pathname);
// Next's client router fetches the same URLs as the pages, asking for the RSC payload instead of HTML.
const isRscRequest = (request, url) => request.headers.get("RSC") === "1" || url.searchParams.has("_rsc");

// The server marks its dynamic pages and API answers no-store for HTTP caches; keeping a copy for when the
// phone is offline is this worker's whole purpose, so that header is not a reason to skip. Errors, redirects
// (a navigation must not be answered with a followed redirect) and opaque answers are never kept.
const isStorable = (response) => response.ok && response.type === "basic" && !response.redirected;

self.addEventListener("install", (event) => {
  // Only what the first offline visit needs: the finder page and the outlines its map draws. The page's
  // scripts arrive through the "cache-assets" message below, so nothing heavy is fetched twice.
  event.waitUntil(
    Promise.all([caches.open(PAGES).then((cache) => cache.add(HOME)), caches.open(ASSETS).then((cache) => cache.addAll(PRECACHED_ASSETS))]).then(
      // The new version takes over at once rather than after every tab has been closed: its rules only
      // decide what to keep, so an open page loses nothing by switching.
      () => self.skipWaiting(),
    ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(PREFIX) && !CURRENT_CACHES.includes(name)).map((name) => caches.delete(name))))
      // The page that registered the worker is controlled now, not from its next load on: a first-time
      // visitor who loses the signal a minute later still has the worker.
      .then(() => self.clients.claim()),
  );
});

// The page sends the URLs it loaded before the worker controlled it (its scripts, styles, the map's
// chunks), so that they are kept too; they usually come from the browser's HTTP cache, not the network.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "cache-assets" || !Array.isArray(event.data.urls)) return;
  const urls = event.data.urls.filter((href) => typeof href === "string" && isAsset(new URL(href, self.location.href)));
  event.waitUntil(
    caches.open(ASSETS).then((cache) =>
      Promise.all(urls.map(async (href) => ((await cache.match(href)) ? undefined : cache.add(href).catch(() => undefined)))).then(() => trim(ASSETS)),
    ),
  );
});

self.addEventListener("fetch", (event) => {
  const respond = strategyFor(event.request);
  if (respond) event.respondWith(respond(event));
});

/** How a request is answered, or null to leave it to the browser as if there were no worker. */
function strategyFor(request) {
  if (request.method !== "GET") return null;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return null;
  // Only real navigations get HTML from PAGES; RSC fetches of the same URL are a different body.
  if (request.mode === "navigate") return navigate;
  if (isRscRequest(request, url)) return (event) => networkFirst(event, DATA, NETWORK_TIMEOUT_MS);
  // Hashed file names change with their content, so a kept copy is never stale; /geo and /icons change
  // only with a new VERSION.
  if (isAsset(url)) return (event) => cacheFirst(event, ASSETS);
  // API answers carry opening state and notices: always the live answer when there is one, however slow.
  if (url.pathname.startsWith("/api/v1/")) return (event) => networkFirst(event, DATA);
  return null;
}

/**
 * Network first, so that people see today's opening state and notices; the saved copy of this URL when
 * the network fails or is slower than the timeout; otherwise the saved finder. Every page that loads is
 * saved, so a station page opened once also opens offline.
 */
async function navigate(event) {
  try {
    return await networkFirst(event, PAGES, NETWORK_TIMEOUT_MS);
  } catch (error) {
    const home = await caches.match(HOME, { cacheName: PAGES });
    if (!home) throw error;
    // A redirect rather than the finder's HTML under this URL, so the address bar, the router and the
    // page agree; offline, the redirected request fails at once and lands on the saved finder.
    return new URL(event.request.url).pathname === HOME ? home : Response.redirect(HOME, 302);
  }
}

/**
 * The network's answer, stored for later. With a timeout, a saved copy wins once the timeout passes (the
 * late network answer still refreshes the store); with no saved copy it keeps waiting for the network.
 * Rejects when the network fails and nothing is saved.
 */
async function networkFirst(event, cacheName, timeoutMs) {
  const { request } = event;
  const network = fetch(request);
  event.waitUntil(network.then((response) => store(cacheName, request, response)).catch(() => undefined));
  try {
    const first = timeoutMs ? await Promise.race([network, delay(timeoutMs)]) : await network;
    if (first) return first;
  } catch {
    // Offline or the connection dropped: the saved copy, if any.
  }
  return (await caches.match(request, { cacheName })) ?? network;
}

async function cacheFirst(event, cacheName) {
  const { request } = event;
  const saved = await caches.match(request, { cacheName });
  if (saved) return saved;
  const response = await fetch(request);
  event.waitUntil(store(cacheName, request, response));
  return response;
}

/** Keeps a copy; the caller's response stays readable. Must run before the caller's body is read. */
function store(cacheName, request, response) {
  if (!isStorable(response)) return Promise.resolve();
  const copy = response.clone();
  return caches
    .open(cacheName)
    .then((cache) => cache.put(request, copy))
    .then(() => trim(cacheName))
    .catch(() => undefined);
}

/** Drops the oldest entries beyond the cache's limit (keys come back in the order they were stored). */
async function trim(cacheName) {
  const cache = await caches.open(cacheName);
  const keys = (await cache.keys()).filter((key) => cacheName !== PAGES || new URL(key.url).pathname !== HOME);
  const excess = keys.length - MAX_ENTRIES[cacheName];
  if (excess > 0) await Promise.all(keys.slice(0, excess).map((key) => cache.delete(key)));
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
