// The latest-news list ("Tin mới nhất", data-news-portal="latest") on a host page whose mount points
// are all widgets, without the wasm (README, "Widget-only pages"). scripts/post-build.mjs appends
// this file to src/widgets/counter.js (whose helpers it uses: send, parseOffset, isLanguageTag, the
// mounting) as widget-latest-<hash>.js, behind the same `const KIT = …`: the list's markup as the
// app's own views render it natively (src/widgets/latest.rs, through src/prerender/widgets.rs) and
// the tables of the rules below, taken from the Rust code. What is left here is what the wasm does
// at run time, step for step, each rule checked against the app's own answers on hostile feeds
// (prerender --widget-vectors, tests/widgets/latest.test.mjs):
// - the configuration of src/config.rs for what the list reads (data-feed and data-api; anything
//   else, data-wordpress and data-timeout included, or a value read otherwise than here, is left to
//   the app, which embed.js then loads);
// - reading the JSON Feed as api::json_feed::read does (model::feed: the item's title, slug and
//   date, items skipped, the errors' texts), the order of model::related::newest_first_as_of,
//   Article::display_title, date::format_date and the article link of context::article_href;
// - a feed this file cannot read exactly as the app (a number written where text belongs that
//   JavaScript cannot spell as Rust does) is left to the app too, at the time it arrives.
// Untrusted text reaches the page through textContent and setAttribute only: the markup comes
// from the kit, the feed's text is put into its placeholders.

const L = KIT.latest;
const X = KIT.text;
const E = KIT.errors;
const P = KIT.placeholders;

/** A value this file cannot read exactly as the app: the widget goes to the app. */
class HandOver extends Error {}

const inRanges = (ranges, cp) => ranges.some(([a, b]) => cp >= a && cp <= b);
/** char::is_whitespace, char::is_control, slug::is_combining: by the Rust tables. */
const isSpace = (c) => c !== undefined && inRanges(X.whitespace, c.codePointAt(0));
const isControl = (c) => inRanges(X.control, c.codePointAt(0));
const isCombining = (c) => c !== undefined && inRanges(X.combining, c.codePointAt(0));
/** str::trim, trim_start and split_whitespace, on Rust's white space (all of it in the BMP: a
 * surrogate is never white space). */
const spaceAt = (s, i) => isSpace(s[i]);
function trim(s) {
  let [a, b] = [0, s.length];
  while (a < b && spaceAt(s, a)) a += 1;
  while (b > a && spaceAt(s, b - 1)) b -= 1;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}
const trimStart = (s) => {
  let a = 0;
  while (a < s.length && spaceAt(s, a)) a += 1;
  return s.slice(a);
};
const SPACES = new RegExp(`[${X.whitespace.map(([a, b]) => `\\u{${a.toString(16)}}-\\u{${b.toString(16)}}`).join('')}]+`, 'u');
const words = (s) => s.split(SPACES).filter((w) => w !== '');
/** text::collapse_whitespace. */
const collapse = (s) => words(s).join(' ');
const utf8 = (s) => new TextEncoder().encode(s);
const asciiLower = (s) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
const asciiUpper = (s) => s.replace(/[a-z]+/g, (m) => m.toUpperCase());
/** A lone surrogate as model::de::replace_lone_surrogates leaves it: U+FFFD. */
const wellFormed = (s) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
const own = (o, key) => (Object.hasOwn(o, key) ? o[key] : undefined);

/** model::de::Text: trimmed text, numbers as Rust writes them; else null. */
function text(v) {
  if (typeof v === 'string') return trim(wellFormed(v)) || null;
  if (typeof v !== 'number') return null;
  if (!Number.isFinite(v)) throw new HandOver(`number ${v}`);
  if (Number.isInteger(v) && Math.abs(v) < 9e15) return String(v);
  // A JSON integer past 2^53 (exact in Rust, rounded here), or a fraction Rust writes with an exponent.
  if (Number.isInteger(v) || Math.abs(v) < 1e-4) throw new HandOver(`number ${v}`);
  return String(v);
}

/** entities::decode: the references of NAMED and LATIN1, decimal and hexadecimal ones. */
function decode(s) {
  if (!s.includes('&')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const at = s.indexOf('&', i);
    if (at < 0) break;
    out += s.slice(i, at);
    // The ';' within the next 12 bytes.
    let [j, bytes, end] = [at + 1, 0, -1];
    while (j < s.length && bytes < 12) {
      const cp = s.codePointAt(j);
      if (cp === 59) {
        end = j;
        break;
      }
      bytes += utf8(String.fromCodePoint(cp)).length;
      j += cp > 0xffff ? 2 : 1;
    }
    const c = end < 0 ? null : reference(s.slice(at + 1, end));
    if (c === null) {
      out += '&';
      i = at + 1;
    } else {
      out += c;
      i = end + 1;
    }
  }
  return out + s.slice(i);
}
function reference(body) {
  if (body.startsWith('#')) {
    const num = body.slice(1);
    const hex = /^[xX]/.test(num);
    const digits = hex ? num.slice(1) : num;
    if (!(hex ? /^\+?[0-9a-fA-F]+$/ : /^\+?[0-9]+$/).test(digits)) return null;
    const code = parseInt(digits.replace(/^\+/, ''), hex ? 16 : 10);
    if (code > 0xffffffff) return null;
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
  }
  if (Object.hasOwn(X.named, body)) return X.named[body];
  const i = X.latin1.indexOf(body);
  return i < 0 ? null : String.fromCodePoint(0xa0 + i);
}

/** feed.rs plain(): references decoded, white space collapsed; null when nothing is left. */
const plain = (t) => (t === null ? null : collapse(decode(t)) || null);

/** text::html_to_text. */
function htmlToText(html) {
  let out = '';
  let rest = html;
  for (let i = rest.indexOf('<'); i >= 0; i = rest.indexOf('<')) {
    out += rest.slice(0, i);
    const after = rest.slice(i + 1);
    if (after.startsWith('!--')) {
      const end = after.indexOf('-->', 3);
      rest = end < 0 ? '' : after.slice(end + 3);
      out += ' ';
      continue;
    }
    if (!/^[A-Za-z/!?]/.test(after)) {
      out += '<';
      rest = after;
      continue;
    }
    const end = after.indexOf('>');
    if (end < 0) {
      rest = '';
      break;
    }
    const name = /^[A-Za-z0-9]*/.exec(after.slice(0, end).replace(/^\/+/, ''))[0].toLowerCase();
    if (X.breaking.includes(name)) out += ' ';
    rest = after.slice(end + 1);
  }
  return collapse(decode(out + rest));
}

/** text::shorten: at most `max` characters and "…", not inside a letter, on a word when it can. */
function shorten(s, max) {
  const cps = [...s];
  if (cps.length <= max) return s;
  let cut = max;
  while (isCombining(cps[cut]) && cut > 0) cut -= 1;
  let short = cps.slice(0, cut);
  let space = -1;
  short.forEach((c, k) => { if (isSpace(c)) space = k; });
  if (space >= 0 && space > Math.floor(max / 2)) short = short.slice(0, space);
  while (short.length && (isSpace(short.at(-1)) || ',;:.'.includes(short.at(-1)))) short.pop();
  return `${short.join('')}…`;
}

/** slug::fold, is_slug, slugify. */
const fold = (s) => [...s].map((c) => (c.codePointAt(0) < 128 ? c.toLowerCase()
  : [...c.toLowerCase()].filter((l) => !isCombining(l)).map((l) => X.vowels[l] ?? l).join(''))).join('');
const isSlug = (s) => /^[a-z0-9-]+$/.test(s) && !s.startsWith('-') && !s.endsWith('-') && !s.includes('--');
function slugify(s) {
  if (isSlug(s)) return s;
  let out = '';
  for (const c of fold(s)) {
    if (/^[A-Za-z0-9]$/.test(c)) out += c;
    else if (out !== '' && !out.endsWith('-')) out += '-';
  }
  return out.replace(/-+$/, '');
}
/** slug::short_hash: FNV-1a of the UTF-8 bytes, six base-36 digits. */
function shortHash(s) {
  let h = 0x811c9dc5;
  for (const b of utf8(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return (h % 36 ** 6).toString(36).padStart(6, '0');
}
/** url::percent_decode: valid %XX escapes decoded, then UTF-8 read leniently. */
function percentDecode(s) {
  const bytes = utf8(s);
  const out = [];
  const hex = (b) => (b >= 48 && b <= 57) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102);
  for (let i = 0; i < bytes.length; i += 1) {
    if (bytes[i] === 37 && hex(bytes[i + 1]) && hex(bytes[i + 2])) {
      out.push(parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16));
      i += 2;
    } else out.push(bytes[i]);
  }
  return new TextDecoder().decode(new Uint8Array(out));
}
/** slug::slug_from_id. */
function slugFromId(id) {
  const q = id.search(/[?#]/);
  const [path, rest] = q < 0 ? [id, ''] : [id.slice(0, q), id.slice(q)];
  if (path.includes('://') || path.startsWith('/')) {
    let last = path.replace(/\/+$/, '').split('/').at(-1);
    const dot = last.lastIndexOf('.');
    if (dot >= 0) last = last.slice(0, dot);
    const s = slugify(percentDecode(last));
    if (s !== '') return utf8(rest).length > 1 ? `${s}-${shortHash(id)}` : s;
  }
  const s = slugify(id);
  return s === '' ? `bai-viet-${shortHash(id)}` : s;
}
/** slug::fit (slugs are ASCII). */
function fit(slug) {
  if (slug.length <= X.maxSlugLen) return slug;
  const hash = shortHash(slug);
  const cut = X.maxSlugLen - hash.length - 1;
  let head = slug.slice(0, cut);
  const at = head.lastIndexOf('-');
  if (at > 0 && slug[cut] !== '-') head = head.slice(0, at);
  return `${head.replace(/-+$/, '')}-${hash}`;
}
/** slug::dedupe, with its `Taken`. */
function deduper() {
  const [used, next] = [new Set(), new Map()];
  return (slug) => {
    if (!used.has(slug)) {
      used.add(slug);
      return slug;
    }
    for (let n = next.get(slug) ?? 2; ; n += 1) {
      const candidate = `${slug}-${n}`;
      if (!used.has(candidate)) {
        next.set(slug, n + 1);
        used.add(candidate);
        return candidate;
      }
    }
  };
}

// Dates, as model::date: RFC 3339 and its relatives, RFC 2822; seconds since the epoch, or null.
const LAST_SHOWABLE = 253_402_300_800 - 14 * 3600;
const daysIn = (y, m) => (m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
/** Howard Hinnant's days_from_civil, as date.rs. */
function daysFromCivil(year, m, d) {
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}
/** date::to_timestamp. */
function timestamp(y, mo, d, h, mi, s, offset) {
  if (!(y >= 0 && y <= 9999) || mo < 1 || mo > 12 || d === 0 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 60) return null;
  const ts = daysFromCivil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + Math.min(s, 59) - offset * 60;
  return ts < LAST_SHOWABLE ? ts : null;
}
/** u32 / i64 as Rust's `parse` reads them (an optional '+'; a '-' for i64). */
const u32 = (s) => (s !== undefined && /^\+?[0-9]+$/.test(s) && Number(s) <= 0xffffffff ? Number(s) : null);
const i64 = (s) => (s !== undefined && /^[+-]?[0-9]+$/.test(s) && Math.abs(Number(s)) < 2 ** 63 ? Number(s) : null);
/** date::parse_iso, with its cursor. */
function parseIso(s, offset) {
  let i = 0;
  const digits = (min, max) => {
    const start = i;
    while (i < s.length && i - start < max && s[i] >= '0' && s[i] <= '9') i += 1;
    return i - start < min ? null : Number(s.slice(start, i));
  };
  const eat = (c) => (s[i] === c ? ((i += 1), true) : false);
  const y = digits(4, 4);
  if (y === null || !eat('-')) return null;
  const mo = digits(1, 2);
  if (mo === null || !eat('-')) return null;
  const d = digits(1, 2);
  if (d === null) return null;
  let [h, mi, sec] = [0, 0, 0];
  if (eat('T') || eat('t') || eat(' ')) {
    h = digits(2, 2);
    if (h === null || !eat(':')) return null;
    mi = digits(2, 2);
    if (mi === null) return null;
    if (eat(':')) {
      sec = digits(2, 2);
      if (sec === null) return null;
      if ((eat('.') || eat(',')) && digits(1, 9) === null) return null;
    }
  }
  while (i < s.length && ' \t\n\f\r'.includes(s[i])) i += 1;
  const zone = s.slice(i);
  const at = zone === '' ? offset : parseOffset(trim(zone));
  return at === null ? null : timestamp(y, mo, d, h, mi, sec, at);
}
function parseRfc2822(input, offset) {
  let s = input;
  const comma = s.indexOf(',');
  if (comma >= 0 && /^[A-Za-z]*$/.test(trim(s.slice(0, comma)))) s = s.slice(comma + 1);
  const parts = words(s);
  const d = u32(parts[0]);
  if (d === null || parts[1] === undefined) return null;
  const mon = asciiLower(parts[1]);
  const mo = X.months.findIndex((m) => mon.startsWith(m)) + 1;
  let y = i64(parts[2]);
  if (mo === 0 || y === null) return null;
  y = y >= 0 && y <= 49 ? 2000 + y : y >= 50 && y <= 999 ? 1900 + y : y;
  let [h, mi, sec, zone] = [0, 0, 0, undefined];
  if (parts[3] !== undefined) {
    const t = parts[3].split(':');
    [h, mi] = [u32(t[0]), u32(t[1])];
    if (h === null || mi === null) return null;
    if (t.length > 2) {
      sec = u32(t[2]);
      if (sec === null) return null;
    }
    zone = parts[4];
  }
  let at = offset;
  if (zone !== undefined) {
    const z = asciiUpper(zone);
    const named = X.zones.find(([name]) => name === z);
    at = named ? named[1] : parseOffset(trim(z));
    if (at === null) return null;
  }
  return timestamp(y, mo, d, h, mi, sec, at);
}
/** date::parse. */
function parseDate(input, offset) {
  const s = trim(input);
  if (s === '') return null;
  return parseIso(s, offset) ?? parseRfc2822(s, offset);
}
/** Year, month, day (and the date) at `offset` minutes, as date::civil; years as `{:04}`. */
function civil(ts, offset) {
  const d = new Date((ts + offset * 60) * 1000);
  const y = d.getUTCFullYear();
  const year = y < 0 ? `-${String(-y).padStart(3, '0')}` : String(y).padStart(4, '0');
  return { d, year };
}
/** date::format_date: dd/mm/yyyy. */
function formatDate(ts, offset) {
  const { d, year } = civil(ts, offset);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${year}`;
}
/** date::iso_utc. */
function isoUtc(ts) {
  const { d, year } = civil(ts, 0);
  return `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

/** One item as feed.rs convert_item reads it; null when the app skips it. */
function item(raw, offset) {
  if (!isObject(raw)) return null;
  const field = (key) => text(own(raw, key));
  const id = field('id') ?? field('url');
  if (id === null) return null;
  const title = plain(field('title'));
  const [html, content, summary] = [field('content_html'), field('content_text'), plain(field('summary'))];
  if (title === null && html === null && content === null && summary === null) return null;
  const portal = own(raw, '_portal');
  const given = isObject(portal) ? text(own(portal, 'slug')) : null;
  const slug = (given === null ? '' : isSlug(given) ? given : slugify(given)) || slugFromId(id);
  const date = (key) => {
    const t = field(key);
    return t === null ? null : parseDate(t, offset);
  };
  return { slug: fit(slug), title, html, content, summary, published: date('date_published'), modified: date('date_modified') };
}

/** Article::display_title. */
function displayTitle(a, offset) {
  if (a.title !== null) return a.title;
  const body = collapse(a.summary ?? a.content ?? (a.html === null ? '' : htmlToText(a.html)));
  if (body !== '') return shorten(body, X.titleChars);
  return a.published === null ? X.untitled : `${X.dated}${formatDate(a.published, offset)}`;
}

/** The articles of a feed's body as api::json_feed::read gives them, or the message its reader
 * is shown ({ error }). Throws HandOver for what only the app reads exactly. */
function readFeed(body, offset) {
  const source = body.startsWith('\uFEFF') ? body.slice(1) : body;
  let doc;
  try {
    doc = JSON.parse(source);
  } catch {
    const start = trimStart(source);
    return { error: start.startsWith('<') ? E.html : start === '' ? E.empty : E.notJson };
  }
  if (!isObject(doc)) return { error: E.notObject };
  const items = own(doc, 'items');
  if (items === undefined || items === null) return { error: E.noItems };
  if (!Array.isArray(items)) return { error: E.itemsNotArray };
  const version = text(own(doc, 'version'));
  if (version !== null) {
    const v = asciiLower(trim(version).replace(/\/+$/, '')).replace(/^https?:\/\//, '');
    if (!KIT.feedVersions.includes(v)) {
      const firstLine = [...(version.split(/\n/)[0].replace(/\r$/, ''))].slice(0, 200).join('');
      return { error: E.version.replace(P.message, () => firstLine) };
    }
  }
  const dedupe = deduper();
  const articles = [];
  let skipped = 0;
  for (const raw of items) {
    const a = item(raw, offset);
    if (a === null) skipped += 1;
    else articles.push({ ...a, slug: dedupe(a.slug) });
  }
  if (skipped) console.warn(`[news-portal] bỏ qua ${skipped} mục hỏng`);
  return { articles };
}

/** routing::encode_segment: everything but A–Z a–z 0–9 - . _ ~ percent-encoded. */
const encodeSegment = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
/** context::article_href for a widget: data-href (routing::fill_href), else the app's own link. */
function articleHref(config, slug) {
  const segment = encodeSegment(slug);
  const { href } = config;
  if (href != null) {
    if (href.includes('{slug}')) return href.replaceAll('{slug}', () => segment);
    return /[/=#]$/.test(href) ? href + segment : `${href}/${segment}`;
  }
  const path = L.articlePath.replace(P.slug, () => segment);
  return config.hash ? `#${path}` : config.base + path;
}

/** What the widget shows for a feed's body at `now` (seconds): { rows } or { status }, as
 * widgets::latest::rows and LatestWidget. Throws HandOver. */
export function answer(body, config, now) {
  const read = readFeed(body, config.offset);
  if (read.error) return { status: read.error };
  if (read.articles.length === 0) return { status: L.empty };
  const horizon = now + L.clockSkew;
  const keys = read.articles.map((a) => {
    const d = a.published ?? a.modified;
    return d === null ? [2, 0] : d <= horizon ? [0, -d] : [1, d];
  });
  const order = keys.map((_, i) => i).sort((a, b) => keys[a][0] - keys[b][0] || keys[a][1] - keys[b][1]);
  return {
    rows: order.slice(0, config.limit).map((i) => {
      const a = read.articles[i];
      const d = a.published ?? a.modified;
      return {
        href: articleHref(config, a.slug),
        title: displayTitle(a, config.offset),
        iso: d === null ? null : isoUtc(d),
        date: d === null ? null : formatDate(d, config.offset),
      };
    }),
  };
}

/** routing::routes::normalize_base; null where the app refuses it (and says why in place). */
function normalizeBase(raw) {
  const s = trim(raw);
  const colon = s.indexOf(':');
  const scheme = colon >= 0 && /^[A-Za-z][A-Za-z0-9+.-]*$/.test(s.slice(0, colon));
  if (s.startsWith('//') || s.includes('://') || scheme || /[?#\\]/.test(s) || [...s].some(isControl)) return null;
  const inner = s.replace(/^\/+|\/+$/g, '');
  if (inner === '') return '';
  let out = '';
  for (const segment of inner.split('/')) {
    const dots = asciiLower(segment).replaceAll('%2e', '.');
    if (dots === '' || dots === '.' || dots === '..') return null;
    out += '/';
    const bytes = utf8(segment);
    const hex = (b) => b !== undefined && /^[0-9A-Fa-f]$/.test(String.fromCharCode(b));
    for (let i = 0; i < bytes.length; i += 1) {
      const b = bytes[i];
      if (b === 37 && hex(bytes[i + 1]) && hex(bytes[i + 2])) {
        out += `%${String.fromCharCode(bytes[i + 1], bytes[i + 2]).toUpperCase()}`;
        i += 2;
      } else if (b <= 32 || b >= 127 || '"<>`{}'.includes(String.fromCharCode(b))) {
        out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
      } else out += String.fromCharCode(b);
    }
  }
  return out;
}

/** A latest mount point's configuration, read as Config::from_element reads it; null when the app
 * must show it. */
/** The attributes of a list that only the app reads (a WordPress source, a data time limit of its own).
 * embed.js reads this line (scripts/post-build.mjs) and loads the app at once for such a list. */
const LEFT_TO_APP = ['data-wordpress', 'data-timeout'];
function latestConfigOf(el, base) {
  const attr = (name) => {
    const v = el.getAttribute(name);
    return v === null ? null : trim(v) || null;
  };
  if (attr('data-news-portal') !== 'latest' || LEFT_TO_APP.some((name) => attr(name) !== null)) return null;
  const resolve = (raw) => httpSource(raw, base);
  const api = attr('data-api');
  const feed = attr('data-feed');
  const source = api !== null ? resolve(api) : feed !== null ? resolve(feed) : undefined;
  const counterRaw = attr('data-counter-api');
  const counter = counterRaw === null ? null : resolve(counterRaw);
  const pathBase = attr('data-base');
  const routeBase = pathBase === null ? '' : normalizeBase(pathBase);
  const offsetRaw = attr('data-utc-offset');
  const offset = offsetRaw === null ? KIT.utcOffsetMinutes : parseOffset(offsetRaw);
  const routing = attr('data-routing');
  const lang = attr('data-lang') ?? KIT.lang;
  const limitRaw = attr('data-limit');
  const limit = limitRaw === null ? L.defaultLimit : u32(limitRaw);
  if (source === undefined || counter === undefined || routeBase === null || offset === null
      || ![null, 'history', 'path', 'hash'].includes(routing) || !isLanguageTag(lang)
      || limit === null || limit < 1 || limit > L.maxLimit) return null;
  return {
    url: api !== null ? `${source}/articles?page=1&per_page=${L.perPage}` : source,
    // Config::counter_api: a page's visit is counted by every mount point that has one (once).
    counterApi: counter ?? (api !== null ? source : null),
    lang,
    limit,
    offset,
    base: routeBase,
    hash: routing === 'hash',
    href: attr('data-href'),
  };
}

/** The kit's markup for `html` with its placeholders given `values`: text nodes and attribute
 * values that are exactly a placeholder are set through data / setAttribute, never parsed. */
const templates = new Map();
function fill(html, values = {}) {
  if (!templates.has(html)) {
    const template = document.createElement('template');
    template.innerHTML = html;
    templates.set(html, template);
  }
  const fragment = templates.get(html).content.cloneNode(true);
  const walker = document.createTreeWalker(fragment, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (Object.hasOwn(values, node.data)) node.data = values[node.data];
    } else {
      for (const a of [...node.attributes]) if (Object.hasOwn(values, a.value)) node.setAttribute(a.name, values[a.value]);
    }
  }
  return fragment;
}

/** The message of a failed request, as ApiError::message words it. */
function failureMessage(e) {
  if (e.status === 404) return E.http404;
  if (e.status) return E.http.replace(P.code, String(e.status));
  return { timeout: E.timeout, large: E.tooLarge, unreachable: E.unreachable }[e.kind] ?? E.network;
}

function mountLatest(el, config) {
  const frame = claim(el, config.lang, L.html);
  // As Portal::new: the portal API's visit of this page, counted once for every mount point.
  if (config.counterApi) figuresOf({ counterApi: config.counterApi });
  const status = frame.querySelector('section > p');
  shared(config.url).then(({ text: body }) => answer(body, config, Math.floor(Date.now() / 1000)), (e) => {
    console.warn(`[news-portal] ${e.message}`);
    return { status: failureMessage(e) };
  }).then((shown) => {
    if (shown.status !== undefined) {
      status.replaceWith(fill(L.status, { [P.message]: shown.status }));
      return;
    }
    const list = fill(L.list);
    const ul = list.firstElementChild;
    for (const r of shown.rows) {
      const values = { [P.href]: r.href, [P.title]: r.title, [P.iso]: r.iso, [P.date]: r.date };
      ul.append(fill(r.iso === null ? L.undated : L.item, values));
    }
    status.replaceWith(list);
  }).catch((e) => {
    if (!(e instanceof HandOver)) throw e;
    // Read by the app: it mounts this mount point afresh.
    frame.remove();
    el.removeAttribute(MOUNTED);
    handOver();
  });
}

MODES.latest = { configOf: latestConfigOf, mount: mountLatest };

// The rules this file mirrors from the app, for tests/widgets/latest.test.mjs.
export {
  HandOver, articleHref, decode, fit, formatDate, htmlToText, isoUtc, latestConfigOf, normalizeBase, parseDate, shorten,
  slugFromId, slugify,
};
