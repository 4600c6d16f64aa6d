// Prerendered pages (README, "Prerendered pages"): what a crawler or a reader without JavaScript gets
// from the server, and the app taking a page over without anything moving.
//
// The build's own pages come from `trunk build --release` (scripts/post-build.mjs runs the prerender on
// the bundled feed). The API, sub-path and XSS cases prerender a copy of the site with the binary the
// build left in target/prerender/.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startFakeApi, prepareSite, attr } from './fake-api.mjs';
import { startServer } from './server.mjs';
import {
  ARTICLE_PATH, BASE, SEED_SLUG, SEED_TITLE, collectErrors, collapse, distDir, readSeed, repoRoot, sitePath, unprerender,
  urlFor,
} from './support.mjs';
import { VECTORS, buildFeed, inspectPage, trapDialogs } from './xss-corpus.mjs';

const PRERENDER = path.join(repoRoot, 'target/prerender/prerender');

/**
 * Runs the prerender binary on a site copy (the copy's index.html must be Trunk's shell). Asynchronous:
 * the fake API it reads from answers from this same process.
 */
async function prerender(args) {
  return (await promisify(execFile)(PRERENDER, args, { encoding: 'utf8' })).stdout;
}

/**
 * A copy of the build pointed at a fake portal API (options: startFakeApi's, or a function giving them
 * when beforeAll runs) and prerendered from it,
 * served to the tests of the current describe block: { api, root, server } once beforeAll has run.
 */
function apiPrerenderedSite(test, prefix, apiOptions = {}) {
  const site = {};
  test.beforeAll(async () => {
    site.root = prepareSite({ distDir, mount: 'data-api="__API__"', prefix }).root;
    site.server = await startServer({ root: site.root, base: BASE });
    const options = typeof apiOptions === 'function' ? apiOptions() : apiOptions;
    site.api = await startFakeApi({ ...options, assetBase: site.server.url });
    const index = path.join(site.root, 'index.html');
    fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('__API__', attr(site.api.url)));
    await prerender(['--api', site.api.url, '--dist', site.root, '--site-url', site.server.origin]);
  });
  test.afterAll(async () => {
    await site.api?.close();
    await site.server?.close();
    if (site.root) fs.rmSync(site.root, { recursive: true, force: true });
  });
  return site;
}

/** A copy of the build with its prerendered pages taken out. */
function shellCopy(prefix) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(distDir, root, { recursive: true });
  unprerender(root);
  return root;
}

/** Layout shifts and the first contentful paint, recorded from the start of the document. */
async function recordPaints(page) {
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__shifts.push({ value: e.value, recent: e.hadRecentInput });
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

const takenOver = (page) => page.waitForFunction(() => !document.querySelector('[data-np-prerendered]') &&
  document.querySelector('[data-news-portal-mounted]'), null, { timeout: 15_000 });

test.describe('the build\'s prerendered pages', () => {
  let server;
  test.beforeAll(async () => {
    server = await startServer({ root: distDir, base: BASE });
  });
  test.afterAll(() => server?.close());

  test('the raw HTTP answer of an article has its title, OpenGraph, JSON-LD and first paragraph', async () => {
    const html = await (await fetch(urlFor(server, ARTICLE_PATH))).text();
    const seed = readSeed();
    expect(html).toContain(`<title>${SEED_TITLE} | `);
    expect(html).toMatch(new RegExp(`<meta property="og:title" content="${SEED_TITLE.replace(/[.()]/g, '\\$&')}"`));
    expect(html).toContain('<meta property="og:type" content="article"');
    expect(html).toMatch(/<meta property="og:image" content="https?:\/\/[^"]+\/files\/[^"]+"/);
    expect(html).toMatch(/<link rel="canonical" href="https?:\/\/[^"]+\/tin-tuc\/hoi-nghi-truc-bao-cong-tac-dan-van-quy-i-nam-2022"/);
    const ld = JSON.parse(html.match(/<script type="application\/ld\+json"[^>]*>([^<]*)<\/script>/)[1]);
    expect(ld['@type']).toBe('NewsArticle');
    expect(ld.headline).toBe(SEED_TITLE);
    expect(ld.datePublished).toBe('2022-04-13T01:00:00Z');
    const text = collapse(html.replace(/<[^>]+>/g, ' '));
    expect(text).toContain(collapse(seed.paragraphs[0]).slice(0, 120));
    // Nothing to run before the first paint: no preload of the wasm or the glue JS.
    expect(html).not.toMatch(/rel="(module)?preload"/);
  });

  test('without JavaScript: lists, "Xem thêm" pages, articles, sections, search explained', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(urlFor(server, '/'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tin mới nhất');
    const items = page.getByRole('main').getByRole('listitem');
    await expect(items).toHaveCount(10);
    await page.getByRole('link', { name: 'Xem thêm' }).click();
    await expect(page).toHaveURL(/\/trang\/2$/);
    await expect(items).toHaveCount(10);
    const firstTitle = await items.first().getByRole('heading').innerText();
    await items.first().getByRole('link').first().click();
    await expect(page).toHaveURL(/\/tin-tuc\//);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(firstTitle);
    await expect(page.locator('.np-article__body p').first()).toBeVisible();
    await page.getByRole('navigation', { name: 'Chuyên mục' }).getByRole('link', { name: 'Dân vận' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dân vận');
    // (Playwright's script switch leaves the parser's scripting flag on, so <noscript> does not
    // render here; the served markup is checked instead.)
    const served = await (await fetch(page.url())).text();
    expect(served).toMatch(/<noscript><p class="np-search-box__nojs">Tìm kiếm cần JavaScript/);
    await page.goto(urlFor(server, ARTICLE_PATH));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    await expect(page.getByRole('heading', { name: 'Tin liên quan' })).toBeVisible();
    await context.close();
  });

  test('the takeover: no layout shift, one h1, focus and scroll kept, the wasm after the first paint', async ({ page }) => {
    const errors = collectErrors(page);
    await recordPaints(page);
    // A slow wasm, so the reader acts on the prerendered page first.
    let releaseWasm;
    const wasmHeld = new Promise((resolve) => { releaseWasm = resolve; });
    await page.route('**/*.wasm', async (route) => {
      await wasmHeld;
      await route.continue();
    });
    await page.setViewportSize({ width: 1280, height: 600 });
    await page.goto(urlFor(server, ARTICLE_PATH));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    expect(await page.locator('[data-np-prerendered]').count()).toBe(1);
    // Keyboard focus on a link of the prerendered page, scrolled down.
    const related = page.getByRole('heading', { name: 'Tin liên quan' });
    const link = related.locator('xpath=..').getByRole('link').first();
    await link.focus();
    await page.evaluate(() => window.scrollTo(0, 200));
    const before = await page.evaluate(() => ({
      focus: document.activeElement?.getAttribute('href'),
      scroll: window.scrollY,
    }));
    releaseWasm();
    await takenOver(page);
    const after = await page.evaluate(() => ({
      focus: document.activeElement?.getAttribute('href'),
      scroll: window.scrollY,
      h1: document.querySelectorAll('h1').length,
      articles: document.querySelectorAll('article.np-article').length,
      shifts: window.__shifts,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      wasm: performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'))?.startTime,
    }));
    expect(after.focus).toBe(before.focus);
    expect(after.scroll).toBe(before.scroll);
    expect(after.h1).toBe(1);
    expect(after.articles).toBe(1);
    expect(after.shifts, 'layout-shift entries').toEqual([]);
    expect(after.wasm).toBeGreaterThanOrEqual(after.fcp);
    // The app runs the page now: the text-size buttons answer.
    await page.getByRole('button', { name: 'Tăng cỡ chữ' }).click();
    await expect(page.getByRole('button', { name: 'Cỡ chữ mặc định' })).toHaveAttribute('aria-pressed', 'false');
    errors.assertNone();
  });

  test('while the app renders hidden, the reader\'s page is the prerendered one, unchanged', async ({ page }) => {
    const errors = collectErrors(page);
    // The app starts, and its data stays on the way: it renders hidden next to the prerendered page.
    let releaseFeed;
    const feedHeld = new Promise((resolve) => { releaseFeed = resolve; });
    await page.route('**/feed.json', async (route) => {
      await feedHeld;
      await route.continue();
    });
    await page.goto(urlFor(server, ARTICLE_PATH));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    await page.waitForFunction(() => document.querySelectorAll('.np-app').length === 2);
    await page.waitForLoadState('load');
    // The page as laid out with the hidden app in it, against the page alone (the app's root taken out).
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const alone = await page.evaluate(() => {
      const app = document.querySelectorAll('.np-app')[1];
      const parent = app.parentNode;
      app.remove();
      const h = document.documentElement.scrollHeight;
      parent.append(app);
      return h;
    });
    expect(height).toBe(alone);
    expect(await page.locator('[data-np-prerendered]').count()).toBe(1);
    // Out of the accessibility tree, of the layout and of the tab order.
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page.getByRole('navigation', { name: 'Chuyên mục' })).toHaveCount(1);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(height);
    const footerLink = page.getByRole('link', { name: 'minhlong@quangngai.gov.vn' });
    await footerLink.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.np-app')?.checkVisibility() ?? true)).toBe(true);
    releaseFeed();
    await takenOver(page);
    await expect(page.locator('.np-app')).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(height);
    errors.assertNone();
  });

  // The build as deployed, less one article page (an article published after the last run).
  for (const fallback of ['shell.html', 'index.html']) {
    test(`a page the last run did not write opens through the fallback (${fallback})`, async ({ page }) => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-prerender-fallback-'));
      fs.cpSync(distDir, root, { recursive: true });
      fs.rmSync(path.join(root, ARTICLE_PATH), { recursive: true, force: true });
      const copy = await startServer({ root, base: BASE, fallback });
      try {
        const raw = await (await fetch(urlFor(copy, ARTICLE_PATH))).text();
        if (fallback === 'shell.html') {
          // The app's shell: no other page's content, and the wasm is fetched from the start.
          expect(raw).not.toContain('data-np-prerendered');
          expect(raw).toMatch(/<link rel="preload" href="[^"]+_bg\.wasm"/);
        }
        // Every h1 the document ever holds, from its first parsed node on.
        await page.addInitScript(() => {
          window.__h1s = [];
          new MutationObserver(() => {
            for (const h of document.querySelectorAll('h1')) {
              if (!window.__h1s.includes(h.textContent.trim())) window.__h1s.push(h.textContent.trim());
            }
          }).observe(document, { childList: true, subtree: true, characterData: true });
        });
        const errors = collectErrors(page);
        await page.goto(urlFor(copy, ARTICLE_PATH));
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
        const seen = await page.evaluate(() => window.__h1s);
        if (fallback === 'shell.html') expect(seen).toEqual([SEED_TITLE]);
        // The README's older advice (fallback to the home page): the article still opens; the home page
        // shows until the app replaces it, which is why shell.html is the fallback.
        else expect(seen).toEqual(['Tin mới nhất', SEED_TITLE]);
        errors.assertNone();
      } finally {
        await copy.close();
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }
});

test.describe('prerendered from the portal API', () => {
  const site = apiPrerenderedSite(test, 'e2e-prerender-api-');

  test('the prerender counts nothing; the reader\'s visit and view are counted once each', async ({ page }) => {
    const { api, root, server } = site;
    const posts = () => api.requests({ method: 'POST' }).length;
    expect(posts(), 'the prerender sent no POST').toBe(0);
    expect(fs.existsSync(path.join(root, 'tin-tuc', SEED_SLUG, 'index.html'))).toBe(true);
    const errors = collectErrors(page);
    await page.goto(urlFor(server, ARTICLE_PATH));
    await takenOver(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    await expect.poll(() => api.requests({ method: 'POST', route: 'visits' }).length).toBe(1);
    await expect.poll(() => api.requests({ method: 'POST', route: 'views' }).length).toBe(1);
    await page.waitForTimeout(500);
    expect(posts()).toBe(2);
    expect(await page.locator('h1').count()).toBe(1);
    errors.assertNone();
  });
});

test.describe('an API section longer than a page', () => {
  const SECTION = 'Dân vận';
  let feedFile;
  test.beforeAll(() => {
    // The bundled feed plus 18 copies in one section: 23 items, three API pages of 10 and three
    // prerendered pages of 10.
    const feed = JSON.parse(fs.readFileSync(path.join(repoRoot, 'public/feed.json'), 'utf8'));
    const model = feed.items.find((i) => i._portal?.category === SECTION);
    for (let n = 1; n <= 18; n++) {
      const copy = structuredClone(model);
      copy.id = `${model.id}-ban-sao-${n}`;
      copy.title = `Bản sao ${n} của tin dân vận`;
      copy.date_published = `2021-0${1 + (n % 9)}-1${n % 10}T08:00:00+07:00`;
      copy._portal = { ...copy._portal, slug: `ban-sao-${n}` };
      delete copy.url;
      feed.items.push(copy);
    }
    feedFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-prerender-section-feed-')), 'feed.json');
    fs.writeFileSync(feedFile, JSON.stringify(feed));
  });
  const site = apiPrerenderedSite(test, 'e2e-prerender-section-', () => ({ feedPath: feedFile }));
  let slug;
  test.beforeAll(() => {
    const dir = path.join(site.root, 'chuyen-muc');
    slug = fs.readdirSync(dir).find((d) => fs.existsSync(path.join(dir, d, 'trang')));
  });
  test.afterAll(() => feedFile && fs.rmSync(path.dirname(feedFile), { recursive: true, force: true }));

  test('gets every page, each section page read from the API once, and the app shows the same items', async ({ page }) => {
    const { api, root, server } = site;
    expect(slug, 'one section has following pages').toBeTruthy();
    const file = (n) => path.join(root, 'chuyen-muc', slug, ...(n > 1 ? ['trang', String(n)] : []), 'index.html');
    expect([1, 2, 3, 4].map((n) => fs.existsSync(file(n)))).toEqual([true, true, true, false]);
    const titles = (html) => [...html.matchAll(/<li class="np-list__item[^"]*">[\s\S]*?<a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);
    const pages = [1, 2, 3].map((n) => titles(fs.readFileSync(file(n), 'utf8')));
    expect(pages.map((p) => p.length)).toEqual([10, 10, 3]);
    expect(new Set(pages.flat()).size, 'no item on two pages').toBe(23);
    // Page 2 links to page 3 ("Xem thêm" without JavaScript); page 3 links nowhere further.
    expect(fs.readFileSync(file(2), 'utf8')).toContain(`href="${sitePath(`chuyen-muc/${slug}/trang/3`)}"`);
    expect(fs.readFileSync(file(3), 'utf8')).not.toContain('/trang/4"');
    const sectionReads = api.requests({ route: 'list' }).filter((r) => r.query.tag === SECTION);
    expect(sectionReads.length, 'each API page of the section read once').toBe(3);

    // The app takes page 3 over with the same items, reading the pages before it first.
    const errors = collectErrors(page);
    await page.goto(urlFor(server, `chuyen-muc/${slug}/trang/3`));
    await takenOver(page);
    await expect(page.locator('.np-list__item')).toHaveCount(3);
    expect(await page.locator('.np-list__item a').allTextContents()).toEqual(pages[2]);
    errors.assertNone();
  });
});

test.describe('prerendered under a sub-path (--base)', () => {
  let root;
  let server;
  test.beforeAll(async () => {
    root = shellCopy('e2e-prerender-base-');
    server = await startServer({ root, base: '/tin-huyen/' });
    await prerender(['--feed', path.join(root, 'feed.json'), '--dist', root, '--site-url', server.origin, '--base', '/tin-huyen']);
  });
  test.afterAll(async () => {
    await server?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('links and canonical addresses stay under the base', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.origin}/tin-huyen/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tin mới nhất');
    await page.getByRole('main').getByRole('listitem').first().getByRole('link').first().click();
    await expect(page).toHaveURL(new RegExp(`^${server.origin}/tin-huyen/tin-tuc/[^/]+$`));
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expect(canonical).toBe(page.url());
    await page.getByRole('link', { name: 'Trang chủ' }).click();
    await expect(page).toHaveURL(`${server.origin}/tin-huyen/`);
    await context.close();
  });
});

test.describe('the XSS corpus through the prerender', () => {
  let root;
  let server;
  test.beforeAll(async () => {
    root = shellCopy('e2e-prerender-xss-');
    fs.writeFileSync(path.join(root, 'xss-feed.json'), JSON.stringify(buildFeed()));
    const index = path.join(root, 'index.html');
    fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace(/data-feed="[^"]*"/, 'data-feed="xss-feed.json"'));
    server = await startServer({ root, base: BASE });
    await prerender(['--feed', path.join(root, 'xss-feed.json'), '--dist', root, '--site-url', server.origin]);
  });
  test.afterAll(async () => {
    await server?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  for (const javaScriptEnabled of [false, true]) {
    test(`every vector's page stays inert, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async ({ browser }) => {
      test.setTimeout(VECTORS.length * 2_000);
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      const errors = collectErrors(page, { console: false });
      const native = await trapDialogs(page);
      const failures = [];
      for (const vector of VECTORS) {
        const articlePath = `${BASE}tin-tuc/xss-${vector.id}`;
        if (!fs.existsSync(path.join(root, 'tin-tuc', `xss-${vector.id}`, 'index.html'))) {
          failures.push(`${vector.id}: not prerendered`);
          continue;
        }
        await page.goto(`${server.origin}${articlePath}`);
        if (javaScriptEnabled) {
          // A page the app fails to take over is a failure of its own, named by its vector.
          const took = await takenOver(page).then(() => null, (e) => e.message.split('\n')[0]);
          if (took) {
            failures.push(`${vector.id}: the app did not take the page over (${took})`);
            continue;
          }
        }
        // Real time for what a vector waits on (an image's onerror, autofocus, an animation's end, a
        // meta refresh of 0 s): until the network has been quiet for 500 ms.
        await page.waitForLoadState('networkidle');
        const findings = await page.evaluate(inspectPage, { expectedPath: articlePath, article: true });
        const raw = await (await fetch(`${server.origin}${articlePath}`)).text();
        // The tags as served (text is escaped, so "<" starts a tag only where the renderer wrote one).
        const article = raw.slice(raw.indexOf('np-article__body'), raw.indexOf('</article>'));
        for (const tag of article.match(/<[a-z][^>]*>/gi) ?? []) {
          for (const [, name, value] of tag.matchAll(/\s([^\s=>"'/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
            if (/^on/i.test(name)) findings.push(`on* attribute in the served article: ${tag}`);
            if (['href', 'src', 'cite'].includes(name) && /^["']?\s*javascript:/i.test(value ?? '')) {
              findings.push(`javascript: URL in the served article: ${tag}`);
            }
          }
        }
        if (findings.length) failures.push(`${vector.id}: ${findings.join('; ')}`);
      }
      expect(failures).toEqual([]);
      expect(native).toEqual([]);
      errors.assertNone();
      await context.close();
    });
  }
});
