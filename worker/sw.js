// The portal's service worker (README, "Offline reading"). scripts/post-build.mjs bundles it with the
// Workbox modules it imports (rollup) and writes the build's own list of shell files into
// `self.__WB_MANIFEST` (workbox-build injectManifest); the result is dist/sw.js.
//
// What it keeps, each in its own cache:
// - the shell (hashed wasm/JS/CSS, embed.js, index.html, shell.html, manifest), precached at install; hashed files are
//   served from there, embed.js and HTML go to the network first so a new deploy shows at once;
// - pages and data (feed, API, WordPress answers) the reader opened: network first with a short
//   timeout, then the saved copy, stamped with the time it was fetched (X-NP-Saved-At) so the app can
//   say it is showing saved data and from when;
// - images and attachments: bounded in entries and per-file size, least recently used evicted first.
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
/** The Accept header of every data request the app sends (src/api/http.rs). */
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
registerRoute(
  ({ request, url }) => request.mode === 'navigate' && !ATTACHMENT.test(url.pathname),
  new NetworkFirst({
    cacheName: CACHES.pages,
    networkTimeoutSeconds: 3,
    plugins: [
      stampSavedAt,
      new ExpirationPlugin({ maxEntries: 60, purgeOnQuotaError: true }),
      ...(appShell ? [fromPrecache('shell.html')] : []),
    ],
  }),
);

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
  new NetworkFirst({
    cacheName: CACHES.data,
    networkTimeoutSeconds: 4,
    plugins: [stampSavedAt, new ExpirationPlugin({ maxEntries: 60, purgeOnQuotaError: true })],
  }),
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


self.addEventListener('activate', (event) => {
  const current = new Set(Object.values(CACHES));
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('np-') && !current.has(n)).map((n) => caches.delete(n)))),
  );
});
