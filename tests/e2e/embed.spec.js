// Embedding on a host portal (issue 7). A temp site plays the operator's existing portal:
//
//   /tin-huyen/            host page (tests/fixtures/host/index.html): hostile global CSS, generic class
//                          names, its own header, skip link and menu; the app mounted with
//                          data-base="/tin-huyen" and a counter widget in the host's sidebar
//   /tin-huyen/hash.html   the same app with data-routing="hash" (a host that cannot rewrite URLs)
//   /tin-huyen/widgets.html  only widgets: counter, two `latest` lists, one `article`
//   /assets/np/            the build (dist), a different path from the pages
//   anything else without an extension → the host page (the README's `try_files $uri /tin-huyen/index.html`)
//
// plus https://cdn.example/np/ (intercepted, with CORS headers) for a cross-origin CDN.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { mimeType, startServer } from './server.mjs';
import {
  BASE,
  COUNTER_HEADING,
  appReady,
  RELATED_HEADING,
  SEED_SLUG,
  SEED_TITLE,
  collapse,
  collectErrors,
  distDir,
  globalListeners,
  groupDigitsVi,
  readSeed,
  repoRoot,
  sectionText,
  shellHtml,
} from './support.mjs';

const seed = readSeed();
const hostDir = path.join(repoRoot, 'tests/fixtures/host');
const ACCENT = 'rgb(11, 61, 122)';
const CDN = 'https://cdn.example/np/';

/** The feed's articles, newest first, as { slug, title }. */
function newestArticles() {
  const feed = JSON.parse(fs.readFileSync(path.join(distDir, 'feed.json'), 'utf8'));
  return feed.items
    .map((item) => ({ slug: item._portal?.slug, date: Date.parse(item.date_published), title: item.title }))
    .sort((a, b) => b.date - a.date);
}

let root;
let server;

test.beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-embed-'));
  fs.cpSync(distDir, path.join(root, 'assets/np'), { recursive: true });
  fs.mkdirSync(path.join(root, 'tin-huyen'));
  for (const file of fs.readdirSync(hostDir)) fs.copyFileSync(path.join(hostDir, file), path.join(root, 'tin-huyen', file));
  // The SPA fallback of the test server is root/index.html: the host page, as the rewrite would serve it.
  fs.copyFileSync(path.join(hostDir, 'index.html'), path.join(root, 'index.html'));
  // The hash-routed host page again, loading everything from a CDN on another origin.
  const cdnPage = fs.readFileSync(path.join(hostDir, 'hash.html'), 'utf8').replaceAll('/assets/np/', CDN);
  fs.writeFileSync(path.join(root, 'tin-huyen/cdn.html'), cdnPage);
  // Widgets configured wrongly: each says so in place, and the host page stays as it is.
  const badWidgets = fs
    .readFileSync(path.join(hostDir, 'widgets.html'), 'utf8')
    .replace(/<div id="latest-base"[^>]*><\/div>/, '<div id="bad-limit" data-news-portal="latest" data-feed="feed.json" data-limit="0"></div>')
    .replace(/<div id="article"[^>]*><\/div>/, '<div id="bad-article" data-news-portal="article" data-feed="feed.json"></div>');
  fs.writeFileSync(path.join(root, 'tin-huyen/bad-widgets.html'), badWidgets);
  server = await startServer({ root, base: '/' });
});

test.afterAll(async () => {
  await server?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

const url = (p) => new URL(p, server.origin).href;
const appMount = (page) => page.locator('[data-news-portal="app"]');
const appHeading = (page) => appMount(page).getByRole('heading', { level: 1 });
const appMain = (page) => appMount(page).getByRole('main');

/**
 * Holds embed.js back until release() so the host page can be measured without the app. The page is
 * fully parsed and its own stylesheet applied when `goto` resolves.
 */
async function gotoWithoutApp(page, address) {
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await page.route('**/embed.js', async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(address, { waitUntil: 'commit' });
  await page.waitForFunction(
    () => document.querySelector('footer') && [...document.styleSheets].some((s) => s.href?.endsWith('/host.css')),
  );
  return release;
}

/**
 * Computed styles of the host's own elements, minus what follows from the page's size. The selectors
 * must not match inside the app (which has its own <footer>, <nav>, <p>…).
 */
const HOST_ELEMENTS = {
  html: 'html',
  body: 'body',
  'skip link': 'a.skip',
  header: 'header.header',
  'header title': 'header .title',
  nav: 'nav.nav',
  'nav list': 'nav.nav .list',
  'nav item': 'nav.nav .item',
  'nav link': 'nav.nav a',
  content: '.content',
  card: '.content > .card',
  'card title': '.content > .card > .title',
  'card text': '.content > .card > p',
  'host button': '.content > .card > button',
  sidebar: '.sidebar',
  'sidebar card': '.sidebar .card',
  'sidebar list': '.sidebar .list',
  'sidebar item': '.sidebar .item',
  footer: 'footer.footer',
  'footer text': 'footer.footer > p',
};
const SIZE_DEPENDENT = ['width', 'height', 'inline-size', 'block-size', 'transform-origin', 'perspective-origin'];

function hostStyles(page) {
  return page.evaluate(
    ({ selectors, skip }) => {
      const out = {};
      for (const [name, selector] of Object.entries(selectors)) {
        const el = document.querySelector(selector);
        if (!el) {
          out[name] = null;
          continue;
        }
        const cs = getComputedStyle(el);
        const props = {};
        for (let i = 0; i < cs.length; i++) {
          const p = cs[i];
          if (!p.startsWith('--') && !skip.includes(p)) props[p] = cs.getPropertyValue(p);
        }
        out[name] = props;
      }
      return out;
    },
    { selectors: HOST_ELEMENTS, skip: SIZE_DEPENDENT },
  );
}

function styleDiff(before, after) {
  const diffs = [];
  for (const [name, props] of Object.entries(before)) {
    if (!props && !after[name]) continue; // not on this page
    if (!props || !after[name]) {
      diffs.push(`${name}: element ${props ? 'gone' : 'appeared'}`);
      continue;
    }
    for (const [p, v] of Object.entries(props)) {
      if (after[name][p] !== v) diffs.push(`${name} { ${p}: ${v} → ${after[name][p]} }`);
    }
  }
  return diffs;
}

test.describe('app mode under a sub-path of a hostile host page', () => {
  let errors;
  test.beforeEach(({ page }) => {
    errors = collectErrors(page);
  });
  test.afterEach(() => errors.assertNone());

  test('renders from /assets/np/, navigates in-app under /tin-huyen, deep links survive a reload', async ({ page }) => {
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));

    await page.goto(url('/tin-huyen/'));
    await expect(appHeading(page)).toBeVisible();
    const seedLink = appMain(page).getByRole('link', { name: SEED_TITLE, exact: true });
    await expect(seedLink).toBeVisible();

    await test.step('everything of the app comes from /assets/np/', async () => {
      const own = requests.filter((p) => /\.(js|wasm|css|json)$/.test(p) && !p.endsWith('/host.css'));
      expect(own).toContain('/assets/np/embed.js');
      expect(own.some((p) => p.endsWith('_bg.wasm'))).toBe(true);
      expect(own.filter((p) => !p.startsWith('/assets/np/')), 'no asset outside /assets/np/').toEqual([]);
      // The stylesheet went into the first mount point, not into the host's <head>.
      await expect(page.locator('head link[href*="/assets/np/"]')).toHaveCount(0);
      await expect(page.locator('[data-news-portal] > link[data-news-portal-css]')).toHaveCount(1);
    });

    await test.step('document-wide listeners: the router\'s and the offline refresh, nothing else', async () => {
      const listeners = await globalListeners(page);
      expect([...new Set(listeners.window)].sort()).toEqual(['click', 'online', 'popstate']);
      expect([...listeners.document, ...listeners['document.documentElement'], ...listeners['document.body']]).toEqual([]);
    });

    await test.step('data-lang: lang on the mount elements only', async () => {
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(appMount(page)).toHaveAttribute('lang', 'vi');
      await expect(page.locator('#sidebar-counter')).toHaveAttribute('lang', 'vi');
    });

    await test.step('in-app links carry the base path', async () => {
      const hrefs = await appMain(page).locator('a[href*="tin-tuc"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) expect(href).toMatch(/^\/tin-huyen\/tin-tuc\/[a-z0-9-]+$/);
    });

    await test.step('home → article without a page load', async () => {
      await page.evaluate(() => (window.__samePage = true));
      await seedLink.click();
      await expect(page).toHaveURL((u) => u.pathname === `/tin-huyen/tin-tuc/${SEED_SLUG}`);
      await expect(appHeading(page)).toHaveText(SEED_TITLE);
      expect(await page.evaluate(() => window.__samePage)).toBe(true);
      const related = appMain(page).getByRole('heading', { level: 2, name: RELATED_HEADING, exact: true });
      await expect(related).toBeVisible();
    });

    await test.step('deep link reload (SPA fallback) and back', async () => {
      await page.reload();
      await expect(appHeading(page)).toHaveText(SEED_TITLE);
      await expect(page).toHaveURL((u) => u.pathname === `/tin-huyen/tin-tuc/${SEED_SLUG}`);
      await page.goBack();
      await expect(page).toHaveURL((u) => u.pathname === '/tin-huyen/');
      await expect(appMain(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
    });
  });

  test('two mount points: the counter in the host sidebar works next to the app', async ({ page }) => {
    await page.goto(url(`/tin-huyen/tin-tuc/${SEED_SLUG}`));
    await expect(appHeading(page)).toHaveText(SEED_TITLE);
    const heading = page.locator('#sidebar-counter').getByRole('heading', { level: 2, name: COUNTER_HEADING });
    await expect(heading).toBeVisible();
    const text = async () => (await sectionText(heading)).replace(/\s*:\s*/g, ': ');
    await expect.poll(text).toContain(`Số lượt truy cập: ${groupDigitsVi(seed.visits)}`);
    await expect.poll(text).toContain(`Tổng số lượt xem: ${groupDigitsVi(seed.pageViews)}`);
    // The app's own sidebar has its counter too: two mounts, two counters, one page.
    await expect(page.getByRole('heading', { level: 2, name: COUNTER_HEADING })).toHaveCount(2);
  });

  test("the host's own links stay the host's: a link under the base outside the app loads the page", async ({ page }) => {
    await page.goto(url(`/tin-huyen/tin-tuc/${SEED_SLUG}`));
    await expect(appHeading(page)).toHaveText(SEED_TITLE);
    await page.evaluate(() => (window.__samePage = true));
    await page.getByRole('link', { name: 'Tin huyện', exact: true }).click();
    await expect(page).toHaveURL((u) => u.pathname === '/tin-huyen/');
    await expect(appMain(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
    expect(await page.evaluate(() => window.__samePage)).toBeUndefined();
  });

  test("the host's computed styles are the same before and after the app mounts", async ({ page }) => {
    const release = await gotoWithoutApp(page, url('/tin-huyen/'));
    const before = await hostStyles(page);
    expect(Object.values(before).filter((v) => v === null), 'every host element exists').toEqual([]);
    release();
    await expect(appMain(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
    await expect(page.locator('#sidebar-counter').getByRole('heading', { name: COUNTER_HEADING })).toBeVisible();
    const after = await hostStyles(page);
    expect(styleDiff(before, after)).toEqual([]);
  });

  test("the app holds up against the host's global CSS", async ({ page }) => {
    await page.goto(url('/tin-huyen/'));
    await expect(appMain(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
    const style = (locator, props) =>
      locator.evaluate((el, names) => Object.fromEntries(names.map((n) => [n, getComputedStyle(el).getPropertyValue(n)])), props);

    await test.step('no typography inherited from the host (.content: uppercase, centred, spaced, green)', async () => {
      const s = await style(page.locator('.np-app').first(), ['text-transform', 'letter-spacing', 'text-align', 'color', 'font-family', 'line-height']);
      expect(s['text-transform']).toBe('none');
      expect(s['letter-spacing']).toBe('normal');
      expect(['start', 'left']).toContain(s['text-align']);
      expect(s.color).toBe('rgb(26, 26, 26)');
      expect(s['font-family']).toContain('Segoe UI');
      const h1 = await style(appHeading(page), ['text-transform', 'border-bottom-style', 'color']);
      expect(h1).toEqual({ 'text-transform': 'none', 'border-bottom-style': 'none', color: ACCENT });
    });

    await test.step('links, lists and dates: `a { color: red }`, `ul { list-style: square; padding: 40px }`, `time { display: none }`', async () => {
      const link = await style(appMain(page).getByRole('link', { name: SEED_TITLE, exact: true }), ['color']);
      expect(link.color).toBe(ACCENT);
      const list = await style(appMain(page).locator('ul').first(), ['list-style-type', 'padding-top', 'padding-left', 'margin-left']);
      expect(list).toEqual({ 'list-style-type': 'none', 'padding-top': '0px', 'padding-left': '0px', 'margin-left': '0px' });
      const time = appMain(page).locator('time').first();
      await expect(time).toBeVisible();
      expect((await style(time, ['display'])).display).toBe('inline');
    });

    await test.step('`button { all: unset }`: the app button keeps its look and works', async () => {
      const more = appMain(page).getByRole('button', { name: 'Xem thêm' });
      const s = await style(more, ['display', 'background-color', 'cursor', 'border-top-style', 'padding-left', 'box-sizing']);
      expect(s.display).toBe('inline-block');
      expect(s['background-color']).toBe(ACCENT);
      expect(s.cursor).toBe('pointer');
      expect(s['border-top-style']).toBe('solid');
      expect(parseFloat(s['padding-left'])).toBeGreaterThan(10);
      expect(s['box-sizing']).toBe('border-box');
      const count = () => appMain(page).locator('a[href*="/tin-tuc/"]').count();
      const shown = await count();
      await more.focus();
      await page.keyboard.press('Enter');
      await expect.poll(count).toBeGreaterThan(shown);
    });

    await test.step('`* { box-sizing: content-box }`, `html { font-size: 24px }`: no horizontal overflow', async () => {
      const overflow = await page.locator('.np-app').first().evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(1);
    });
  });
});

test.describe('hash routing (data-routing="hash")', () => {
  let errors;
  test.beforeEach(({ page }) => {
    errors = collectErrors(page);
  });
  test.afterEach(() => errors.assertNone());

  test('links are #/tin-tuc/…, back and forward work, reload keeps the route', async ({ page }) => {
    await page.goto(url('/tin-huyen/hash.html'));
    const seedLink = appMain(page).getByRole('link', { name: SEED_TITLE, exact: true });
    await expect(seedLink).toBeVisible();
    await expect(seedLink).toHaveAttribute('href', `#/tin-tuc/${SEED_SLUG}`);
    const hrefs = await appMain(page).locator('a[href*="tin-tuc"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of hrefs) expect(href).toMatch(/^#\/tin-tuc\/[a-z0-9-]+$/);

    // No click interception: the document-wide listeners are hashchange and online (offline reading).
    const listeners = await globalListeners(page);
    expect([...new Set(listeners.window)].sort()).toEqual(['hashchange', 'online']);
    expect([...listeners.document, ...listeners['document.documentElement'], ...listeners['document.body']]).toEqual([]);

    await seedLink.click();
    await expect(appHeading(page)).toHaveText(SEED_TITLE);
    await expect(page).toHaveURL((u) => u.pathname === '/tin-huyen/hash.html' && u.hash === `#/tin-tuc/${SEED_SLUG}`);
    await expect(appHeading(page), 'focus moves to the new page heading').toBeFocused();
    const related = appMain(page).getByRole('heading', { level: 2, name: RELATED_HEADING, exact: true });
    await expect(related).toBeVisible();
    for (const href of await related.locator('xpath=..').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      expect(href).toMatch(/^#\/tin-tuc\//);
    }

    await page.reload();
    await expect(appHeading(page)).toHaveText(SEED_TITLE);

    await page.goBack();
    await expect(page).toHaveURL((u) => u.pathname === '/tin-huyen/hash.html' && u.hash === '');
    await expect(appMain(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
    await page.goForward();
    await expect(appHeading(page)).toHaveText(SEED_TITLE);

    await test.step('a search (MountContext::navigate): the query lives in the fragment too', async () => {
      const field = appMount(page).getByRole('searchbox', { name: 'Tìm kiếm' }).first();
      await field.fill('dan van quy I');
      await field.press('Enter');
      await expect(page).toHaveURL((u) => u.pathname === '/tin-huyen/hash.html' && u.hash.startsWith('#/tim-kiem?q=dan'));
      await expect(appHeading(page)).toHaveText('Kết quả tìm kiếm');
      await expect(appMain(page).getByRole('link', { name: SEED_TITLE })).toHaveAttribute('href', `#/tin-tuc/${SEED_SLUG}`);
      await page.reload();
      await expect(appMain(page).getByRole('link', { name: SEED_TITLE })).toBeVisible();
      await page.goBack();
      await expect(appHeading(page)).toHaveText(SEED_TITLE);
    });
  });

  test("a fragment that is not a route (the host's skip link) keeps the page; unknown routes find home", async ({ page }) => {
    await page.goto(url(`/tin-huyen/hash.html#/tin-tuc/${SEED_SLUG}`));
    await expect(appHeading(page)).toHaveText(SEED_TITLE);
    await page.keyboard.press('Tab');
    await expect(page.locator('a.skip')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL((u) => u.hash === '#content');
    await page.waitForTimeout(200);
    await expect(appHeading(page)).toHaveText(SEED_TITLE);

    await page.goto(url('/tin-huyen/hash.html#/khong-co-trang-nay'));
    await expect(appHeading(page)).toContainText('Không tìm thấy');
    const home = appMain(page).getByRole('link', { name: 'Về trang chủ' });
    await expect(home).toHaveAttribute('href', '#/');
    await home.click();
    await expect(page).toHaveURL((u) => u.hash === '#/');
    await expect(appMain(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
  });

  test('the whole app from a CDN on another origin (https://cdn.example/np/embed.js)', async ({ page }) => {
    const assets = path.join(root, 'assets/np');
    const fromCdn = [];
    await page.route(`${CDN}**`, (route) => {
      const rel = decodeURIComponent(new URL(route.request().url()).pathname.replace(/^\/np\//, ''));
      const file = path.join(assets, rel);
      fromCdn.push(rel);
      if (!file.startsWith(assets) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: 'Not Found' });
      return route.fulfill({
        status: 200,
        path: file,
        headers: { 'Content-Type': mimeType(file), 'Access-Control-Allow-Origin': '*' },
      });
    });
    await page.goto(url('/tin-huyen/cdn.html'));
    const seedLink = appMain(page).getByRole('link', { name: SEED_TITLE, exact: true });
    await expect(seedLink).toBeVisible();
    expect(fromCdn).toEqual(expect.arrayContaining(['embed.js', 'feed.json']));
    expect(fromCdn.some((f) => f.endsWith('_bg.wasm'))).toBe(true);
    await expect(page.locator('link[data-news-portal-css]')).toHaveAttribute('href', new RegExp(`^${CDN}main-[0-9a-f]+\\.css$`));
    await seedLink.click();
    await expect(appHeading(page)).toHaveText(SEED_TITLE);
    // The attachment is a file next to the feed: on the CDN too.
    await expect(appMain(page).getByRole('link', { name: seed.attachment })).toHaveAttribute('href', new RegExp(`^${CDN}`));
  });
});

test.describe('widget modes', () => {
  let errors;
  test.beforeEach(({ page }) => {
    errors = collectErrors(page);
  });
  test.afterEach(() => errors.assertNone());

  test('leave document.title, <head>, the URL and focus alone, and register no global listeners', async ({ page }) => {
    const release = await gotoWithoutApp(page, url('/tin-huyen/widgets.html'));
    const snapshot = () =>
      page.evaluate(() => ({
        title: document.title,
        head: document.head.outerHTML,
        href: location.href,
        history: history.length,
        active: document.activeElement?.tagName,
        htmlLang: document.documentElement.getAttribute('lang'),
      }));
    const before = await snapshot();
    // The snapshot is the host's page before the loader ran: its <head> is the served one, element for
    // element, and no mount point is mounted yet.
    const served = fs.readFileSync(path.join(hostDir, 'widgets.html'), 'utf8');
    const heads = await page.evaluate((html) => ({
      live: [...document.head.children].map((e) => e.outerHTML),
      served: [...new DOMParser().parseFromString(html, 'text/html').head.children].map((e) => e.outerHTML),
      mounted: document.querySelectorAll('[data-news-portal-mounted]').length,
    }), served);
    expect(heads.live, 'the <head> snapshot is the served one').toEqual(heads.served);
    expect(heads.mounted, 'nothing mounted before the loader runs').toBe(0);
    const listenersBefore = await globalListeners(page);
    const styles = await hostStyles(page);
    release();

    await expect(page.locator('#latest-base li')).toHaveCount(3);
    await expect(page.locator('#article').getByRole('heading', { level: 2, name: SEED_TITLE })).toBeVisible();
    const counter = page.locator('#sidebar-counter').getByRole('heading', { name: COUNTER_HEADING });
    await expect.poll(async () => (await sectionText(counter)).replace(/\s*:\s*/g, ': ')).toContain(
      `Số lượt truy cập: ${groupDigitsVi(seed.visits)}`,
    );
    await page.waitForTimeout(500);

    expect(await snapshot()).toEqual(before);
    expect(await globalListeners(page)).toEqual(listenersBefore);
    expect(listenersBefore.window).toEqual([]);
    const after = await hostStyles(page);
    expect(styleDiff(styles, after)).toEqual([]);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1); // the host's own
  });

  test('latest: data-limit items, newest first, links from data-href (base or {slug} template)', async ({ page }) => {
    const newest = newestArticles();
    await page.goto(url('/tin-huyen/widgets.html'));

    const base = page.locator('#latest-base');
    await expect(base.locator('li')).toHaveCount(3);
    const baseHrefs = await base.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(baseHrefs).toEqual(newest.slice(0, 3).map((a) => `/tin-huyen/tin-tuc/${a.slug}`));
    await expect(base.locator('time').first()).toBeVisible();

    const template = page.locator('#latest-template');
    await expect(template.locator('li')).toHaveCount(5);
    const templateHrefs = await template.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(templateHrefs).toEqual(newest.slice(0, 5).map((a) => `/tin-huyen/hash.html#/tin-tuc/${a.slug}`));
    await expect(template).toHaveAttribute('lang', 'vi-VN');

    await test.step('a latest link opens the article in the app', async () => {
      await base.locator('a').first().click();
      await expect(page).toHaveURL((u) => u.pathname === `/tin-huyen/tin-tuc/${newest[0].slug}`);
      await expect(appHeading(page)).toHaveText(collapse(newest[0].title));
    });
  });

  test('widgets reading the same feed share one request for it', async ({ page }) => {
    const feedRequests = [];
    page.on('request', (r) => new URL(r.url()).pathname.endsWith('/feed.json') && feedRequests.push(r.url()));
    await page.goto(url('/tin-huyen/widgets.html'));
    // Four mount points (two lists, an article, a counter), all with data-feed="feed.json".
    await expect(page.locator('#latest-base li')).toHaveCount(3);
    await expect(page.locator('#latest-template li')).toHaveCount(5);
    await expect(page.locator('#article').getByRole('heading', { level: 2, name: SEED_TITLE })).toBeVisible();
    await expect(page.locator('#sidebar-counter')).toContainText(groupDigitsVi(seed.visits));
    expect(feedRequests).toHaveLength(1);

    await test.step('a mount point the page adds later is mounted, from the same feed', async () => {
      await page.evaluate(() => {
        const late = document.createElement('div');
        late.id = 'late';
        late.setAttribute('data-news-portal', 'latest');
        late.setAttribute('data-feed', 'feed.json');
        late.setAttribute('data-limit', '2');
        document.querySelector('main, body').append(late);
      });
      await expect(page.locator('#late li')).toHaveCount(2);
      await expect(page.locator('#late')).toHaveAttribute('data-news-portal-mounted', '');
      expect(feedRequests).toHaveLength(1);
    });
  });

  test('article: one article by data-slug, as a block of the host page', async ({ page }) => {
    await page.goto(url('/tin-huyen/widgets.html'));
    const widget = page.locator('#article');
    await expect(widget.getByRole('heading', { level: 2, name: SEED_TITLE })).toBeVisible();
    await expect(widget.getByRole('heading', { level: 1 })).toHaveCount(0);
    for (const paragraph of seed.paragraphs) {
      await expect(widget.getByRole('paragraph').filter({ hasText: collapse(paragraph) })).toHaveCount(1);
    }
    await expect(widget.getByText(seed.date)).toBeVisible();
    await expect(widget.getByRole('link', { name: seed.attachment })).toBeVisible();
    // One article, not the app: no related news, no router links.
    await expect(widget.getByRole('heading', { name: RELATED_HEADING })).toHaveCount(0);
  });
});

test('a misconfigured widget reports in place, without touching the page', async ({ page }) => {
  const errors = collectErrors(page, { console: false }); // the configuration error is logged on purpose
  const logged = [];
  page.on('console', (m) => m.type() === 'error' && logged.push(m.text()));
  await page.goto(url('/tin-huyen/bad-widgets.html'));
  await expect(page.locator('#bad-limit').getByRole('alert')).toContainText('data-limit');
  await expect(page.locator('#bad-article').getByRole('alert')).toContainText('data-slug');
  // The well-configured widgets on the same page are unaffected.
  await expect(page.locator('#latest-template li')).toHaveCount(5);
  await expect(page).toHaveTitle('Host home page with news widgets');
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  expect(logged.filter((t) => t.startsWith('[news-portal]'))).toHaveLength(2);
  errors.assertNone();
});

test.describe('the build', () => {
  test('index.html loads the same embed.js; its preloads are the files embed.js loads, fetched once', async ({ page }) => {
    // Trunk's index.html (the app's shell); the prerendered pages drop the preloads (prerender.spec.js).
    const html = shellHtml(distDir);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(new RegExp(`type="module"\\s+src="${BASE}embed\\.js"`));
    // Scripts at low priority (they never block the first paint); the wasm's preload stays high.
    expect(scripts[0]).toContain('fetchpriority="low"');
    const links = [...html.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]);
    const modulepreloads = links.filter((l) => l.includes('rel="modulepreload"'));
    expect(modulepreloads.length).toBeGreaterThan(0);
    for (const l of modulepreloads) expect(l).toContain('fetchpriority="low"');
    const wasmPreload = links.filter((l) => /rel="preload"[^>]*\.wasm"/.test(l));
    expect(wasmPreload).toHaveLength(1);
    expect(wasmPreload[0]).not.toContain('fetchpriority');
    expect(fs.existsSync(path.join(distDir, 'boot.js')), 'the old loader is gone').toBe(false);

    const embed = fs.readFileSync(path.join(distDir, 'embed.js'), 'utf8');
    // The app's glue JS and wasm (release builds minify embed.js: either quote).
    const imported = [...new Set([...embed.matchAll(/["']\.\/(minh-long-portal-[0-9a-f]+(?:_bg\.wasm|\.js))["']/g)].map((m) => m[1]))];
    expect(imported).toHaveLength(2);
    // The scripts of widget-only pages (README, "Widget-only pages": the counter script, the latest
    // script, the widgets' wasm's glue) are not the app's: the shell neither preloads nor fetches them.
    for (const stem of ['widget-counter', 'widget-latest', 'portal-widgets']) {
      const widgetScript = embed.match(new RegExp(`"\\./(${stem}-[0-9a-f]{16}\\.js)"`))?.[1];
      expect(widgetScript, `embed.js names the ${stem} script`).toBeTruthy();
      expect(fs.existsSync(path.join(distDir, widgetScript))).toBe(true);
      expect(html).not.toContain(widgetScript);
    }
    const preloads = [...html.matchAll(/<link\b[^>]*rel="(?:modulepreload|preload)"[^>]*>/g)].map(
      (m) => m[0].match(/href="([^"]+)"/)[1],
    );
    for (const href of preloads) {
      expect(href.startsWith(BASE), `${href} is under the public URL`).toBe(true);
      expect(fs.existsSync(path.join(distDir, href.slice(BASE.length))), `${href} exists in the build`).toBe(true);
    }
    for (const file of imported) expect(preloads).toContain(BASE + file);

    const site = await startServer({ root: distDir, base: BASE });
    try {
      const errors = collectErrors(page);
      const counts = {};
      page.on('request', (r) => {
        const p = new URL(r.url()).pathname;
        counts[p] = (counts[p] ?? 0) + 1;
      });
      await page.goto(site.url);
      await expect(page.getByRole('main').getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
      // The home page is prerendered: its link shows before the wasm is asked for (after the paint).
      await appReady(page);
      for (const file of imported) expect(counts[BASE + file], `${file} requested once`).toBe(1);
      expect(Object.keys(counts).filter((p) => /widget-counter-|widget-latest-|widgets-[0-9a-f]{16}\.css/.test(p)), 'no widget-page file').toEqual([]);
      // index.html links the stylesheet itself: embed.js adds no second copy.
      await expect(page.locator('link[data-news-portal-css]')).toHaveCount(0);
      errors.assertNone();
    } finally {
      await site.close();
    }
  });
});

// Issue 16, item 5: a data-base the browser percent-encodes in location.pathname ("/tin-tức" is
// "/tin-t%E1%BB%A9c" there) routes as written; one that cannot be a path prefix is a configuration
// error shown in place, not a silent 404 on every page.
test.describe('data-base with characters the browser encodes', () => {
  let baseRoot;
  let baseServer;
  const hostPage = (base) =>
    fs.readFileSync(path.join(hostDir, 'index.html'), 'utf8').replace('data-base="/tin-huyen"', `data-base="${base}"`);
  test.beforeAll(async () => {
    baseRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-base-'));
    fs.cpSync(distDir, path.join(baseRoot, 'assets/np'), { recursive: true });
    fs.mkdirSync(path.join(baseRoot, 'tin-huyen'));
    fs.copyFileSync(path.join(hostDir, 'host.css'), path.join(baseRoot, 'tin-huyen/host.css'));
    // Every path without a file is answered with this page, as the server rewrite would.
    fs.writeFileSync(path.join(baseRoot, 'index.html'), hostPage('/tin-tức'));
    // The page under its own name too, as a static server or a bookmark may address it.
    fs.mkdirSync(path.join(baseRoot, 'tin-tức'));
    fs.writeFileSync(path.join(baseRoot, 'tin-tức/index.html'), hostPage('/tin-tức'));
    for (const [file, base] of [['query.html', '/x?y'], ['fragment.html', '/x#y'], ['dots.html', '/a/../b']]) {
      fs.writeFileSync(path.join(baseRoot, 'tin-huyen', file), hostPage(base));
    }
    baseServer = await startServer({ root: baseRoot, base: '/' });
  });
  test.afterAll(async () => {
    await baseServer?.close();
    if (baseRoot) fs.rmSync(baseRoot, { recursive: true, force: true });
  });
  const at = (p) => new URL(p, baseServer.origin).href;

  test('data-base="/tin-tức" serves the home page and articles, deep links included', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto(at('/tin-tức/'));
    await expect(appHeading(page)).toHaveText('Tin mới nhất');
    const seedLink = appMain(page).getByRole('link', { name: SEED_TITLE, exact: true });
    await expect(seedLink).toHaveAttribute('href', `/tin-t%E1%BB%A9c/tin-tuc/${SEED_SLUG}`);
    await seedLink.click();
    await expect(appHeading(page)).toHaveText(SEED_TITLE);
    await page.goto(at(`/tin-t%e1%bb%a9c/tin-tuc/${SEED_SLUG}`));
    await expect(appHeading(page)).toHaveText(SEED_TITLE);
    await page.goto(at('/tin-tức/index.html'));
    await expect(appHeading(page)).toHaveText('Tin mới nhất');
    errors.assertNone();
  });

  for (const [file, base] of [['query.html', '/x?y'], ['fragment.html', '/x#y'], ['dots.html', '/a/../b']]) {
    test(`data-base="${base}" is a configuration error shown in place`, async ({ page }) => {
      const errors = collectErrors(page, { console: false }); // the configuration error is logged on purpose
      const logged = [];
      page.on('console', (m) => m.type() === 'error' && logged.push(m.text()));
      await page.goto(at(`/tin-huyen/${file}`));
      const alert = appMount(page).getByRole('alert');
      await expect(alert).toContainText('Cấu hình trang chưa đúng');
      await expect(alert).toContainText('data-base');
      await expect(appMount(page).getByText('Không tìm thấy', { exact: false })).toHaveCount(0);
      expect(logged.some((t) => t.startsWith('[news-portal]') && t.includes('data-base'))).toBe(true);
      errors.assertNone();
    });
  }
});
