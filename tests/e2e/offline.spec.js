// Offline reading and installability (README, "Offline reading"): the service worker, the saved-copy
// notice, an article that is not saved, the counter offline, reconnection, updates, the manifest.
// The only spec that lets the service worker run (playwright.config.js blocks it elsewhere); every test
// has its own browser profile and server, so no worker or cache carries over from one test to another.
import fs from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { test, expect, chromium } from '@playwright/test';
import { startServer } from './server.mjs';
import { attr, prepareSite, startFakeApi } from './fake-api.mjs';
import {
  ARTICLE_PATH,
  BASE,
  CHROMIUM_PATH,
  COUNTER_HEADING,
  CSP,
  SEED_TITLE,
  appReady,
  collapse,
  copySite,
  distDir,
  urlFor,
} from './support.mjs';

const NOTICE = /Đang xem bản đã lưu trên máy \(tải lúc \d\d:\d\d \d\d\/\d\d\/\d{4}\)/;
const NOT_SAVED_HEADING = 'Bài viết chưa được lưu để đọc khi không có mạng';
const SAVED_LIST = 'Bài viết đã lưu trên máy';

/**
 * Uncaught errors and Rust panics of every page of every browser a test starts (console errors are
 * expected here: offline, Chromium logs each failed load as one). Checked after each test.
 */
let pageErrors = [];
function watchErrors(page) {
  page.on('pageerror', (error) => pageErrors.push(`uncaught page error: ${error.stack || error.message}`));
  page.on('console', (m) => /panicked at/.test(m.text()) && pageErrors.push(`Rust panic: ${m.text()}`));
}
test.beforeEach(() => {
  pageErrors = [];
});
test.afterEach(() => {
  expect(pageErrors, `no page errors or panics:\n${pageErrors.join('\n')}`).toEqual([]);
});

/** A browser with its own profile on disk, so a test can close it and start it again (a restart). */
async function browserWithProfile(profile) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
    serviceWorkers: 'allow',
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  context.pages().forEach(watchErrors);
  context.on('page', watchErrors);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** Waits until the worker controls the page and has precached the shell. */
async function offlineReady(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 20_000 });
  await page.evaluate(() => navigator.serviceWorker.ready);
}

/**
 * A site server that can be switched off and on again at the same address: Playwright's offline switch
 * does not reach a service worker started after it (after a browser restart the worker would still
 * fetch), so "no network" also stops the server.
 */
async function switchableServer(options) {
  const first = await startServer(options);
  let server = first;
  return {
    url: (relative = '') => urlFor(first, relative),
    async off() {
      await server?.close();
      server = null;
    },
    async on() {
      server = server ?? (await startServer({ ...options, port: first.port }));
    },
    close() {
      return server?.close();
    },
  };
}

const API_ROUTES = ['list', 'article', 'views', 'stats', 'visits'];

/** The URLs in one of the worker's caches (it stores a copy after answering, so tests wait for it). */
function cachedUrls(page, name) {
  return page.evaluate(async (n) => (await (await caches.open(n)).keys()).map((r) => r.url), name);
}

const profiles = [];
function newProfile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-offline-profile-'));
  profiles.push(dir);
  return dir;
}
test.afterAll(() => profiles.forEach((p) => fs.rmSync(p, { recursive: true, force: true })));

test.describe('the bundled site offline', () => {
  let site;
  test.beforeAll(async () => {
    site = await switchableServer({ root: distDir, base: BASE, headers: { 'Content-Security-Policy': CSP } });
  });
  test.afterAll(async () => site?.close());

  test('home and an opened article read offline after a reload and after a browser restart, marked as saved', async () => {
    const profile = newProfile();
    let { context, page } = await browserWithProfile(profile);
    const violations = [];
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
    await page.goto(site.url());
    await appReady(page);
    await offlineReady(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL)).toMatch(/\/sw\.js$/);
    await page.goto(site.url(ARTICLE_PATH));
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    // Fresh data: no notice.
    await expect(page.getByText(NOTICE)).toHaveCount(0);
    await expect.poll(() => cachedUrls(page, 'np-pages-v1')).toContain(site.url(ARTICLE_PATH));
    await expect.poll(() => cachedUrls(page, 'np-data-v1')).toContain(site.url('feed.json'));

    await context.setOffline(true);
    await site.off();
    await page.reload();
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    await expect(page.getByRole('status').filter({ hasText: NOTICE })).toBeVisible();
    // The counter's figures come with the saved feed: shown, and marked as saved.
    const counter = page.getByRole('region', { name: COUNTER_HEADING });
    await expect(counter).toContainText('Số lượt truy cập: 1.790');
    await expect(counter).toContainText(/Số liệu đã lưu lúc \d\d:\d\d \d\d\/\d\d\/\d{4}/);
    expect(violations, 'the worker and the manifest run under the README policy').toEqual([]);
    await context.close();

    // A restart, still without network: the home page and the article open from the saved copies.
    ({ context, page } = await browserWithProfile(profile));
    await context.setOffline(true);
    await page.goto(site.url());
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: NOTICE })).toBeVisible();
    await page.goto(site.url(ARTICLE_PATH));
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    await expect(page.locator('.np-article__body, .np-article').first()).toContainText('dân vận');

    // The connection returns: the data is fetched again in place, without a page load.
    await page.evaluate(() => (window.__samePage = true));
    await site.on();
    await context.setOffline(false);
    await expect(page.getByText(NOTICE)).toHaveCount(0);
    expect(await page.evaluate(() => window.__samePage)).toBe(true);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    await context.close();
  });

  test('the web app manifest makes the site installable (Chromium finds no installability error)', async () => {
    const { context, page } = await browserWithProfile(newProfile());
    await page.goto(site.url());
    await offlineReady(page);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifestUrl = new URL(href, page.url()).href;
    const manifest = await (await page.request.get(manifestUrl)).json();
    expect(manifest.short_name).toBe('UBND Minh Long');
    expect(manifest.lang).toBe('vi');
    expect(new URL(manifest.start_url, manifestUrl).href).toBe(site.url());
    const icons = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
    expect(icons).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '192x192 maskable', '512x512 maskable']));
    for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
      const png = await (await page.request.get(new URL(icon.src, manifestUrl).href)).body();
      // PNG: width and height are the big-endian words at bytes 16 and 20 of the IHDR chunk.
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
    }
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    await context.close();
  });
});

test.describe('an article not saved, and the counter offline (portal API)', () => {
  let site;
  let server;
  let api;
  test.beforeAll(async () => {
    site = prepareSite({ distDir, prefix: 'e2e-offline-api-' });
    server = await switchableServer({ root: site.root, base: BASE });
    api = await startFakeApi({ assetBase: server.url() });
    const html = fs.readFileSync(site.indexPath, 'utf8');
    fs.writeFileSync(site.indexPath, html.replace(/data-feed="[^"]*"/, `data-api="${attr(api.url)}"`));
  });
  test.afterAll(async () => {
    await api?.close();
    await server?.close();
    site?.remove();
  });

  test('says plainly that it is not saved, offers the saved ones, and counts nothing made offline', async () => {
    const profile = newProfile();
    let { context, page } = await browserWithProfile(profile);
    await page.goto(server.url());
    await appReady(page);
    await offlineReady(page);
    const [opened, neverOpened] = api.items.slice(0, 2).map((i) => ({ slug: i._portal.slug, title: i.title }));
    await page.goto(server.url(`tin-tuc/${opened.slug}`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(opened.title);
    await expect(page.getByRole('region', { name: COUNTER_HEADING })).toContainText(/Số lượt truy cập: [\d.]+/);
    await expect.poll(async () => (await cachedUrls(page, 'np-data-v1')).some((u) => u.includes(`/articles/${opened.slug}`))).toBe(true);
    await context.close();

    // Offline, in a new browser session: a visit would be counted now if there were a connection.
    ({ context, page } = await browserWithProfile(profile));
    await context.setOffline(true);
    API_ROUTES.forEach((route) => api.setFailure(route, 'offline'));
    await server.off();
    const before = api.counts();
    await page.goto(server.url(`tin-tuc/${neverOpened.slug}`));
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(NOT_SAVED_HEADING);
    await expect(page.getByRole('alert')).toContainText('chưa được lưu trên máy');
    await expect(page.getByRole('button', { name: 'Thử lại' })).toBeVisible();
    const saved = page.getByRole('region', { name: SAVED_LIST });
    await expect(saved.getByRole('link', { name: opened.title })).toBeVisible();
    // The counter: the last figures this browser saw, marked as such.
    await expect(page.getByRole('region', { name: COUNTER_HEADING })).toContainText(
      /Số liệu đã lưu lúc \d\d:\d\d \d\d\/\d\d\/\d{4}/,
    );
    // The saved article opens from the list, offline.
    await saved.getByRole('link', { name: opened.title }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(opened.title);
    await expect(page.getByRole('status').filter({ hasText: NOTICE })).toBeVisible();

    // Online again: the figures are read (GET), the offline visit is not counted afterwards.
    API_ROUTES.forEach((route) => api.setFailure(route, null));
    await server.on();
    await context.setOffline(false);
    // Twice the default wait: a reload that outlives the worker's 4 s network timeout shows the saved
    // copy once more, then the fresh one when the worker has stored it (np-updated). Seen once in a
    // CI run on a loaded machine (the test took 17 s there against 5-9 s in five runs alone).
    await expect(page.getByText(NOTICE)).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByRole('region', { name: COUNTER_HEADING })).not.toContainText('Số liệu đã lưu');
    await page.waitForTimeout(500);
    expect(api.counts().visits, 'the visit made offline is not counted later').toBe(before.visits);
    await context.close();
  });
});

test.describe('images and attachments', () => {
  test('the ones a reader opened read offline; a file over the size limit is not kept', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    const site = copySite({ prefix: 'e2e-offline-files-', files: { 'files/tai-lieu-rat-lon.pdf': big } });
    const server = await switchableServer({ root: site.root, base: BASE });
    try {
      const { context, page } = await browserWithProfile(newProfile());
      await page.goto(server.url());
      await offlineReady(page);
      await page.goto(server.url('tin-tuc/le-giao-nhan-quan-nam-2022'));
      await appReady(page);
      const files = ['files/ke-hoach-tuyen-quan-nam-2022.pdf', 'files/tai-lieu-rat-lon.pdf'].map((f) => server.url(f));
      const image = server.url('files/giao-nhan-quan-nam-2022.jpg');
      // What a reader's browser asks for: the image as an image, the attachments as files.
      const open = (urls, img) =>
        page.evaluate(async ({ urls, img }) => {
          const loaded = await new Promise((resolve) => {
            const el = new Image();
            el.onload = () => resolve(el.naturalWidth > 0);
            el.onerror = () => resolve(false);
            el.src = img;
          });
          const statuses = [];
          for (const url of urls) statuses.push(await fetch(url).then((r) => r.status, () => 'failed'));
          return { loaded, statuses };
        }, { urls, img });
      expect(await open(files, image)).toEqual({ loaded: true, statuses: [200, 200] });
      // The worker stores a copy after answering: wait for it as a reader would not notice.
      const kept = () =>
        page.evaluate(async () => {
          const keys = async (name) => (await (await caches.open(name)).keys()).map((r) => r.url);
          return { images: await keys('np-images-v1'), files: await keys('np-files-v1') };
        });
      await expect.poll(async () => (await kept()).files).toContain(files[0]);
      await context.setOffline(true);
      await server.off();
      expect((await open(files, image)).statuses).toEqual([200, 'failed']);
      // The image is the worker's to answer (an element may take it from the page's memory cache).
      const after = await kept();
      expect(after.images).toContain(image);
      expect(after.files).toEqual([files[0]]);
      await context.close();
    } finally {
      await server.close();
      site.remove();
    }
  });
});

test.describe('updates and host pages', () => {
  test('a new deploy shows at the next reload, and caches of an older worker are deleted', async () => {
    const site = copySite({ prefix: 'e2e-offline-deploy-' });
    const server = await startServer({ root: site.root, base: BASE });
    try {
      const { context, page } = await browserWithProfile(newProfile());
      await page.goto(urlFor(server));
      await offlineReady(page);
      await page.evaluate(async () => (await caches.open('np-data-v0')).put('/old', new Response('old')));
      // The deploy: new HTML, a new embed.js and a new worker.
      const write = (file, edit) => fs.writeFileSync(path.join(site.root, file), edit(fs.readFileSync(path.join(site.root, file), 'utf8')));
      write('index.html', (html) => html.replace('<body', '<body data-deploy="2"'));
      write('embed.js', (js) => `${js}\nwindow.npDeploy = 2;\n`);
      write('sw.js', (js) => `${js}\n// deploy 2\n`);
      await page.reload();
      await expect(page.locator('body')).toHaveAttribute('data-deploy', '2');
      await expect.poll(() => page.evaluate(() => window.npDeploy)).toBe(2);
      await expect.poll(() => page.evaluate(() => caches.keys())).not.toContain('np-data-v0');
      await context.close();
    } finally {
      await server.close();
      site.remove();
    }
  });

  test('a host page gets a worker only when its mount point opts in with data-offline="true"', async () => {
    const widget = (offline) =>
      `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Host</title></head><body>
<div data-news-portal="latest" data-feed="${BASE}feed.json" data-href="${BASE}tin-tuc/{slug}"${offline ? ' data-offline="true"' : ''}></div>
<script type="module" src="${BASE}embed.js"></script></body></html>`;
    const site = copySite({ prefix: 'e2e-offline-host-', files: { 'host/plain.html': widget(false), 'host/opted-in.html': widget(true) } });
    const server = await startServer({ root: site.root, base: BASE });
    try {
      const { context, page } = await browserWithProfile(newProfile());
      const registrations = () =>
        page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((r) => (r.active || r.installing || r.waiting)?.scriptURL));
      await page.goto(urlFor(server, 'host/plain.html'));
      await expect(page.getByRole('list').first()).toBeVisible();
      await page.waitForLoadState('load');
      await page.waitForTimeout(500);
      expect(await registrations()).toEqual([]);
      await page.goto(urlFor(server, 'host/opted-in.html'));
      await expect.poll(registrations).toEqual([urlFor(server, 'sw.js?shell=0')]);
      expect(collapse(await page.locator('[data-news-portal]').innerText())).not.toBe('');
      await context.close();
    } finally {
      await server.close();
      site.remove();
    }
  });
});

/**
 * The site as a village network serves it: through a switch the test sets (`answer`), which may take
 * a request over (a captive portal's login page, a truncated feed, a proxy's 502, a slow feed) before
 * it reaches the static server; switched off and on again at the same address like switchableServer.
 */
async function meddledServer(options) {
  const site = await startServer(options);
  let answer = null;
  let front = null;
  let port = 0;
  const listen = () =>
    new Promise((resolve) => {
      front = createServer((req, res) => {
        if (answer?.(req, res)) return;
        const upstream = httpRequest(
          { host: '127.0.0.1', port: site.port, path: req.url, method: req.method, headers: req.headers },
          (r) => {
            res.writeHead(r.statusCode, r.headers);
            r.pipe(res);
          },
        );
        upstream.on('error', () => res.destroy());
        req.pipe(upstream);
      });
      front.listen(port, '127.0.0.1', () => {
        port = front.address().port;
        resolve();
      });
    });
  const close = () =>
    new Promise((resolve) => {
      if (!front) return resolve();
      front.closeAllConnections();
      front.close(() => resolve());
      front = null;
    });
  await listen();
  const origin = () => `http://127.0.0.1:${port}`;
  return {
    url: (relative = '') => new URL(String(relative).replace(/^\/+/, ''), origin() + BASE).href,
    set answer(fn) {
      answer = fn;
    },
    off: close,
    on: () => (front ? undefined : listen()),
    async close() {
      await close();
      await site.close();
    },
  };
}

const PORTAL_PAGE =
  '<!doctype html><html><head><title>Đăng nhập Wi-Fi</title></head><body><h1>Đăng nhập Wi-Fi khách sạn</h1>' +
  '<form><input name="room"><button>Kết nối</button></form></body></html>';
const isFeed = (req) => new URL(req.url, 'http://x').pathname.endsWith('/feed.json');

test.describe('the reading path under real conditions (issue 27)', () => {
  // Browser restarts, a 6 s feed: longer than the default 30 s.
  test.describe.configure({ timeout: 90_000 });
  let site;
  test.beforeEach(async () => {
    site = await meddledServer({ root: distDir, base: BASE });
  });
  test.afterEach(async () => site?.close());

  test('a first visit reads again offline: reload, a new tab, a browser restart; the saved list offers only saved articles', async () => {
    const profile = newProfile();
    let { context, page } = await browserWithProfile(profile);
    // One page, as from a shared link: the worker registers after it, so nothing of it passed through it.
    await page.goto(site.url(ARTICLE_PATH) + '?fbclid=IwAR2x7Qm9kLc0Z');
    await appReady(page);
    await offlineReady(page);
    // Two clicks: the home page, then another article.
    await page.getByRole('navigation', { name: 'Chuyên mục' }).getByRole('link', { name: 'Trang chủ' }).click();
    const other = page.locator('main a[href*="/tin-tuc/"]').filter({ hasNotText: SEED_TITLE }).first();
    const otherTitle = collapse(await other.innerText());
    await other.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(otherTitle);
    await expect.poll(() => cachedUrls(page, 'np-data-v1')).toContain(site.url('feed.json'));
    await expect.poll(() => cachedUrls(page, 'np-pages-v1')).toContain(site.url(ARTICLE_PATH));
    // An article read on another day, before this browser kept anything: listed as read, not saved.
    await page.evaluate(() => {
      const list = localStorage.getItem('np-read') ?? '';
      localStorage.setItem('np-read', `${list}\nbai-doc-truoc-day\tBài đọc trước đây, chưa lưu`);
    });

    await context.setOffline(true);
    await site.off();
    await page.reload();
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(otherTitle);
    await page.goto(site.url(ARTICLE_PATH));
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    await expect(page.locator('article.np-article')).toContainText('dân vận');
    const tab = await context.newPage();
    await tab.goto(site.url());
    await appReady(tab);
    await expect(tab.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(tab.locator('main a[href*="/tin-tuc/"]').first()).toBeVisible();
    // An article never opened: not saved, and the list names only the ones that open offline.
    await tab.goto(site.url('tin-tuc/bai-chua-bao-gio-mo'));
    await appReady(tab);
    const saved = tab.getByRole('region', { name: SAVED_LIST });
    await expect(saved.getByRole('link', { name: SEED_TITLE })).toBeVisible();
    await expect(saved.getByRole('link', { name: 'Bài đọc trước đây, chưa lưu' })).toHaveCount(0);
    await context.close();

    ({ context, page } = await browserWithProfile(profile));
    await context.setOffline(true);
    await page.goto(site.url(ARTICLE_PATH));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    await page.goto(site.url());
    await appReady(page);
    await expect(page.locator('main a[href*="/tin-tuc/"]').first()).toBeVisible();
    await context.close();
  });

  test('a captive portal and a truncated feed while online do not replace the saved copies; a 502 shows the saved copy', async () => {
    const { context, page } = await browserWithProfile(newProfile());
    await page.goto(site.url());
    await appReady(page);
    await offlineReady(page);
    await page.goto(site.url(ARTICLE_PATH));
    await appReady(page);
    await expect.poll(() => cachedUrls(page, 'np-pages-v1')).toContain(site.url(ARTICLE_PATH));
    await expect.poll(() => cachedUrls(page, 'np-data-v1')).toContain(site.url('feed.json'));

    // Hotel Wi-Fi: every answer is its login page, 200 text/html. The reader gets it, as it came.
    site.answer = (req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(PORTAL_PAGE);
      return true;
    };
    await page.goto(site.url(ARTICLE_PATH));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng nhập Wi-Fi khách sạn');
    await page.goto(site.url());
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng nhập Wi-Fi khách sạn');
    const feedAnswer = await page.evaluate(async (url) => (await fetch(url, { headers: { Accept: 'application/feed+json' } })).text(), site.url('feed.json'));
    expect(feedAnswer).toContain('Đăng nhập Wi-Fi');

    // A feed cut off mid-way, cleanly ended with 200.
    site.answer = (req, res) => {
      if (!isFeed(req)) return false;
      const whole = fs.readFileSync(path.join(distDir, 'feed.json'));
      res.writeHead(200, { 'Content-Type': 'application/feed+json', 'Cache-Control': 'no-store' });
      res.end(whole.subarray(0, Math.floor(whole.length / 2)));
      return true;
    };
    await page.goto(site.url(ARTICLE_PATH));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    await page.waitForTimeout(1000);

    // A proxy's 502 for the feed while a saved copy exists: the saved copy, with the notice.
    site.answer = (req, res) => {
      if (!isFeed(req)) return false;
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<h1>502 Bad Gateway</h1>');
      return true;
    };
    await page.goto(site.url());
    await appReady(page);
    await expect(page.getByRole('status').filter({ hasText: NOTICE })).toBeVisible();
    await expect(page.getByText('HTTP 502')).toHaveCount(0);

    site.answer = null;
    await context.setOffline(true);
    await site.off();
    await page.goto(site.url(ARTICLE_PATH));
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    await expect(page.getByRole('status').filter({ hasText: NOTICE })).toBeVisible();
    await expect(page.getByText('HTML thay vì JSON')).toHaveCount(0);
    await page.goto(site.url());
    await appReady(page);
    await expect(page.getByRole('status').filter({ hasText: NOTICE })).toBeVisible();
    await expect(page.locator('main a[href*="/tin-tuc/"]').first()).toBeVisible();
    await context.close();
  });

  test('a feed answering in 6 s with the worker active: the saved copy first, then the fresh one by itself', async () => {
    const { context, page } = await browserWithProfile(newProfile());
    await page.goto(site.url());
    await appReady(page);
    await offlineReady(page);
    await expect.poll(() => cachedUrls(page, 'np-data-v1')).toContain(site.url('feed.json'));
    // The feed takes 6 s (a village network): longer than the worker waits for it (4 s).
    site.answer = (req, res) => {
      if (!isFeed(req)) return false;
      setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'application/feed+json', 'Cache-Control': 'no-store' });
        res.end(fs.readFileSync(path.join(distDir, 'feed.json')));
      }, 6000);
      return true;
    };
    await page.goto(site.url(ARTICLE_PATH));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    const notice = page.getByRole('status').filter({ hasText: NOTICE });
    await expect(notice).toBeVisible({ timeout: 10_000 });
    // No `online` event comes on a connected device: the worker's own word that the copy is fresh.
    await expect(notice).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    await context.close();
  });
});
