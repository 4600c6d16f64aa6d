// The visit counter on a host page whose mount points are all counters, without the wasm (README,
// "Widget-only pages"). scripts/post-build.mjs writes this file into dist/ as
// widget-counter-<hash>.js behind `const KIT = …`: the counter's markup as the app's own views render
// it natively (src/components/visit_counter.rs, through src/prerender/widgets.rs) and the constants
// the app counts with. What is left here is what the wasm does at run time, step for step:
// - the configuration of src/config.rs for what a counter reads; a mount point with anything else
//   (an attribute a counter does not use, a value this file does not read exactly as the app) is
//   left to the wasm, which embed.js then loads (the widgets' wasm, or the app for an app mount point);
// - counting as src/api/live_stats.rs and src/api/counting.rs: one visit per browser session
//   (sessionStorage marker set before the request; without storage, once per page load), one
//   Idempotency-Key per visit reused by its retry, 4 s without progress and it gives up, one retry
//   after 1 s on a network error, a timeout or a 5xx, a 409 ("still being counted") read as the
//   figures of the next GET /stats, the last figures kept in localStorage and shown as saved ones
//   when the counter cannot be reached; every counter of the page shares one request per source;
// - the figures of a feed's `_portal.stats` in feed mode (src/model/feed.rs, src/model/de.rs: Count).

const MOUNTED = 'data-news-portal-mounted';
const CSS = 'data-news-portal-css';
const T = KIT.counter;

/** As is_language_tag in src/config.rs. */
const isLanguageTag = (s) => s.length <= 35 && /^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(s);

/** As parse_offset in src/model/date.rs: "+07:00", "-0330", "7", "Z", "UTC" → minutes. */
function parseOffset(s) {
  if (/^(z|utc)$/i.test(s)) return 0;
  const sign = s[0] === '-' ? -1 : 1;
  const digits = (/^[+-]/.test(s) ? s.slice(1) : s).replaceAll(':', '');
  if (!/^[0-9]+$/.test(digits)) return null;
  let h;
  let m = 0;
  if (digits.length <= 2) h = Number(digits);
  else if (digits.length === 4) [h, m] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
  else return null;
  return h <= 14 && m < 60 ? sign * (h * 60 + m) : null;
}

/**
 * A source attribute's value as Config::from_element reads it: resolved against `base` (the
 * directory of embed.js), without trailing '/'; undefined unless http(s). latest.js uses it too.
 */
function httpSource(raw, base) {
  try {
    const url = new URL(raw, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href.replace(/\/+$/, '') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A counter mount point's configuration, read as Config::from_element reads it (values trimmed, an
 * empty value is no value, URLs resolved against the directory of embed.js and without trailing '/');
 * null when the app must show it (it then also says what is wrong, in place).
 */
export function configOf(el, base) {
  const attr = (name) => el.getAttribute(name)?.trim() || null;
  if (attr('data-news-portal') !== 'counter') return null;
  // Read by other modes only, but checked by the app (a wrong value is an error shown in place).
  for (const name of ['data-base', 'data-routing', 'data-limit', 'data-href', 'data-slug', 'data-timeout']) {
    if (attr(name) !== null) return null;
  }
  const resolve = (raw) => httpSource(raw, base);
  const [kind, raw] = [['api', attr('data-api')], ['wordpress', attr('data-wordpress')], ['feed', attr('data-feed')]]
    .find(([, value]) => value !== null) ?? [];
  const source = raw === undefined ? undefined : resolve(raw);
  const counterRaw = attr('data-counter-api');
  const counterApi = counterRaw === null ? null : resolve(counterRaw);
  const lang = attr('data-lang') ?? KIT.lang;
  const offsetRaw = attr('data-utc-offset');
  const offset = offsetRaw === null ? KIT.utcOffsetMinutes : parseOffset(offsetRaw);
  if (source === undefined || counterApi === undefined || !isLanguageTag(lang) || offset === null) return null;
  return { kind, source, counterApi: counterApi ?? (kind === 'api' ? source : null), lang, offset };
}

/** "13.832.759", as group_thousands in src/model/format.rs. */
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+$)/g, '.');
const pad = (n, width = 2) => String(n).padStart(width, '0');
/** `HH:MM dd/mm/yyyy` at `offset` minutes, as format_date_time in src/model/date.rs. */
function dateTime(seconds, offset) {
  const d = new Date((seconds + offset * 60) * 1000);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} ${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear(), 4)}`;
}

/** A count as Count in src/model/de.rs reads it: a number, or text ("1790", "13.832.759"); else null. */
function count(v) {
  if (typeof v === 'number') return v >= 0 && v < 1.8e19 ? Math.trunc(v) : null;
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (/^\+?[0-9]+$/.test(s)) return Number(s);
  const groups = s.split(/[., \u00a0]/);
  if (groups.length > 1 && groups.every((g) => /^[0-9]+$/.test(g)) && groups[0].length <= 3
      && groups.slice(1).every((g) => g.length === 3)) {
    return Number(groups.join(''));
  }
  return s !== '' && /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)(e[+-]?[0-9]+)?$/i.test(s) ? count(Number(s)) : null;
}
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
/** The figures of a stats object, by the keys of ROWS; a field not given is null. */
const statsOf = (o) => Object.fromEntries(T.rows.map((r) => [r.key, isObject(o) ? count(o[r.key]) : null]));

/** A failed request: `status` of an HTTP answer, else `kind` as ApiError tells them apart
 * ('timeout', 'network': offline or cut off, 'unreachable': no answer although online, 'large'). */
class Failure extends Error {
  constructor(detail, { status = 0, retryable = false, kind = 'network' } = {}) {
    super(detail);
    Object.assign(this, { status, retryable, kind });
  }
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const json = (text) => {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Failure(`JSON: ${e.message}`);
  }
};

/**
 * One request as src/api/http.rs sends it: the app's Accept header, given up after `limit` ms
 * without progress (the headers, then each chunk of the body), a body above MAX_BODY_BYTES refused.
 * Resolves to the body's text and the X-NP-Saved-At of a copy the offline worker answered with.
 */
async function send(method, url, { limit, key, live = false }) {
  const abort = new AbortController();
  let timedOut = false;
  let timer;
  const progress = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, limit);
  };
  progress();
  const headers = { Accept: KIT.accept };
  if (key) headers['Idempotency-Key'] = key;
  let answered = false;
  try {
    const response = await fetch(url, { method, headers, signal: abort.signal, cache: live ? 'no-store' : 'default' });
    answered = true;
    progress();
    if (!response.ok) {
      throw new Failure(`HTTP ${response.status} ${url}`, { status: response.status, retryable: response.status >= 500 });
    }
    if (Number(response.headers.get('Content-Length')) > KIT.maxBodyBytes) {
      abort.abort();
      throw new Failure(`${url}: more than ${KIT.maxBodyBytes} bytes`, { kind: 'large' });
    }
    const chunks = [];
    let size = 0;
    const reader = response.body?.getReader();
    for (;;) {
      const { done, value } = reader ? await reader.read() : { done: true };
      if (done) break;
      progress();
      size += value.length;
      if (size > KIT.maxBodyBytes) {
        abort.abort();
        throw new Failure(`${url}: more than ${KIT.maxBodyBytes} bytes`, { kind: 'large' });
      }
      chunks.push(value);
    }
    const body = new Uint8Array(size);
    chunks.reduce((at, chunk) => (body.set(chunk, at), at + chunk.length), 0);
    const saved = Date.parse(response.headers.get(KIT.savedAtHeader) ?? '');
    // The body as the app reads it: invalid UTF-8 replaced, a byte-order mark left to the reader.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
    return { text, savedAt: Number.isNaN(saved) ? null : Math.floor(saved / 1000) };
  } catch (e) {
    if (e instanceof Failure) throw e;
    const why = timedOut ? `timeout ${url}` : `${navigator.onLine ? 'no answer' : 'offline'} (${e.message}): ${url}`;
    // As http/browser.rs: no answer while online is the site's data source unreachable; a body cut
    // off, or no answer offline, the reader's connection.
    const kind = timedOut ? 'timeout' : !answered && navigator.onLine ? 'unreachable' : 'network';
    throw new Failure(why, { retryable: true, kind });
  } finally {
    clearTimeout(timer);
  }
}

const storage = (kind) => {
  try {
    return window[kind] ?? null;
  } catch {
    return null;
  }
};
/**
 * What the page's widgets share: the visit claimed (once per page load without storage), one data
 * request per URL and one load of figures per source. A page that gains a latest list later loads the
 * latest script, a second copy of this file: it goes on from this state (start's `from`), so the page
 * still makes one request per source and counts its visit once.
 */
const state = { visitClaimed: false, bodies: new Map(), loads: new Map() };
/** True exactly once per session (or per page load without storage), as counting::claim_visit. */
function claimVisit() {
  if (state.visitClaimed) return false;
  state.visitClaimed = true;
  const session = storage('sessionStorage');
  if (!session) return true;
  let seen = null;
  try {
    seen = session.getItem(KIT.visitKey);
  } catch {
    // Unreadable: counted, as in the app.
  }
  if (seen !== null) return false;
  try {
    session.setItem(KIT.visitKey, '1');
  } catch {
    // Full or blocked: this load still counts once.
  }
  return true;
}

/** As counting::idempotency_key: a random UUID, else 128 bits from Math.random. */
const idempotencyKey = () =>
  globalThis.crypto?.randomUUID?.()
  ?? Array.from({ length: 4 }, () => pad(Math.floor(Math.random() * 2 ** 32).toString(16), 8)).join('');

/** The stored form of model::saved::encode_stats: "<seconds>;<figures in the order of ROWS>". */
function remember(stats) {
  try {
    storage('localStorage')?.setItem(KIT.statsKey, `${Math.floor(Date.now() / 1000)};${T.rows.map((r) => stats[r.key] ?? '').join(',')}`);
  } catch {
    // Not kept: the next failure shows "—".
  }
}
function lastKnown() {
  let raw = null;
  try {
    raw = storage('localStorage')?.getItem(KIT.statsKey) ?? null;
  } catch {
    return null;
  }
  const [, at, figures] = /^([+-]?[0-9]+);(.*)$/s.exec(raw ?? '') ?? [];
  const fields = figures?.split(',');
  if (!fields || fields.length !== T.rows.length || !fields.every((f) => /^[0-9]*$/.test(f))) return null;
  const stats = Object.fromEntries(T.rows.map((r, i) => [r.key, fields[i] === '' ? null : Number(fields[i])]));
  return { stats, at: Number(at) };
}

/** A stats answer of the portal API, as parse_stats in src/model/feed.rs. */
function parseStats(text) {
  const doc = json(text);
  if (!isObject(doc)) throw new Failure('số liệu thống kê không hợp lệ');
  return statsOf(doc);
}

/** Figures: { stats, complete } (complete: the optional figures known), plus `at` for saved ones. */
const LOADING = { stats: {}, complete: false };
const UNKNOWN = { stats: {}, complete: true };

/** As live_stats::load: counts this visit (once per session) or reads the figures. */
async function liveStats(api) {
  const counted = claimVisit();
  const key = idempotencyKey();
  const stats = () => send('GET', `${api}/stats`, { limit: KIT.counterTimeoutMs, live: true });
  const first = () => (counted ? send('POST', `${api}/stats/visits`, { limit: KIT.counterTimeoutMs, key }) : stats());
  const attempt = (request) => request().then((r) => parseStats(r.text)).catch((e) => (e instanceof Failure ? e : new Failure(String(e))));
  let result = await attempt(first);
  if (result instanceof Failure && result.retryable) {
    await sleep(KIT.retryDelayMs);
    result = await attempt(first);
  }
  // 409: the first request with this key is still being counted; the figures are the next read's.
  if (result instanceof Failure && result.status === 409) result = await attempt(stats);
  if (!(result instanceof Failure)) {
    remember(result);
    return { stats: result, complete: true };
  }
  console.warn(`[news-portal] bộ đếm: ${result.message}`);
  const saved = lastKnown();
  return saved ? { ...saved, complete: true } : UNKNOWN;
}

/** As the feed's `_portal.stats` reach the counter in feed mode (MountContext::stats): saved figures when the
 * offline worker answered with a saved copy; nothing to show when the feed is not a feed. */
async function feedStats(url) {
  try {
    const { text, savedAt } = await shared(url);
    const doc = json(text);
    if (!isObject(doc)) throw new Failure('not a JSON Feed');
    const version = typeof doc.version === 'string'
      ? doc.version.trim().replace(/\/+$/, '').toLowerCase().replace(/^https?:\/\//, '') : null;
    if (version !== null && !KIT.feedVersions.includes(version)) throw new Failure(`unsupported version ${version}`);
    if (!Array.isArray(doc.items)) throw new Failure('"items" is not a list');
    const stats = statsOf(isObject(doc._portal) ? doc._portal.stats : null);
    return savedAt === null ? { stats, complete: true } : { stats, complete: true, at: savedAt };
  } catch (e) {
    console.warn(`[news-portal] ${url}: ${e.message}`);
    return UNKNOWN;
  }
}

/** One data request per URL for every mount point of the page (source::first_page_shared): the
 * counters of a feed and the latest lists reading it share it. */
function shared(url) {
  const { bodies } = state;
  if (!bodies.has(url)) bodies.set(url, send('GET', url, { limit: KIT.dataTimeoutMs }));
  return bodies.get(url);
}

// One load per source for every counter of the page (live_stats::shared, source::first_page_shared).
function figuresOf(config) {
  const { loads } = state;
  const [id, load] = config.counterApi
    ? [`api ${config.counterApi}`, () => liveStats(config.counterApi)]
    : config.kind === 'feed'
      ? [`feed ${config.source}`, () => feedStats(config.source)]
      : ['none', () => Promise.resolve(UNKNOWN)];
  if (!loads.has(id)) loads.set(id, load());
  return loads.get(id);
}

/** The rows and the saved-figures note for `figures`, from the kit's markup (rows() of visit_counter.rs). */
function show(section, figures, offset) {
  const { stats, complete, at } = figures;
  const fill = (template, values) => Object.entries(values)
    .reduce((html, [placeholder, text]) => html.replaceAll(placeholder, () => text), template);
  section.querySelector('ul').innerHTML = T.rows
    .filter((r) => r.always || (complete && stats[r.key] != null))
    .map((r) => (stats[r.key] == null
      ? fill(T.missing, { [KIT.placeholders.label]: r.label })
      : fill(T.row, { [KIT.placeholders.label]: r.label, [KIT.placeholders.value]: grouped(stats[r.key]) })))
    .join('');
  if (at != null) section.insertAdjacentHTML('beforeend', fill(T.saved, { [KIT.placeholders.when]: dateTime(at, offset) }));
}

/** Marks `el` mounted, in `lang`, and puts the widget's markup `html` in place of its placeholder;
 * returns the widget's element. */
function claim(el, lang, html) {
  el.setAttribute(MOUNTED, '');
  el.setAttribute('lang', lang);
  // The placeholder goes, the stylesheet embed.js put there stays (clear_placeholder in src/mount.rs).
  for (const child of [...el.childNodes]) {
    if (!(child instanceof Element && child.hasAttribute(CSS))) child.remove();
  }
  el.insertAdjacentHTML('beforeend', html);
  return el.lastElementChild;
}

function mount(el, config) {
  const section = claim(el, config.lang, T.html).querySelector('section');
  show(section, LOADING, config.offset);
  figuresOf(config).then((figures) => show(section, figures, config.offset));
}

/** The modes this script shows, by `data-news-portal` (src/widgets/latest.js adds `latest`). */
const MODES = { counter: { configOf, mount } };
let handOver = () => {};
/**
 * Shows every widget of the page this script shows, then every one the page adds later. The first
 * mount point it does not show (another mode, a configuration it leaves to the wasm) calls `loadWasm`
 * once: embed.js then loads the app (for an app mount point) or the widgets' wasm, which mounts
 * everything not yet mounted and watches the page from then on. A latest list on a page whose script
 * has no `latest` mode (the counter script) is given to the latest script instead: `more()` imports
 * it, and it goes on from this one's state.
 */
export function start(base, loadWasm, { more = null, from = null } = {}) {
  if (from) Object.assign(state, from);
  let stopped = false;
  const observer = new MutationObserver(() => pass());
  const stop = () => {
    stopped = true;
    observer.disconnect();
  };
  handOver = () => {
    if (stopped) return;
    stop();
    loadWasm();
  };
  const pass = () => {
    for (const el of document.querySelectorAll(`[data-news-portal]:not([${MOUNTED}])`)) {
      const name = el.getAttribute('data-news-portal')?.trim();
      if (name === 'latest' && !Object.hasOwn(MODES, name) && more) {
        stop();
        more().then(
          (script) => script.start(base, loadWasm, { from: state }),
          (e) => {
            console.warn(`[news-portal] ${e.message}`);
            loadWasm();
          },
        );
        return;
      }
      const mode = Object.hasOwn(MODES, name ?? '') ? MODES[name] : null;
      const config = mode?.configOf(el, base);
      if (!config) {
        handOver();
        return;
      }
      mode.mount(el, config);
    }
  };
  pass();
  if (!stopped) observer.observe(document.documentElement, { childList: true, subtree: true });
}

// The rules this file mirrors from the app, for tests/widgets/counter.test.mjs.
export { count, dateTime, grouped, isLanguageTag, parseOffset };
