// Mount points a host page replaces or doubles (issue 16, items 1 and 6): an app whose element
// leaves the document is disposed (its window listeners, its requests), a new element is mounted
// afresh; ids stay unique per mount point, and a second `app` on one page is refused in place.
import { test, expect } from '@playwright/test';
import { startServer } from './server.mjs';
import { attr, prepareSite, startFakeApi } from './fake-api.mjs';
import { BASE, SEED_SLUG, SEED_TITLE, collectErrors, distDir, globalListeners, urlFor } from './support.mjs';

const REPLACEMENTS = 20;

let api;
let site;
let twoApps;
let server;
let twoAppsServer;

test.beforeAll(async () => {
  api = await startFakeApi();
  const mount = `data-api="${attr(api.url)}"`;
  site = prepareSite({ distDir, mount, prefix: 'e2e-lifecycle-' });
  // A second app, an article widget twice and a counter on the page of the first app.
  const widgets = [
    `<div id="second-app" data-news-portal="app" ${mount}></div>`,
    `<div id="article-a" data-news-portal="article" ${mount} data-slug="${attr(SEED_SLUG)}"></div>`,
    `<div id="article-b" data-news-portal="article" ${mount} data-slug="${attr(SEED_SLUG)}"></div>`,
    `<div id="counter" data-news-portal="counter" ${mount}></div>`,
  ].join('\n');
  twoApps = prepareSite({ distDir, mount, prefix: 'e2e-two-apps-', beforeBodyEnd: `<aside>${widgets}</aside>` });
  server = await startServer({ root: site.root, base: BASE });
  twoAppsServer = await startServer({ root: twoApps.root, base: BASE });
});

test.afterAll(async () => {
  await api?.close();
  await server?.close();
  await twoAppsServer?.close();
  site?.remove();
  twoApps?.remove();
});

const app = (page) => page.locator('[data-news-portal="app"]');

/** Replaces the app's mount element with a fresh copy of its configuration, as a host re-rendering it would. */
async function replaceApp(page) {
  await page.evaluate(() => {
    const old = document.querySelector('[data-news-portal="app"]');
    const fresh = document.createElement('div');
    for (const name of ['data-news-portal', 'data-api', 'data-base', 'data-utc-offset']) {
      if (old.hasAttribute(name)) fresh.setAttribute(name, old.getAttribute(name));
    }
    old.replaceWith(fresh);
  });
  await expect(app(page)).toHaveAttribute('data-news-portal-mounted', '');
  await expect(app(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
}

/** API requests made while `action` runs and the page settles. */
async function apiRequestsDuring(page, action) {
  const before = api.log.length;
  await action();
  await page.waitForTimeout(300);
  return api.log.slice(before).filter((e) => e.method !== 'OPTIONS').map((e) => `${e.method} ${e.route}`).sort();
}

test('a replaced app mount point is disposed: listeners and requests stay flat over 20 replacements', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(urlFor(server));
  await expect(app(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
  const listeners = await globalListeners(page);
  expect(listeners.window).toEqual(expect.arrayContaining(['click', 'popstate']));

  const openArticle = async () => {
    await app(page).getByRole('link', { name: SEED_TITLE, exact: true }).click();
    await expect(app(page).getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
  };
  const once = await apiRequestsDuring(page, openArticle);
  expect(once.length).toBeGreaterThan(0);
  const backOnce = await apiRequestsDuring(page, async () => {
    await page.goBack();
    await expect(app(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
  });

  for (let i = 0; i < REPLACEMENTS; i++) await replaceApp(page);

  expect(await globalListeners(page)).toEqual(listeners);
  // One Forward to the article: what one app asks for, not what 21 would.
  const forward = await apiRequestsDuring(page, async () => {
    await page.goForward();
    await expect(app(page).getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
  });
  expect(forward.filter((r) => r.startsWith('GET'))).toEqual(once.filter((r) => r.startsWith('GET')));
  const back = await apiRequestsDuring(page, async () => {
    await page.goBack();
    await expect(app(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
  });
  expect(back.length).toBeLessThanOrEqual(backOnce.length + 1);
  errors.assertNone();
});

/** DOM nodes alive in the page after a full garbage collection (Chrome DevTools protocol). */
async function liveNodes(page) {
  const cdp = await page.context().newCDPSession(page);
  // Twice: a first collection can leave what a finaliser frees for the next.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { nodes } = await cdp.send('Memory.getDOMCounters');
  await cdp.detach();
  return nodes;
}

test('a replaced app mount point releases its DOM: live nodes stay flat over 30 replacements', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(urlFor(server));
  await expect(app(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
  // Two replacements first, so lazily created things (the observer, caches) are in the baseline.
  for (let i = 0; i < 2; i++) await replaceApp(page);
  const before = await liveNodes(page);
  const rendered = await page.evaluate(() => document.querySelector('[data-news-portal="app"]').querySelectorAll('*').length);
  for (let i = 0; i < 30; i++) await replaceApp(page);
  const after = await liveNodes(page);
  // One app's DOM is a few hundred nodes: 30 kept apps would be thousands more. A small bound for
  // what a collection leaves behind by chance.
  expect(after - before, `live DOM nodes ${before} → ${after} after 30 replacements (one app renders ${rendered} elements)`).toBeLessThan(
    Math.max(50, rendered / 2),
  );
  errors.assertNone();
});

test('an element put back after removal is mounted again', async ({ page }) => {
  await page.goto(urlFor(server));
  await expect(app(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
  await page.evaluate(async () => {
    const el = document.querySelector('[data-news-portal="app"]');
    const parent = el.parentNode;
    el.remove();
    await new Promise((r) => setTimeout(r, 100)); // the observer sees the removal alone
    parent.append(el);
  });
  await expect(app(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
  await expect(app(page).getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(app(page).getByRole('main')).toHaveCount(1);
});

test('ids are unique per mount point; a second app is refused in place, naming the first', async ({ page }) => {
  const errors = collectErrors(page, { console: false }); // the refusal is logged on purpose
  const logged = [];
  page.on('console', (m) => m.type() === 'error' && logged.push(m.text()));
  await page.goto(urlFor(twoAppsServer));
  await expect(app(page).first().getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
  for (const id of ['#article-a', '#article-b']) {
    await expect(page.locator(id).getByRole('heading', { level: 2, name: SEED_TITLE })).toBeVisible();
  }
  const refusal = page.locator('#second-app').getByRole('alert');
  await expect(refusal).toContainText('data-news-portal="app"');
  await expect(refusal).toContainText('<div');
  await expect(page.locator('#second-app').getByRole('heading', { level: 1 })).toHaveCount(0);
  expect(logged.filter((t) => t.startsWith('[news-portal]'))).toHaveLength(1);

  const duplicates = await page.evaluate(() => {
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  expect(duplicates).toEqual([]);
  // Every reference points at an element of its own mount point.
  const dangling = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('[aria-labelledby], [aria-controls], label[for]')) {
      const ids = (el.getAttribute('aria-labelledby') ?? el.getAttribute('aria-controls') ?? el.htmlFor).split(/\s+/);
      const mount = el.closest('[data-news-portal]');
      for (const id of ids) {
        const target = document.getElementById(id);
        if (!target || target.closest('[data-news-portal]') !== mount) out.push(id);
      }
    }
    return out;
  });
  expect(dangling).toEqual([]);
  await expect(page).toHaveTitle(/Ủy ban nhân dân huyện Minh Long/);
  errors.assertNone();
});
