// One list of head tags (src/model/head.rs), written by the prerender into each file and by the app
// into the live document: a page says the same about itself to a link preview, a crawler that reads
// the HTML and one that runs scripts — before the takeover, after it, and when the reader reached the
// page by a click inside the app. Guards the defect of issue 26: the app dropped
// `article:published_time` and `twitter:card` and rewrote canonical, og:url, og:image and the JSON-LD
// `@id` to the page's origin with a trailing slash.
import { test, expect } from '@playwright/test';
import { startServer } from './server.mjs';
import { ARTICLE_PATH, BASE, SEED_TITLE, appReady, collectErrors, distDir, urlFor } from './support.mjs';

/** What the page's head says: the title, the description and every tag the app or the prerender owns. */
async function headOf(page) {
  return page.evaluate(() => {
    const tags = [...document.head.querySelectorAll('[data-np-head], meta[name="description"]')].map((el) => {
      const key = el.getAttribute('name') ?? el.getAttribute('property') ?? el.getAttribute('rel') ?? el.getAttribute('type');
      const value = el.getAttribute('content') ?? el.getAttribute('href') ?? el.textContent;
      return `${el.tagName.toLowerCase()} ${key} = ${value}`;
    });
    return { title: document.title, tags: tags.sort() };
  });
}

/** Page types: where each is, and how a reader reaches it from the home page inside the app. */
const PAGES = [
  { name: 'home', path: '', reach: null },
  { name: 'article', path: ARTICLE_PATH, reach: (page) => page.getByRole('link', { name: SEED_TITLE }).first().click() },
  {
    name: 'section',
    path: 'chuyen-muc/dan-van',
    reach: (page) => page.getByRole('navigation', { name: /chuyên mục/i }).getByRole('link', { name: 'Dân vận' }).first().click(),
  },
  // The file the prerender wrote, named as a static server or a bookmark may name it: taken over as
  // the same article (it stayed un-taken-over before: the router read a 404 there).
  { name: 'article as …/index.html', path: `${ARTICLE_PATH}/index.html`, reach: null },
  // "Xem thêm" in the app adds items in place (a button), so the second list page is loaded only.
  { name: 'list page 2', path: 'trang/2', reach: null },
  // The app has no link to the empty search page (the search box goes to a query): loaded only.
  { name: 'search', path: 'tim-kiem', reach: null },
];

test.describe('head tags', () => {
  let server;
  test.beforeAll(async () => {
    server = await startServer({ root: distDir, base: BASE });
  });
  test.afterAll(() => server?.close());

  for (const { name, path, reach } of PAGES) {
    test(`${name}: the same tags and values before and after the takeover${reach ? ' and after a click to it' : ''}`, async ({ page }) => {
      const errors = collectErrors(page);
      // Held back until the served head is read: the app must not touch it before.
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
      await page.goto(urlFor(server, path));
      const served = await headOf(page);
      expect(served.tags.length, 'the prerendered head has its tags').toBeGreaterThan(5);
      release();
      await appReady(page);
      // The feed has arrived (the takeover waits for it), so late writes have happened too.
      await page.waitForTimeout(300);
      expect(await headOf(page), 'after the takeover').toEqual(served);
      if (reach) {
        await page.goto(urlFor(server, ''));
        await appReady(page);
        await reach(page);
        await expect(page).toHaveURL(new RegExp(`${path.replace(/[-/]/g, '\\$&')}/?$`));
        await expect(page.locator('h1')).toBeVisible();
        await page.waitForTimeout(300);
        expect(await headOf(page), 'after a click inside the app').toEqual(served);
      }
      errors.assertNone();
    });
  }

  test('not found: the prerendered 404.html says the same after the app renders the page', async ({ page }) => {
    // A host that answers unknown paths with the prerender's 404.html (README, "Server configuration").
    const host = await startServer({ root: distDir, base: BASE, fallback: '404.html' });
    try {
      const errors = collectErrors(page);
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
      await page.goto(urlFor(host, 'khong-co-trang-nay'));
      const served = await headOf(page);
      expect(served.tags.length, 'the prerendered head has its tags').toBeGreaterThan(3);
      release();
      await appReady(page);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForTimeout(300);
      expect(await headOf(page), 'after the app rendered it').toEqual(served);
      errors.assertNone();
    } finally {
      await host.close();
    }
  });

  test('the canonical address is the one the prerender wrote, whatever form of the address the reader used', async ({ page }) => {
    await page.goto(urlFor(server, ARTICLE_PATH));
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expect(canonical).toMatch(new RegExp(`/${ARTICLE_PATH}$`));
    for (const form of [`${ARTICLE_PATH}/`]) {
      await page.goto(urlFor(server, form));
      await appReady(page);
      await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', canonical);
      expect(await page.locator('meta[property="og:url"]').getAttribute('content')).toBe(canonical);
    }
  });
});
