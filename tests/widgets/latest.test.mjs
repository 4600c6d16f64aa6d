// The latest-news script of widget-only pages (src/widgets/latest.js, appended to counter.js) against
// the app's own answers: what the wasm's LatestWidget lists for hostile and odd feeds (titles with
// references, numbers, no title; slugs to slugify, from ids, too long, repeated; dates in the future,
// bad, RFC 2822, at the ends of the calendar; broken documents) under several configurations, and
// each rule on its own (links with data-href / data-base / hash routing, data-base itself, dates,
// HTML to text, shortening, slugs), on the vectors `prerender --widget-vectors` prints.
// Deterministic, no browser:   node --test tests/widgets/
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';

const prerender = (flag) =>
  JSON.parse(execFileSync('cargo', ['run', '--quiet', '--bin', 'prerender', '--', flag], { encoding: 'utf8', maxBuffer: 1 << 28 }));
const kit = prerender('--widget-kit');
const { latest: vectors } = prerender('--widget-vectors');
// As scripts/post-build.mjs writes widget-latest-<hash>.js, unminified.
const dir = mkdtempSync(join(tmpdir(), 'np-latest-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'latest.mjs');
const source = (name) => readFileSync(new URL(`../../src/widgets/${name}`, import.meta.url), 'utf8');
writeFileSync(file, `const KIT = ${JSON.stringify(kit)};\n${source('counter.js')}\n${source('latest.js')}`);
const script = await import(file);

/** The answer in the vectors' shape, or 'hand over' where the script leaves the feed to the app. */
function shown(body, config) {
  try {
    return script.answer(body, config, vectors.now);
  } catch (e) {
    if (e instanceof script.HandOver) return 'hand over';
    throw e;
  }
}

test('what the widget lists for each feed, as LatestWidget (widgets::latest::rows)', () => {
  const handedOver = [];
  let compared = 0;
  for (const { name, body, config, answer } of vectors.feeds) {
    const got = shown(body, config);
    if (got === 'hand over') {
      handedOver.push(name);
      continue;
    }
    compared += 1;
    if (answer.rows && got.rows) {
      // Row by row first: a difference names the row.
      answer.rows.forEach((row, i) => assert.deepEqual(got.rows[i], row, `${name} ${JSON.stringify(config)} row ${i}`));
    }
    assert.deepEqual(got, answer, `${name} ${JSON.stringify(config)}`);
  }
  // Only the feed with numbers JavaScript cannot spell as Rust does goes to the app.
  assert.deepEqual([...new Set(handedOver)], []);
  assert.equal(compared, vectors.feeds.length);
  assert.ok(compared >= 140, `${compared} compared`);
});

test('an odd number where text belongs is left to the app, never shown otherwise', () => {
  const config = { limit: 5, offset: 420, base: '', hash: false, href: null };
  for (const title of ['12345678901234567', '1e-7', '0.00001', '1e400']) {
    assert.equal(shown(`{"items": [{"id": "1", "title": ${title}}]}`, config), 'hand over', title);
  }
  assert.deepEqual(shown('{"items": [{"id": "1", "title": 0.0001}]}', config).rows[0].title, '0.0001');
});

test('the article link: data-href, data-base, hash routing, slugs percent-encoded (context::article_href)', () => {
  for (const { config, slug, href } of vectors.links) {
    assert.equal(script.articleHref(config, slug), href, `${JSON.stringify(config)} ${JSON.stringify(slug)}`);
  }
});

test('data-base, as routes::normalize_base (null: refused, the app says why)', () => {
  for (const [raw, expected] of vectors.bases) assert.equal(script.normalizeBase(raw), expected, JSON.stringify(raw));
});

test('dates, as date::parse', () => {
  for (const [input, offset, expected] of vectors.dates) assert.equal(script.parseDate(input, offset), expected, `${input} ${offset}`);
});

test('text rules: character references, html_to_text, shorten, slugify, slug_from_id, fit', () => {
  for (const [input, expected] of vectors.decoded) assert.equal(script.decode(input), expected, input);
  for (const [html, expected] of vectors.htmlToText) assert.equal(script.htmlToText(html), expected, html);
  for (const [text, max, expected] of vectors.shorten) assert.equal(script.shorten(text, max), expected, `${text} ${max}`);
  for (const [s, expected] of vectors.slugify) assert.equal(script.slugify(s), expected, s);
  for (const [id, expected] of vectors.slugFromId) assert.equal(script.slugFromId(id), expected, id);
  for (const [slug, expected] of vectors.fit) assert.equal(script.fit(slug), expected, slug);
});

test('the kit holds the markup of LatestWidget with the placeholders the script fills', () => {
  const { latest, placeholders: p } = kit;
  assert.match(latest.html, /^<div class="np-app np-app--widget"><section [^>]*aria-label="Tin mới nhất"/);
  assert.ok(latest.html.includes('role="status"') && latest.html.includes('Đang tải…'));
  assert.ok(!/<!/.test(latest.html + latest.list + latest.item + latest.undated + latest.status), 'no comments');
  for (const key of ['href', 'title', 'iso', 'date']) assert.ok(latest.item.includes(p[key]), key);
  assert.ok(!latest.undated.includes(p.date) && latest.undated.includes(p.title));
  assert.ok(latest.status.includes(p.message));
  assert.equal(latest.articlePath, `/tin-tuc/${p.slug}`);
});

test('a latest mount point is read as Config::from_element reads it, else left to the app (null)', () => {
  const el = (attrs) => ({ getAttribute: (name) => attrs[name] ?? null });
  const base = 'https://cdn.example/np/';
  const read = (attrs) => script.latestConfigOf(el({ 'data-news-portal': 'latest', ...attrs }), base);
  assert.deepEqual(read({ 'data-feed': ' feed.json ' }), {
    url: 'https://cdn.example/np/feed.json', counterApi: null, lang: kit.lang, limit: kit.latest.defaultLimit,
    offset: kit.utcOffsetMinutes, base: '', hash: false, href: null,
  });
  const api = read({ 'data-api': '/api/', 'data-feed': 'ignored.json', 'data-limit': '+07', 'data-base': 'tin-tức/',
    'data-routing': 'hash', 'data-utc-offset': '-03:30', 'data-lang': 'vi-VN', 'data-href': ' /tin?bai= ' });
  assert.deepEqual(api, {
    url: `https://cdn.example/api/articles?page=1&per_page=${kit.latest.perPage}`, counterApi: 'https://cdn.example/api',
    lang: 'vi-VN', limit: 7, offset: -210, base: '/tin-t%E1%BB%A9c', hash: true, href: '/tin?bai=',
  });
  assert.equal(read({ 'data-feed': 'f.json', 'data-counter-api': '/api' }).counterApi, 'https://cdn.example/api');
  for (const attrs of [
    {},
    { 'data-wordpress': '/wp-json', 'data-feed': 'f.json' },
    { 'data-feed': 'javascript:alert(1)' },
    { 'data-feed': 'f.json', 'data-counter-api': 'ftp://x' },
    { 'data-feed': 'f.json', 'data-timeout': '10' },
    { 'data-feed': 'f.json', 'data-limit': '0' },
    { 'data-feed': 'f.json', 'data-limit': '51' },
    { 'data-feed': 'f.json', 'data-limit': '5.0' },
    { 'data-feed': 'f.json', 'data-base': '/a/../b' },
    { 'data-feed': 'f.json', 'data-routing': 'query' },
    { 'data-feed': 'f.json', 'data-utc-offset': '+15:00' },
    { 'data-feed': 'f.json', 'data-lang': 'vi_VN' },
    { 'data-api': '/api', 'data-news-portal': 'counter' },
  ]) assert.equal(read(attrs), null, JSON.stringify(attrs));
});
