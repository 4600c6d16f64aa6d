// In-memory fakes of the data sources the app can be pointed at, for the browser tests, plus a helper that
// serves a private copy of the built site with a different mount element.
//
//   import { startFakeApi, startFakeWordPress, prepareSite } from './fake-api.mjs';
//   const api = await startFakeApi({ assetBase: site.url });   // api.url = 'http://127.0.0.1:PORT/api'
//   api.setFailure('visits', 'status500');                     // per-route failure modes
//   api.log.filter((e) => e.method === 'POST');                // every request, in arrival order
//   await api.close();
//
// Each fake is its own HTTP server on a free port, i.e. a different origin from the site: every response
// (errors included) carries CORS headers and OPTIONS preflights are answered, as a real API must.
//
// ─── startFakeApi: the portal API contract (README, "Portal API") ────────────────────────────────────────
//   GET  {api}/articles?page=N&per_page=M[&tag=T][&q=text]  → JSON Feed 1.1 page; next_url (absolute) while
//                                                             there is more               route 'list'
//   GET  {api}/articles/{key}                               → one JSON Feed item, 404 if unknown   'article'
//   POST {api}/articles/{key}/views                         → {"views": n}, 404 if unknown          'views'
//   GET  {api}/stats                                        → {"visits":…,"page_views":…}           'stats'
//   POST {api}/stats/visits                                 → counts a visit, answers the stats     'visits'
// Items come from `feedPath` (default public/feed.json), newest first by date_published; key = _portal.slug.
// `tag` matches _portal.category or any tag (case-insensitive, exact); `q` matches the title, summary,
// content_text and the tag-stripped content_html, case-insensitively. Counters: visits starts at 1790,
// page_views at 13832759 (options `visits`, `pageViews`), each item's views at its _portal.views. A POST
// visit adds 1 to visits and page_views; a POST view adds 1 to that item's views and to page_views. A
// request answered with a failure mode counts nothing. GET answers always show the current counters.
// Feed pages carry the source feed's title and `_portal.site_name/contact` but NOT `_portal.stats`: in API
// mode the visit counter must come from {api}/stats.
//
// Attachment / image URLs: the items of public/feed.json use site-relative URLs ("files/x.pdf"). With
// `assetBase` (the static site's URL) the fake rewrites relative `attachments[].url`, `image` and
// `banner_image` to absolute URLs on that site, which is what a real portal API would do. Without it they
// are left relative as-is, and the app resolves them against its API base URL (they then point at the fake
// API, which answers 404).
//
// ─── startFakeWordPress: the WordPress REST API subset the adapter uses ──────────────────────────────────
//   GET {wp}/wp/v2/posts?page=N&per_page=M[&_embed][&slug=s][&search=q][&categories=id][&tags=id]
//       → array of posts (title/content/excerpt.rendered, date, date_gmt, slug, link, author, featured_media,
//         categories, tags, _links, and with _embed: _embedded.author, ["wp:featuredmedia"], ["wp:term"]),
//         headers X-WP-Total / X-WP-TotalPages / Link; a page past the end is WordPress's 400
//         rest_post_invalid_page_number                                                        route 'posts'
//   GET {wp}/wp/v2/posts/{id}, GET {wp}/wp/v2/categories, GET {wp}/wp/v2/tags          'post', 'terms'
//   anything else → 404 {"code":"rest_no_route",…}                                                'other'
// `url` is the REST root ('http://127.0.0.1:PORT/wp-json'), the value for data-wordpress. Posts are made
// from the same feed items (id 1000 + index), titles texturized the WordPress way (&#8211;, &#038;).
//
// ─── Common to both ──────────────────────────────────────────────────────────────────────────────────────
//   options: delays   { route: ms }     wait before answering
//            failures { route: mode }   initial failure modes (restored by reset())
//   returns: url, origin, close(), log, counts(), setFailure(route, mode, { times }), reset(),
//            requests({ method, path, route }) → matching log entries
//   Counting POSTs honour `Idempotency-Key`: a key already counted answers the figures and counts nothing.
//   log entry: { method, route, path (below url, e.g. '/stats/visits'), query (object), search (raw '?…'), idempotencyKey,
//                url (full), time (ms since the fake started) }; OPTIONS preflights are logged too.
//   Failure modes (`setFailure(route, mode)`; mode null/undefined clears; `times` makes it apply to only
//   the next N requests of that route):
//     'status500'  500 with a JSON error body
//     'garbage'    200 text/html "<html>oops"
//     'hang'       never answers (the connection stays open until the client gives up or close())
//     'offline'    destroys the socket without an answer (the browser sees a network error)
//     'status404'  404 with a JSON error body
//     'status409'  409 with Retry-After: 1 (the key's first request is still being counted)
//   Every response has Connection: close, so a browser never transparently re-sends a request on a reused
//   keep-alive socket that the 'offline' mode killed: the log counts exactly what the app sent.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { unprerender } from './prerendered.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');

export const FAILURE_MODES = ['status500', 'garbage', 'hang', 'offline', 'status404', 'status409'];
export const INITIAL_VISITS = 1790;
export const INITIAL_PAGE_VIEWS = 13832759;

/** The items of a JSON Feed file, newest first by date_published (undated last, in file order). */
export function loadFeed(feedPath = 'public/feed.json') {
  const file = path.resolve(repoRoot, feedPath);
  const feed = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  const time = (item) => {
    const t = Date.parse(item.date_published ?? '');
    return Number.isNaN(t) ? -Infinity : t;
  };
  const items = feed.items.map((item, index) => ({ item, index }));
  items.sort((a, b) => time(b.item) - time(a.item) || a.index - b.index);
  return { feed, items: items.map(({ item }) => structuredClone(item)) };
}

const fold = (s) => String(s ?? '').normalize('NFC').toLocaleLowerCase('vi').trim();
const stripTags = (html) => String(html ?? '').replace(/<[^>]*>/g, ' ');

/** Vietnamese-aware ASCII slug ("Dân vận" → "dan-van"), like the app's slugify. */
export function slugify(s) {
  return String(s ?? '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// ─── the shared server machinery ─────────────────────────────────────────────────────────────────────────

/**
 * A JSON server under `prefix` with CORS, logging, delays and failure modes. `dispatch(ctx)` returns
 * { route, handle() } where handle() returns { status, body, headers } (body: object → JSON, string → as is).
 */
async function startJsonServer({ prefix, dispatch, delays = {}, failures = {}, onReset }) {
  const log = [];
  const started = Date.now();
  const initialFailures = { ...failures };
  let active = new Map(); // route → { mode, times }
  const hung = new Set();
  const setFailure = (route, mode, { times } = {}) => {
    if (mode == null) return void active.delete(route);
    if (!FAILURE_MODES.includes(mode)) throw new Error(`fake API: unknown failure mode ${JSON.stringify(mode)}`);
    active.set(route, { mode, times: times ?? Infinity });
  };
  const applyInitial = () => {
    active = new Map();
    for (const [route, mode] of Object.entries(initialFailures)) setFailure(route, mode);
  };
  applyInitial();

  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Accept, Content-Type, Idempotency-Key',
    'Access-Control-Expose-Headers': 'X-WP-Total, X-WP-TotalPages, Link',
    'Access-Control-Max-Age': '0',
    'Cache-Control': 'no-store',
    Connection: 'close',
  };
  const send = (res, status, body, headers = {}) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const type = typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8';
    res.writeHead(status, { ...cors, 'Content-Type': type, 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(res.req.method === 'HEAD' ? undefined : text);
  };

  const server = createServer(async (req, res) => {
    const parsed = new URL(req.url ?? '/', 'http://fake.invalid');
    const below = parsed.pathname.startsWith(prefix) ? parsed.pathname.slice(prefix.length) || '/' : null;
    const ctx = {
      method: req.method,
      path: below,
      rawPath: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      params: parsed.searchParams,
      search: parsed.search,
      idempotencyKey: req.headers['idempotency-key'],
    };
    const { route, handle } =
      below === null ? { route: 'other', handle: () => ({ status: 404, body: { error: 'not found' } }) } : dispatch(ctx);
    const entry = {
      method: req.method,
      route,
      path: below ?? parsed.pathname,
      query: ctx.query,
      search: parsed.search,
      idempotencyKey: ctx.idempotencyKey,
      url: `${api.origin}${req.url}`,
      time: Date.now() - started,
    };
    log.push(entry);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'Content-Length': 0 });
      return void res.end();
    }
    const delay = delays[route];
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    const failure = active.get(route);
    if (failure) {
      if (--failure.times <= 0) active.delete(route);
      entry.failure = failure.mode;
      switch (failure.mode) {
        case 'status500':
          return send(res, 500, { error: 'internal error (fake API failure mode)' });
        case 'status404':
          return send(res, 404, { error: 'not found (fake API failure mode)' });
        case 'status409':
          return send(res, 409, { error: 'still being counted (fake API failure mode)' }, { 'Retry-After': '1' });
        case 'garbage':
          return send(res, 200, '<html>oops');
        case 'offline':
          return void req.socket.destroy();
        case 'hang':
          hung.add(res);
          res.on('close', () => {
            hung.delete(res);
            // The client gave up on the request (AbortController, page gone) before any answer.
            if (!res.writableEnded) entry.aborted = true;
          });
          return;
      }
    }
    try {
      const { status, body, headers } = handle();
      entry.status = status;
      send(res, status, body, headers);
    } catch (error) {
      entry.status = 500;
      send(res, 500, { error: String(error?.stack ?? error) });
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  let closing;
  const api = {
    origin,
    url: origin + prefix,
    server,
    log,
    setFailure,
    requests({ method, path: p, route } = {}) {
      return log.filter(
        (e) =>
          (method === undefined || e.method === method) &&
          (route === undefined || e.route === route) &&
          (p === undefined || (p instanceof RegExp ? p.test(e.path) : e.path === p)),
      );
    },
    /** Releases hung requests (their sockets are destroyed: the browser sees a network error). */
    releaseHung() {
      for (const res of hung) res.socket?.destroy();
      hung.clear();
    },
    reset() {
      log.length = 0;
      api.releaseHung();
      applyInitial();
      onReset?.();
    },
    close() {
      closing ??= new Promise((resolve) => {
        api.releaseHung();
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
      return closing;
    },
  };
  return api;
}

// ─── the portal API ──────────────────────────────────────────────────────────────────────────────────────

export async function startFakeApi({
  feedPath = 'public/feed.json',
  perPage = 10,
  delays = {},
  failures = {},
  assetBase,
  visits = INITIAL_VISITS,
  pageViews = INITIAL_PAGE_VIEWS,
  prefix = '/api',
} = {}) {
  const { feed, items: sourceItems } = loadFeed(feedPath);
  const absolutize = (u) => {
    if (!assetBase || typeof u !== 'string' || /^[a-z][a-z0-9+.-]*:/i.test(u)) return u;
    return new URL(u, assetBase).href;
  };
  const items = sourceItems.map((item) => {
    const copy = structuredClone(item);
    if (copy.image) copy.image = absolutize(copy.image);
    if (copy.banner_image) copy.banner_image = absolutize(copy.banner_image);
    for (const a of copy.attachments ?? []) a.url = absolutize(a.url);
    return copy;
  });
  const bySlug = new Map(items.map((item) => [item._portal?.slug, item]));
  const initialViews = () => new Map(items.map((item) => [item._portal?.slug, Number(item._portal?.views ?? 0)]));
  const state = { visits, pageViews, views: initialViews(), keys: new Set() };

  const stats = () => ({ visits: state.visits, page_views: state.pageViews });
  const withViews = (item) => ({ ...item, _portal: { ...item._portal, views: state.views.get(item._portal?.slug) } });
  const { stats: _dropped, ...sitePortal } = feed._portal ?? {};

  const matches = (item, tag, q) => {
    if (tag) {
      const wanted = fold(tag);
      const names = [item._portal?.category, ...(item.tags ?? [])].map(fold);
      if (!names.includes(wanted)) return false;
    }
    if (q) {
      const needle = fold(q);
      const hay = [item.title, item.summary, item.content_text, stripTags(item.content_html)].map(fold).join('\n');
      if (!hay.includes(needle)) return false;
    }
    return true;
  };

  let api;
  const dispatch = (ctx) => {
    const segments = ctx.path.split('/').filter(Boolean);
    const decode = (s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    };
    const method = ctx.method === 'HEAD' ? 'GET' : ctx.method;
    const wrongMethod = (allow) => () => ({ status: 405, body: { error: `use ${allow}` }, headers: { Allow: allow } });
    // The README's contract: a counting POST with an Idempotency-Key already counted counts nothing.
    const firstUse = (what) => {
      if (!ctx.idempotencyKey) return true;
      const key = `${what} ${ctx.idempotencyKey}`;
      if (state.keys.has(key)) return false;
      state.keys.add(key);
      return true;
    };
    const any = (route, allow, handler) => ({
      route,
      handle: method === allow || method === 'OPTIONS' ? handler : wrongMethod(allow),
    });

    if (segments.length === 1 && segments[0] === 'articles') {
      return any('list', 'GET', () => {
        const page = ctx.params.has('page') ? Number(ctx.params.get('page')) : 1;
        const size = ctx.params.has('per_page') ? Number(ctx.params.get('per_page')) : perPage;
        if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1 || size > 100) {
          return { status: 400, body: { error: 'page must be ≥ 1 and per_page 1..100' } };
        }
        const tag = ctx.params.get('tag') ?? '';
        const q = ctx.params.get('q') ?? '';
        const all = items.filter((item) => matches(item, tag, q));
        const slice = all.slice((page - 1) * size, page * size);
        const pageUrl = (n) => {
          const p = new URLSearchParams({ page: String(n), per_page: String(size) });
          if (tag) p.set('tag', tag);
          if (q) p.set('q', q);
          return `${api.url}/articles?${p}`;
        };
        const doc = {
          version: 'https://jsonfeed.org/version/1.1',
          title: feed.title,
          home_page_url: feed.home_page_url,
          feed_url: pageUrl(page),
          description: feed.description,
          language: feed.language,
          _portal: sitePortal,
          items: slice.map(withViews),
        };
        if (page * size < all.length) doc.next_url = pageUrl(page + 1);
        return { status: 200, body: doc, headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } };
      });
    }
    if (segments.length === 2 && segments[0] === 'articles') {
      const key = decode(segments[1]);
      return any('article', 'GET', () => {
        const item = bySlug.get(key);
        return item ? { status: 200, body: withViews(item) } : { status: 404, body: { error: `no article ${key}` } };
      });
    }
    if (segments.length === 3 && segments[0] === 'articles' && segments[2] === 'views') {
      const key = decode(segments[1]);
      return any('views', 'POST', () => {
        if (!bySlug.has(key)) return { status: 404, body: { error: `no article ${key}` } };
        if (!firstUse(`view ${key}`)) return { status: 200, body: { views: state.views.get(key) } };
        state.views.set(key, state.views.get(key) + 1);
        state.pageViews += 1;
        return { status: 200, body: { views: state.views.get(key) } };
      });
    }
    if (segments.length === 1 && segments[0] === 'stats') {
      return any('stats', 'GET', () => ({ status: 200, body: stats() }));
    }
    if (segments.length === 2 && segments[0] === 'stats' && segments[1] === 'visits') {
      return any('visits', 'POST', () => {
        if (!firstUse('visit')) return { status: 200, body: stats() };
        state.visits += 1;
        state.pageViews += 1;
        return { status: 200, body: stats() };
      });
    }
    return { route: 'other', handle: () => ({ status: 404, body: { error: `no route ${ctx.path}` } }) };
  };

  api = await startJsonServer({
    prefix,
    dispatch,
    delays,
    failures,
    onReset: () => {
      state.visits = visits;
      state.pageViews = pageViews;
      state.views = initialViews();
      state.keys.clear();
    },
  });
  return Object.assign(api, {
    /** The items as served (newest first, URLs rewritten), without live view counts. */
    items,
    counts() {
      return { visits: state.visits, page_views: state.pageViews, views: Object.fromEntries(state.views) };
    },
  });
}

// ─── WordPress ───────────────────────────────────────────────────────────────────────────────────────────

/** WordPress's wptexturize + esc_html, roughly: what title.rendered looks like. */
function texturize(text) {
  return String(text ?? '')
    .replace(/&/g, '&#038;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/–/g, '&#8211;')
    .replace(/—/g, '&#8212;')
    .replace(/"([^"]*)"/g, '&#8220;$1&#8221;')
    .replace(/'/g, '&#8217;')
    .replace(/\.\.\./g, '&#8230;');
}

/** '2022-04-13T08:00:00+07:00' → { local: '2022-04-13T08:00:00', gmt: '2022-04-13T01:00:00' } (site in +07). */
function wpDates(iso) {
  const t = Date.parse(iso ?? '');
  if (Number.isNaN(t)) return { local: '0000-00-00T00:00:00', gmt: '0000-00-00T00:00:00' };
  const fmt = (ms) => new Date(ms).toISOString().slice(0, 19);
  return { local: fmt(t + 7 * 3600 * 1000), gmt: fmt(t) };
}

export async function startFakeWordPress({
  feedPath = 'public/feed.json',
  perPage = 10,
  delays = {},
  failures = {},
  assetBase = 'https://minhlong.quangngai.gov.vn/',
  siteUrl = 'https://minhlong.quangngai.gov.vn',
} = {}) {
  const { items } = loadFeed(feedPath);
  let api;
  const terms = { category: new Map(), post_tag: new Map() };
  const term = (taxonomy, name) => {
    const map = terms[taxonomy];
    if (!map.has(name)) {
      const id = (taxonomy === 'category' ? 10 : 100) + map.size;
      const slug = slugify(name);
      const base = taxonomy === 'category' ? 'chuyen-muc' : 'the';
      map.set(name, { id, link: `${siteUrl}/${base}/${slug}/`, name: texturize(name), slug, taxonomy });
    }
    return map.get(name);
  };
  const authors = new Map();
  const author = (name) => {
    if (!authors.has(name)) {
      const id = 2 + authors.size;
      const slug = slugify(name) || `tac-gia-${id}`;
      authors.set(name, { id, name, url: '', description: '', link: `${siteUrl}/author/${slug}/`, slug });
    }
    return authors.get(name);
  };

  const posts = items.map((item, index) => {
    const id = 1000 + index;
    const slug = item._portal?.slug ?? slugify(item.title);
    const published = wpDates(item.date_published);
    const modified = wpDates(item.date_modified ?? item.date_published);
    const category = term('category', item._portal?.category ?? 'Tin tức');
    const tags = (item.tags ?? []).filter((t) => t !== item._portal?.category).map((t) => term('post_tag', t));
    const who = author(item.authors?.[0]?.name ?? 'Ban biên tập');
    const image = item.image ? new URL(item.image, assetBase).href : null;
    const media = image
      ? {
          id: 5000 + index,
          date: published.local,
          slug: `${slug}-anh`,
          type: 'attachment',
          link: `${siteUrl}/${slug}/anh/`,
          title: { rendered: texturize(item.title) },
          author: who.id,
          caption: { rendered: '' },
          alt_text: item.title,
          media_type: 'image',
          mime_type: /\.png$/i.test(image) ? 'image/png' : 'image/jpeg',
          media_details: { width: 1024, height: 683, file: image.split('/').pop(), sizes: {} },
          source_url: image,
        }
      : null;
    const link = `${siteUrl}/${published.local.slice(0, 4)}/${published.local.slice(5, 7)}/${published.local.slice(8, 10)}/${slug}/`;
    const excerpt = item.summary ? `<p>${texturize(item.summary)} [&hellip;]</p>\n` : '';
    const post = {
      id,
      date: published.local,
      date_gmt: published.gmt,
      guid: { rendered: `${siteUrl}/?p=${id}` },
      modified: modified.local,
      modified_gmt: modified.gmt,
      slug,
      status: 'publish',
      type: 'post',
      link,
      title: { rendered: texturize(item.title) },
      content: { rendered: `\n${item.content_html ?? `<p>${texturize(item.content_text ?? '')}</p>`}\n`, protected: false },
      excerpt: { rendered: excerpt, protected: false },
      author: who.id,
      featured_media: media ? media.id : 0,
      comment_status: 'closed',
      ping_status: 'closed',
      sticky: false,
      template: '',
      format: 'standard',
      meta: [],
      categories: [category.id],
      tags: tags.map((t) => t.id),
      _links: {
        self: [{ href: `${siteUrl}/wp-json/wp/v2/posts/${id}` }],
        author: [{ embeddable: true, href: `/wp/v2/users/${who.id}` }],
        ...(media ? { 'wp:featuredmedia': [{ embeddable: true, href: `/wp/v2/media/${media.id}` }] } : {}),
      },
    };
    const embedded = {
      author: [who],
      ...(media ? { 'wp:featuredmedia': [media] } : {}),
      'wp:term': [[category], tags],
    };
    return { post, embedded, source: item };
  });

  const render = (entry, embed) => (embed ? { ...entry.post, _embedded: entry.embedded } : entry.post);
  const wpError = (status, code, message) => ({ status, body: { code, message, data: { status } } });

  const dispatch = (ctx) => {
    const segments = ctx.path.split('/').filter(Boolean);
    const embed = ctx.params.has('_embed');
    const getOnly = (route, handler) => ({
      route,
      handle:
        ctx.method === 'GET' || ctx.method === 'HEAD' || ctx.method === 'OPTIONS'
          ? handler
          : () => wpError(404, 'rest_no_route', 'Không tìm thấy đường dẫn phù hợp với URL và phương thức yêu cầu.'),
    });
    if (segments.join('/') === 'wp/v2/posts') {
      return getOnly('posts', () => {
        const page = ctx.params.has('page') ? Number(ctx.params.get('page')) : 1;
        const size = ctx.params.has('per_page') ? Number(ctx.params.get('per_page')) : perPage;
        if (!Number.isInteger(size) || size < 1 || size > 100) {
          return wpError(400, 'rest_invalid_param', 'Tham số không hợp lệ: per_page');
        }
        let list = posts;
        const slugParam = ctx.params.get('slug');
        if (slugParam) {
          const wanted = slugParam.split(',').map((s) => s.trim());
          list = list.filter((p) => wanted.includes(p.post.slug));
        }
        const search = ctx.params.get('search');
        if (search) {
          const needle = fold(search);
          list = list.filter((p) =>
            [p.source.title, p.source.summary, stripTags(p.source.content_html)].map(fold).join('\n').includes(needle),
          );
        }
        for (const [param, key] of [['categories', 'categories'], ['tags', 'tags']]) {
          const raw = ctx.params.get(param);
          if (raw) {
            const ids = raw.split(',').map(Number);
            list = list.filter((p) => p.post[key].some((id) => ids.includes(id)));
          }
        }
        const total = list.length;
        const totalPages = Math.ceil(total / size);
        if (!Number.isInteger(page) || page < 1 || (page > totalPages && total > 0)) {
          return wpError(
            400,
            'rest_post_invalid_page_number',
            'Số trang được yêu cầu lớn hơn số trang có sẵn.',
          );
        }
        const slice = list.slice((page - 1) * size, page * size).map((p) => render(p, embed));
        const links = [];
        const pageLink = (n) => {
          const p = new URLSearchParams(ctx.params);
          p.set('page', String(n));
          return `<${api.url}/wp/v2/posts?${p}>`;
        };
        if (page > 1) links.push(`${pageLink(page - 1)}; rel="prev"`);
        if (page < totalPages) links.push(`${pageLink(page + 1)}; rel="next"`);
        return {
          status: 200,
          body: slice,
          headers: {
            'X-WP-Total': String(total),
            'X-WP-TotalPages': String(totalPages),
            ...(links.length ? { Link: links.join(', ') } : {}),
          },
        };
      });
    }
    if (segments.length === 4 && segments.slice(0, 3).join('/') === 'wp/v2/posts') {
      return getOnly('post', () => {
        const found = posts.find((p) => String(p.post.id) === segments[3]);
        return found
          ? { status: 200, body: render(found, embed) }
          : wpError(404, 'rest_post_invalid_id', 'ID bài viết không hợp lệ.');
      });
    }
    if (segments.join('/') === 'wp/v2/categories' || segments.join('/') === 'wp/v2/tags') {
      const taxonomy = segments[2] === 'categories' ? 'category' : 'post_tag';
      return getOnly('terms', () => {
        let list = [...terms[taxonomy].values()];
        const slugParam = ctx.params.get('slug');
        if (slugParam) list = list.filter((t) => slugParam.split(',').includes(t.slug));
        return { status: 200, body: list, headers: { 'X-WP-Total': String(list.length), 'X-WP-TotalPages': '1' } };
      });
    }
    return {
      route: 'other',
      handle: () => wpError(404, 'rest_no_route', 'Không tìm thấy đường dẫn phù hợp với URL và phương thức yêu cầu.'),
    };
  };

  api = await startJsonServer({ prefix: '/wp-json', dispatch, delays, failures });
  return Object.assign(api, {
    /** [{ post, embedded, source }] newest first; `source` is the feed item the post was made from. */
    posts,
    counts() {
      return {};
    },
  });
}

// ─── a private copy of the site ──────────────────────────────────────────────────────────────────────────

const MOUNT = /<div data-news-portal="app"[^>]*>/;

/**
 * Copies the built site (`distDir`) into a new temp directory and rewrites its app mount element, so a spec
 * can point the app at another source without touching dist/ (rebuilt by others under our feet).
 * - `mount`: data-source attributes for the app element, e.g. `data-api="http://127.0.0.1:1234/api"`; its
 *   data-feed / data-api / data-wordpress are removed first, other attributes (data-base…) are kept.
 * - `beforeBodyEnd`: markup inserted before </body> (a second mount point, say).
 * - `files`: { 'relative/path': string | Buffer } written into the copy.
 * - `into`: an existing (empty) directory to copy into instead of a new temp directory, so a static server
 *   can be started on it first and its URL handed to a fake API before the mount element is written.
 * Returns { root, indexPath, write(relative, contents), remove() }.
 */
export function prepareSite({ distDir, mount, beforeBodyEnd = '', files = {}, prefix = 'e2e-sources-', into }) {
  const root = into ?? fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(distDir, root, { recursive: true });
  // The prerendered pages show the bundled feed: a site pointed at another source is the app alone.
  unprerender(root);
  const indexPath = path.join(root, 'index.html');
  let html = fs.readFileSync(indexPath, 'utf8');
  if (mount !== undefined) {
    const found = html.match(MOUNT);
    if (!found) throw new Error('prepareSite: no <div data-news-portal="app" …> in index.html');
    // Keep the element's other attributes (data-base, data-utc-offset…); drop only the data source.
    const kept = found[0]
      .replace(/\s+data-(?:feed|api|wordpress)="[^"]*"/g, '')
      .replace(/^<div data-news-portal="app"/, '')
      .replace(/>$/, '');
    html = html.replace(MOUNT, `<div data-news-portal="app"${kept} ${mount}>`);
  }
  if (beforeBodyEnd) html = html.replace('</body>', `${beforeBodyEnd}\n</body>`);
  fs.writeFileSync(indexPath, html);
  const write = (relative, contents) => {
    const target = path.join(root, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, contents);
  };
  for (const [relative, contents] of Object.entries(files)) write(relative, contents);
  return { root, indexPath, write, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** HTML attribute escaping for values put into `mount`. */
export function attr(value) {
  return String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
