// The portal's service worker (README, "Offline reading"). scripts/post-build.mjs bundles it with the
// Workbox modules it imports (rollup) and writes the build's own list of shell files into
// the precache manifest placeholder (workbox-build injectManifest); the result is dist/sw.js.
//
// What it keeps, each in its own cache:
// - the shell (hashed wasm/JS/CSS, embed.js, index.html, shell.html, manifest), precached at install; hashed files are
//   served from there, embed.js and HTML go to the network first so a new deploy shows at once;
// - pages and data (feed, API, WordPress answers) the reader opened: network first with a short
//   timeout, then the saved copy, stamped with the time it was fetched (X-NP-Saved-At) so the app can
//   say it is showing saved data and from when;
// - images and attachments: bounded in entries and per-file size, least recently used evicted first.
// A copy is replaced only by a whole answer of its kind (a captive portal's login page or a truncated
// feed is passed to the page as it came, never stored); a 5xx while a copy exists answers with the copy.
// What a first visit fetched before this worker controlled the page is kept when the app asks
// (`np-keep` message, src/dom/offline/browser.rs), and every window is told when a data copy is updated
// (`np-updated`), so a page showing a saved copy shows the fresh one as soon as it is saved.
// Counting requests are never cached or queued: POSTs pass through, and the counter's GET is sent with
// `cache: "no-store"`, which this worker leaves to the network.
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import * as navigationPreload from 'workbox-navigation-preload';
import { addRoute, cleanupOutdatedCaches, matchPrecache, precache } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';

// Bumped when what the runtime caches hold changes shape; older ones are deleted on activation.
const VERSION = 'v1';
const CACHES = {
  shell: `np-shell-${VERSION}`,
  pages: `np-pages-${VERSION}`,
  data: `np-data-${VERSION}`,
  images: `np-images-${VERSION}`,
  files: `np-files-${VERSION}`,
};
const SAVED_AT = 'X-NP-Saved-At';
/** The Accept header of every data request the app sends (src/api/http/mod.rs). */
const APP_DATA_ACCEPT = 'application/feed+json';
/** Attachments readers open or download (the feed's `attachments`). */
const ATTACHMENT = /\.(pdf|docx?|xlsx?|pptx?|odt|ods|rtf|txt|zip|rar|7z)$/i;
const MB = 1024 * 1024;

// Registered by embed.js with `?shell=0` on a host page (data-offline="true"): its pages are the
// host's, so a page not saved must never be answered with the app's shell.
const appShell = new URL(self.location.href).searchParams.get('shell') !== '0';

self.skipWaiting();
clientsClaim();
navigationPreload.enable();

/** In every page of this site (index.html, shell.html, the prerendered pages) and every host page
 * that embeds it: an HTML answer without it (a captive portal, a proxy's error page) is not ours. */
const SHELL_MARKER = 'data-news-portal';

/** Pages: only HTML of this site replaces a saved page. */
const onlyOwnPages = {
  cacheWillUpdate: async ({ response }) => {
    if (!response || response.status !== 200) return null;
    if (!/^text\/html\b/i.test(response.headers.get('Content-Type') || '')) return null;
    const text = await response.clone().text();
    return text.includes(SHELL_MARKER) ? response : null;
  },
};

/** Data: only an answer that parses as JSON of the shape asked for (an object or a list; a JSON Feed
 * with its items) replaces a saved copy. A cleanly ended 200 with a truncated body does not parse. */
const onlyWholeData = {
  cacheWillUpdate: async ({ response }) => {
    if (!response || response.status !== 200) return null;
    if (/html/i.test(response.headers.get('Content-Type') || '')) return null;
    let value;
    try {
      value = JSON.parse(await response.clone().text());
    } catch {
      return null;
    }
    if (value === null || typeof value !== 'object') return null;
    if (typeof value.version === 'string' && value.version.startsWith('https://jsonfeed.org/') && !Array.isArray(value.items)) {
      return null;
    }
    return response;
  },
};

/** A page's saved copy is the page of its path: `?fbclid=…`, `?utm_source=…` do not make another
 * copy, and a shared link opens offline from the copy of the clean address (the files are the same:
 * a static server ignores the query; the app reads `?q=` itself). Not on a host page, whose own
 * server may answer by query. */
const pageKey = (url) => {
  const key = new URL(url);
  key.hash = '';
  if (appShell) key.search = '';
  return key.href;
};
const pageKeys = { cacheKeyWillBeUsed: async ({ request }) => pageKey(request.url) };

/** A server error (a proxy's 502, an overloaded origin) while a copy is saved: the copy, which says
 * when it was saved, rather than the error. */
const savedOnServerError = (cacheName, key) => ({
  handlerWillRespond: async ({ request, response }) => {
    if (!response || response.status < 500) return response;
    const saved = await (await caches.open(cacheName)).match(key(request.url));
    return saved || response;
  },
});

/** Every window of this site is told when a data copy fresh from the network was saved, with its
 * stamp: a page showing an older copy loads again, and takes this one as fresh. */
const announceUpdate = {
  cacheDidUpdate: async ({ request, newResponse }) => {
    const savedAt = newResponse?.headers.get(SAVED_AT);
    for (const client of await self.clients.matchAll({ type: 'window' })) {
      client.postMessage({ type: 'np-updated', url: request.url, savedAt });
    }
  },
};

/** Keeps the time a copy was fetched on the copy itself. */
const stampSavedAt = {
  cacheWillUpdate: async ({ response }) => {
    if (!response || response.status !== 200) return null;
    const headers = new Headers(response.headers);
    headers.set(SAVED_AT, new Date().toISOString());
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  },
};

/** Refuses to keep one file larger than `limit` bytes (Content-Length, else the body's size). */
const sizeLimit = (limit) => ({
  cacheWillUpdate: async ({ response }) => {
    if (!response || response.status !== 200) return null;
    const declared = Number(response.headers.get('Content-Length'));
    const size = declared > 0 ? declared : (await response.clone().blob()).size;
    return size <= limit ? response : null;
  },
});

const fromPrecache = (path) => ({ handlerDidError: () => matchPrecache(path) });

// Pages: the network first; the copy saved when the reader last opened this address; else the app's
// shell (shell.html, as the server's fallback), which shows the route from saved data or says it is not
// saved.
const pages = new NetworkFirst({
  cacheName: CACHES.pages,
  networkTimeoutSeconds: 3,
  plugins: [
    pageKeys,
    onlyOwnPages,
    stampSavedAt,
    new ExpirationPlugin({ maxEntries: 60, purgeOnQuotaError: true }),
    savedOnServerError(CACHES.pages, pageKey),
    ...(appShell ? [fromPrecache('shell.html')] : []),
  ],
});
registerRoute(({ request, url }) => request.mode === 'navigate' && !ATTACHMENT.test(url.pathname), pages);

// embed.js has a stable name: always asked of the network first, so a deploy is picked up.
const embedUrl = new URL('embed.js', self.location.href).href;
registerRoute(
  ({ url }) => url.href === embedUrl,
  new NetworkFirst({ cacheName: CACHES.shell, networkTimeoutSeconds: 3, plugins: [fromPrecache('embed.js')] }),
);

// The shell (after the two routes above, which take its HTML and embed.js): hashed files never change
// under their name, so the precached copy is served.
precache(self.__WB_MANIFEST);
addRoute();
cleanupOutdatedCaches();

const data = new NetworkFirst({
  cacheName: CACHES.data,
  networkTimeoutSeconds: 4,
  plugins: [
    onlyWholeData,
    stampSavedAt,
    new ExpirationPlugin({ maxEntries: 60, purgeOnQuotaError: true }),
    savedOnServerError(CACHES.data, (url) => url),
    announceUpdate,
  ],
});
// Data the app asked for: the feed, API lists and items, WordPress answers. Also the feed's
// `<link rel="preload">` of the app's shell (shell.html), which cannot send the app's Accept header: the
// app's own request takes the preload's answer, so the preload must get the saved copy offline (and be
// saved online) like the app's request would.
registerRoute(
  ({ request, url }) =>
    request.destination === '' &&
    request.cache !== 'no-store' &&
    ((request.headers.get('Accept') || '').startsWith(APP_DATA_ACCEPT) ||
      (appShell && url.origin === self.location.origin && url.pathname.endsWith('.json'))),
  data,
);

// Images: at most 80 of at most 2 MB each (160 MB at the very most; a cross-origin image without
// CORS is opaque, its size unknown and padded by the browser, so it is not kept).
registerRoute(
  ({ request }) => request.destination === 'image',
  new CacheFirst({
    cacheName: CACHES.images,
    plugins: [
      sizeLimit(2 * MB),
      new ExpirationPlugin({ maxEntries: 80, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true }),
    ],
  }),
);

// Attachments: the latest copy when online, else the saved one; 20 of at most 10 MB each.
registerRoute(
  ({ url }) => ATTACHMENT.test(url.pathname),
  new NetworkFirst({
    cacheName: CACHES.files,
    networkTimeoutSeconds: 4,
    plugins: [sizeLimit(10 * MB), new ExpirationPlugin({ maxEntries: 20, purgeOnQuotaError: true })],
  }),
);

// A first visit: the page and the data it used were fetched before this worker controlled the page,
// so none of it passed through it. The app sends their URLs once it is controlled (and each article
// it shows later); they go through the same strategies as a reader's request would, checks included,
// so they read again offline after a reload or a browser restart. (Workbox's CACHE_URLS message routes
// a `cors` request, which the navigation route, matched on `mode: "navigate"`, would not take.)
self.addEventListener('message', (event) => {
  const message = event.data;
  if (!message || message.type !== 'np-keep') return;
  const urls = (list) => (Array.isArray(list) ? list.filter((u) => typeof u === 'string') : []);
  const own = (u) => new URL(u, self.location.href).origin === self.location.origin;
  const jobs = [
    ...urls(message.pages)
      .filter(own)
      .map((u) => pages.handle({ event, request: new Request(u, { headers: { Accept: 'text/html' } }) })),
    ...urls(message.data).map((u) =>
      data.handle({ event, request: new Request(u, { headers: { Accept: APP_DATA_ACCEPT } }) }),
    ),
  ];
  event.waitUntil(
    Promise.allSettled(jobs).then((done) =>
      event.source?.postMessage({ type: 'np-kept', count: done.filter((d) => d.status === 'fulfilled').length }),
    ),
  );
});

self.addEventListener('activate', (event) => {
  const current = new Set(Object.values(CACHES));
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('np-') && !current.has(n)).map((n) => caches.delete(n)))),
  );
});
