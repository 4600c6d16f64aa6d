// Shared by the browser specs: where things are, what the seed article says, and the error collector.
//
// Environment knobs (all optional):
//   E2E_DIST  directory holding the built site (default <repo>/dist)
//   CHROMIUM_PATH browser binary (default /usr/bin/chromium)
//   E2E_BASE  URL prefix the site is served under (default '/'); the build must use the same public URL,
//             e.g. `trunk build --release --public-url /tin-huyen/` with E2E_BASE=/tin-huyen/

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';
import { normalizeBase, startServer } from './server.mjs';
import { shellHtml, unprerender } from './prerendered.mjs';
import { prepareSite } from './fake-api.mjs';

export { shellHtml, unprerender };

export const e2eDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(e2eDir, '../..');
export const distDir = path.resolve(repoRoot, process.env.E2E_DIST ?? 'dist');
export const BASE = normalizeBase(process.env.E2E_BASE ?? '/');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotsDir = path.join(repoRoot, 'tests/screenshots');

/** The page copied from the live portal; the shared copy may be absent in a clean clone. */
export const sharedSeedPath = path.resolve(repoRoot, '../shared/seed/minh-long-article-page.txt');
/** Byte-for-byte copy of sharedSeedPath kept in the repo; this is the one the tests read. */
export const seedFixturePath = path.join(repoRoot, 'tests/fixtures/seed-article.txt');

export const SEED_TITLE =
  'Hội nghị trực báo công tác dân vận, mặt trận, các tổ chức chính trị- xã hội ,lực lượng vũ trang quý I năm 2022.';
export const SEED_SLUG = 'hoi-nghi-truc-bao-cong-tac-dan-van-quy-i-nam-2022';
/** Site-relative paths (no leading slash); turn them into URLs with urlFor / sitePath. */
export const ARTICLE_PATH = `tin-tuc/${SEED_SLUG}`;
export const SKIP_LINK_NAME = 'Truy cập nội dung luôn';
export const NOT_FOUND_TEXT = 'Không tìm thấy';
export const HOME_LINK_NAME = 'Về trang chủ';
export const RETRY_BUTTON_NAME = 'Thử lại';
export const RELATED_HEADING = 'Tin liên quan';
export const COUNTER_HEADING = 'Thống kê truy cập';

/** The policy the README recommends to hosts (README, "Security"); change it there and here together. */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: https:; " +
  "connect-src 'self'; font-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; " +
  "form-action 'self'; frame-ancestors 'self'";

/**
 * Waits until the app runs the page: on a prerendered page the controls (text size, share, "Xem thêm")
 * answer only once the app has taken it over (README, "Prerendered pages").
 */
export async function appReady(page) {
  await page.waitForFunction(
    () => document.querySelector('[data-news-portal-mounted]') && !document.querySelector('[data-np-prerendered]'),
    null,
    { timeout: 15_000 },
  );
}

/** Collapses every run of whitespace (NBSP included) to one space and trims. */
export function collapse(text) {
  return String(text ?? '').replace(/[\u200b\u00ad]/g, '').replace(/\s+/g, ' ').trim();
}

/** 13832759 → '13.832.759' (Vietnamese digit grouping), without relying on the ICU data Node ships. */
export function groupDigitsVi(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * Parses the seed page text into the facts the reader journey checks.
 * Layout (blank lines between): skip link, site name, title, "dd/mm/yyyy <spaces> views", the body
 * paragraphs, author, "Tài liệu đính kèm: <file>", "Tin liên quan", "Thống kê truy cập", the two counters.
 */
export function parseSeed(text) {
  const lines = text.split(/\r?\n/);
  const dateIndex = lines.findIndex((line) => /^\s*\d{2}\/\d{2}\/\d{4}\s+\d+\s*$/.test(line));
  if (dateIndex < 0) throw new Error('seed: no "dd/mm/yyyy   views" line found');
  const [date, views] = lines[dateIndex].trim().split(/\s+/);
  const title = lines.slice(0, dateIndex).filter((line) => line.trim() !== '').at(-1)?.trim();

  const author = 'Công Hoan';
  const authorIndex = lines.findIndex((line, i) => i > dateIndex && line.trim() === author);
  if (authorIndex < 0) throw new Error(`seed: no "${author}" line after the date line`);
  const paragraphs = lines.slice(dateIndex + 1, authorIndex).filter((line) => line.trim() !== '');

  const attachmentLine = lines.find((line) => line.startsWith('Tài liệu đính kèm:'));
  const attachment = attachmentLine?.slice('Tài liệu đính kèm:'.length).trim();
  const counter = (label) => {
    const line = lines.find((l) => l.startsWith(`${label}:`));
    return line ? Number(line.slice(label.length + 1).trim()) : undefined;
  };
  return {
    title,
    date,
    views,
    paragraphs,
    author,
    attachment,
    visits: counter('Số lượt truy cập'),
    pageViews: counter('Tổng số lượt xem'),
  };
}

let seedCache;
/** The seed article, read from tests/fixtures/seed-article.txt. */
export function readSeed() {
  seedCache ??= parseSeed(fs.readFileSync(seedFixturePath, 'utf8'));
  return seedCache;
}

/** '/', 'tin-tuc/x' or '/tin-tuc/x' → the pathname under BASE, e.g. '/tin-huyen/tin-tuc/x'. */
export function sitePath(relative = '') {
  return BASE + String(relative).replace(/^\/+/, '');
}

/** Absolute URL of a site path on a server started with startServer({ base: BASE }). */
export function urlFor(server, relative = '') {
  return new URL(String(relative).replace(/^\/+/, ''), server.url).href;
}

/**
 * Records uncaught page errors (a Rust panic ends as one) and console errors from the moment it is called.
 * With { console: false } only page errors and Rust panic messages count: use it where the page is meant
 * to hit failing requests, since Chromium logs every 4xx/5xx load as a console error.
 */
export function collectErrors(page, { console: consoleErrors = true } = {}) {
  const errors = [];
  page.on('pageerror', (error) => {
    errors.push(`uncaught page error: ${error.stack || error.message}`);
  });
  page.on('console', (message) => {
    const text = message.text();
    const panic = /panicked at/.test(text);
    if (message.type() === 'error' && (consoleErrors || panic)) {
      const { url, lineNumber } = message.location();
      const where = url ? ` (${url}${lineNumber ? `:${lineNumber}` : ''})` : '';
      errors.push(`console.error${panic ? ' [Rust panic]' : ''}: ${text}${where}`);
    }
  });
  return {
    errors,
    /** Fails the current test if anything was recorded. */
    assertNone(context = 'during this test') {
      expect(errors, `no page errors or console errors ${context}:\n${errors.join('\n')}`).toEqual([]);
    },
  };
}

/**
 * The text of the block a heading titles: its nearest section/aside/nav/region ancestor, or its parent
 * element when it has none. Whitespace is collapsed.
 */
export async function sectionText(heading) {
  const text = await heading.evaluate((h) => {
    const block =
      h.closest('section, aside, nav, [role="region"], [role="complementary"], [role="navigation"]') ??
      h.parentElement;
    return block?.innerText ?? '';
  });
  return collapse(text);
}

/** Pathnames of the visible links in the block a heading titles (see sectionText). */
export async function sectionLinkPaths(heading) {
  return heading.evaluate((h) => {
    const block =
      h.closest('section, aside, nav, [role="region"], [role="complementary"], [role="navigation"]') ??
      h.parentElement;
    if (!block) return [];
    return [...block.querySelectorAll('a[href]')]
      .filter((a) => a.getClientRects().length > 0)
      .map((a) => new URL(a.href, document.baseURI).pathname);
  });
}

// (Import kept with the helper that uses it; ES imports are hoisted wherever they appear.)
import os from 'node:os';

/**
 * A private copy of the built site for one spec, so a test can change what the app loads without touching
 * dist/ (which other work rebuilds underneath us). Copies distDir into a new temp directory and returns
 * { root, feedPath, remove() }.
 * - `feed` (string, or an object written as JSON): stored as `feedFile` next to the file the mount element's
 *   data-feed="…" names (feed.json → e2e-feed.json, /data/feed.json → /data/e2e-feed.json), and data-feed is
 *   pointed at it. Without `feed` the copy keeps the original data-feed and feed.
 * - `files`: extra files to write, { 'relative/path.html': 'contents' }.
 */
export function copySite({ prefix = 'e2e-site-', feed, feedFile = 'e2e-feed.json', files = {} } = {}) {
  const feedAttribute = /data-feed="([^"]*)"/g;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(distDir, root, { recursive: true });
  let feedPath;
  if (feed !== undefined) {
    const indexPath = path.join(root, 'index.html');
    unprerender(root);
    const html = fs.readFileSync(indexPath, 'utf8');
    const found = [...html.matchAll(feedAttribute)];
    if (found.length !== 1) throw new Error(`copySite: expected one data-feed="…" in index.html, found ${found.length}`);
    const original = found[0][1];
    const dir = original.includes('://') ? '' : original.replace(/[^/]*$/, '');
    const onDisk = dir.startsWith(BASE) ? dir.slice(BASE.length) : dir.replace(/^\/+/, '');
    feedPath = path.join(root, onDisk, feedFile);
    fs.mkdirSync(path.dirname(feedPath), { recursive: true });
    fs.writeFileSync(feedPath, typeof feed === 'string' ? feed : JSON.stringify(feed, null, 2));
    fs.writeFileSync(indexPath, html.replace(feedAttribute, `data-feed="${dir}${feedFile}"`));
  }
  for (const [relative, contents] of Object.entries(files)) {
    const target = path.join(root, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, contents);
  }
  return { root, feedPath, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/**
 * Serves `root` (the build by default) to the tests of the current describe block and fails any
 * test that leaves a page error. `open(page, relative)` opens a site path on it, once the app runs it.
 */
export function servedSite(test, { root = distDir, base = BASE } = {}) {
  const site = { server: null, errors: null };
  test.beforeAll(async () => {
    site.server = await startServer({ root, base });
  });
  test.afterAll(async () => {
    await site.server?.close();
  });
  test.beforeEach(({ page }) => {
    site.errors = collectErrors(page);
  });
  test.afterEach(() => {
    site.errors.assertNone();
  });
  // Opens the page and waits for the app to run it (a prerendered page is taken over first).
  site.open = async (page, relative) => {
    const response = await page.goto(urlFor(site.server, relative));
    await appReady(page);
    return response;
  };
  return site;
}

/**
 * Event listener types on window, document, <html> and <body> (Chrome DevTools protocol), counting only
 * listeners whose code was loaded over http(s), i.e. the page's: Playwright's own injected listeners
 * (input, snapshots) come from scripts without a URL.
 */
export async function globalListeners(page) {
  const cdp = await page.context().newCDPSession(page);
  const scripts = new Map();
  cdp.on('Debugger.scriptParsed', (e) => scripts.set(e.scriptId, e.url));
  await cdp.send('Debugger.enable'); // reports every script already parsed
  const out = {};
  for (const target of ['window', 'document', 'document.documentElement', 'document.body']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression: target });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    out[target] = listeners
      .filter((l) => /^https?:/.test(scripts.get(l.scriptId) ?? ''))
      .map((l) => l.type)
      .sort();
  }
  await cdp.send('Debugger.disable');
  await cdp.detach();
  return out;
}

/** Serves a copy of the site whose data-feed is `feeds/<name>`, with the given feed files; logs requests. */
export async function withFeedSite(feeds, feedName, run) {
  const files = Object.fromEntries(
    Object.entries(feeds).map(([name, body]) => [`feeds/${name}`, typeof body === 'string' ? body : JSON.stringify(body)]),
  );
  const site = prepareSite({ distDir, mount: `data-feed="feeds/${feedName}"`, files, prefix: 'e2e-feed-site-' });
  const requests = [];
  const server = await startServer({ root: site.root, base: BASE, log: (line) => requests.push(line) });
  try {
    return await run(server, requests);
  } finally {
    await server.close();
    site.remove();
  }
}
