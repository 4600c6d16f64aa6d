// Honest counting against the portal API (data-api), on the REAL portal server (server/, issue 24): it
// serves dist/ with every page pointed at its own /api, counts in SQLite, and is read back through its API.
// Exact POST counts are those the browser sent (Playwright's request events), and the server's figures must
// match: one visit per browser session and one view per article per session — whatever the reader does
// (reloads, in-app navigation, back/forward), however many mount points the page has, and whether or not
// sessionStorage works. Faults a real server cannot be made to produce on demand (500, garbage, a hang, a
// dropped connection, a 5 s delay, a 409 while the first request is still counted) come from the fake
// (fake-api.mjs): the counter must never hold up the article; a failing, garbled, hanging or unreachable
// counter leaves the text on screen and the widget showing "—" or the last figures it saw.
//
// Contract (README, "Portal API"): POST {api}/stats/visits → stats; POST {api}/articles/{key}/views →
// {"views": n}; GET {api}/stats → stats. Counter requests time out after 4 s (COUNTER_TIMEOUT_MS) and are
// retried once after 1 s on network errors, timeouts and 5xx (src/api/live_stats.rs).
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startServer } from './server.mjs';
import { startPortalServer } from './portal-server.mjs';
import { BASE, COUNTER_HEADING, CSP, collapse, collectErrors, distDir, groupDigitsVi, repoRoot, urlFor } from './support.mjs';
import { INITIAL_PAGE_VIEWS, INITIAL_VISITS, attr, prepareSite, startFakeApi } from './fake-api.mjs';

const A_SLUG = 'hoi-nghi-truc-bao-cong-tac-dan-van-quy-i-nam-2022';
const main = (page) => page.getByRole('main');
const h1 = (page) => page.getByRole('heading', { level: 1 });
const widgets = (page) => page.getByRole('region', { name: COUNTER_HEADING });
const relatedLinks = (page) => page.getByRole('region', { name: 'Tin liên quan' }).getByRole('link');
/** The article's own view figure (the eye icon + visually hidden "Lượt xem: "). */
const viewsFigure = (page) => main(page).getByRole('article').getByText(/Lượt xem:/).locator('..');
const firstParagraph = (html) => collapse(/<p[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1].replace(/<[^>]*>/g, '') ?? '');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** The bundled feed's items: what the real server imported (views as in the feed). */
const feedItems = JSON.parse(fs.readFileSync(path.join(repoRoot, 'public/feed.json'), 'utf8')).items;
const feedItem = (slug) => feedItems.find((i) => i._portal.slug === slug);

/** Resolves once `log` (an array requests are pushed to) has had no new entry for `ms`, at most `max`. */
async function quietLog(log, ms = 1_200, max = 15_000) {
  const end = Date.now() + max;
  let seen = log.length;
  let since = Date.now();
  while (Date.now() < end) {
    await sleep(100);
    if (log.length !== seen) {
      seen = log.length;
      since = Date.now();
    } else if (Date.now() - since >= ms) return;
  }
  throw new Error(`the app kept sending requests for ${max} ms`);
}
const quiet = (api, ms, max) => quietLog(api.log, ms, max);

/** Records the counter's "[news-portal] bộ đếm: …" warning, logged once the widget has given up. */
function counterGaveUp(page) {
  const seen = [];
  page.on('console', (m) => {
    if (m.text().includes('bộ đếm')) seen.push(m.text());
  });
  return seen;
}

/** Every /api request a browser context sends: { method, path } (path below /api). */
function recordApi(context) {
  const log = [];
  context.on('request', (r) => {
    const { pathname } = new URL(r.url());
    const at = pathname.indexOf('/api/');
    if (at >= 0) log.push({ method: r.method(), path: pathname.slice(at + 4) });
  });
  const count = (method, p) => log.filter((e) => e.method === method && (p instanceof RegExp ? p.test(e.path) : e.path === p)).length;
  return {
    log,
    visitPosts: () => count('POST', '/stats/visits'),
    viewPosts: (slug) => count('POST', slug ? `/articles/${slug}/views` : /^\/articles\/.+\/views$/),
    statsGets: () => count('GET', '/stats'),
  };
}

let portal;
let sent;

test.describe('on the real server: one visit per session, one view per article per session', () => {
  let errors;
  test.beforeEach(async ({ page }) => {
    errors = collectErrors(page);
    portal = await startPortalServer({ dist: distDir });
    sent = recordApi(page.context());
  });
  test.afterEach(async () => {
    await portal?.close();
    errors.assertNone();
  });

  test('first visit, reload, in-app navigation, revisit, back/forward', async ({ page }) => {
    const a = feedItem(A_SLUG);
    let b;

    await test.step('first visit: 1 POST /stats/visits, the widget shows the new figures', async () => {
      await page.goto(urlFor(portal, '/'));
      const widget = widgets(page);
      await expect(widget).toContainText(`Số lượt truy cập: ${groupDigitsVi(INITIAL_VISITS + 1)}`);
      await expect(widget).toContainText('Số lượt truy cập: 1.791');
      await quietLog(sent.log);
      expect(sent.visitPosts()).toBe(1);
      expect(sent.viewPosts(), 'the home page counts no article view').toBe(0);
      expect((await portal.stats()).visits).toBe(INITIAL_VISITS + 1);
    });

    await test.step('reload: 0 more visits; the figures come from GET /stats', async () => {
      await page.reload();
      await expect(widgets(page)).toContainText('Số lượt truy cập: 1.791');
      await quietLog(sent.log);
      expect(sent.visitPosts()).toBe(1);
      expect(sent.statsGets()).toBe(1);
    });

    await test.step('open article A in-app: 1 POST view of A, and the returned count is shown', async () => {
      await main(page).getByRole('link', { name: a.title, exact: true }).click();
      await expect(h1(page)).toHaveText(a.title);
      await expect(viewsFigure(page)).toHaveText(`Lượt xem: ${a._portal.views + 1}`);
      await quietLog(sent.log);
      expect(sent.viewPosts(A_SLUG)).toBe(1);
    });

    await test.step('to article B through "Tin liên quan": 1 POST view of B, 0 more visits', async () => {
      const link = relatedLinks(page).first();
      const name = collapse(await link.innerText());
      b = feedItems.find((i) => i.title === name);
      expect(b, `related link "${name}" is an item of the feed`).toBeTruthy();
      await link.click();
      await expect(h1(page)).toHaveText(b.title);
      await expect(viewsFigure(page)).toHaveText(`Lượt xem: ${groupDigitsVi(b._portal.views + 1)}`);
      await quietLog(sent.log);
      expect(sent.viewPosts(b._portal.slug)).toBe(1);
      expect(sent.viewPosts()).toBe(2);
      expect(sent.visitPosts()).toBe(1);
    });

    await test.step('back to A in-app (same session): 0 more', async () => {
      await relatedLinks(page).filter({ hasText: a.title }).click();
      await expect(h1(page)).toHaveText(a.title);
      await expect(viewsFigure(page), 'the count the API now reports').toHaveText(`Lượt xem: ${a._portal.views + 1}`);
      await quietLog(sent.log);
      expect(sent.viewPosts()).toBe(2);
    });

    await test.step('back / back / forward: 0 more', async () => {
      await page.goBack();
      await expect(h1(page)).toHaveText(b.title);
      await page.goBack();
      await expect(h1(page)).toHaveText(a.title);
      await page.goForward();
      await expect(h1(page)).toHaveText(b.title);
      await quietLog(sent.log);
      expect(sent.viewPosts()).toBe(2);
      expect(sent.visitPosts()).toBe(1);
    });

    await test.step('A again as a full page load in the same session: 0 more', async () => {
      await page.goto(urlFor(portal, `tin-tuc/${A_SLUG}`));
      await expect(h1(page)).toHaveText(a.title);
      await quietLog(sent.log);
      expect(sent.viewPosts()).toBe(2);
      expect(sent.visitPosts()).toBe(1);
    });

    const stats = await portal.stats();
    expect(stats.visits).toBe(INITIAL_VISITS + 1);
    expect(stats.page_views).toBe(INITIAL_PAGE_VIEWS + 2);
    expect(stats.today).toBe(1);
    expect(stats.this_month).toBe(1);
    expect((await portal.item(A_SLUG))._portal.views).toBe(a._portal.views + 1);
    expect((await portal.item(b._portal.slug))._portal.views).toBe(b._portal.views + 1);
  });

  test('a new session (new browser context) counts one more visit', async ({ page, browser }) => {
    await page.goto(urlFor(portal, '/'));
    await expect(widgets(page)).toContainText('Số lượt truy cập: 1.791');
    await quietLog(sent.log);
    expect(sent.visitPosts()).toBe(1);

    const context = await browser.newContext();
    try {
      const other = await context.newPage();
      const otherSent = recordApi(context);
      const otherErrors = collectErrors(other);
      await other.goto(urlFor(portal, `tin-tuc/${A_SLUG}`));
      await expect(widgets(other)).toContainText('Số lượt truy cập: 1.792');
      await expect(viewsFigure(other)).toHaveText(`Lượt xem: ${feedItem(A_SLUG)._portal.views + 1}`);
      await quietLog(otherSent.log);
      expect(otherSent.visitPosts()).toBe(1);
      expect(otherSent.viewPosts(A_SLUG)).toBe(1);
      otherErrors.assertNone('in the second context');
    } finally {
      await context.close();
    }
    expect((await portal.stats()).visits).toBe(INITIAL_VISITS + 2);
  });

  test('two mount points on one page: still exactly 1 visit POST', async ({ page }) => {
    const site = prepareSite({
      distDir,
      mount: 'data-api="/api"',
      prefix: 'e2e-counter-two-',
      beforeBodyEnd: '<aside aria-label="Cột bên"><div data-news-portal="counter" data-api="/api"></div></aside>',
    });
    const twoMount = await startPortalServer({ dist: site.root });
    try {
      await page.goto(urlFor(twoMount, '/'));
      await expect(widgets(page)).toHaveCount(2);
      for (const widget of await widgets(page).all()) {
        await expect(widget).toContainText(/Số lượt truy cập: \d/);
      }
      await quietLog(sent.log);
      expect(sent.visitPosts()).toBe(1);
      const shown = (await widgets(page).allInnerTexts()).map((t) => /Số lượt truy cập: ([\d.]+)/.exec(collapse(t))?.[1]);
      test.info().annotations.push({ type: 'figures shown', description: shown.join(' / ') });
      expect(shown[0], 'the app widget shows the counted visit').toBe('1.791');

      await page.reload();
      await expect(widgets(page)).toHaveCount(2);
      await quietLog(sent.log);
      expect(sent.visitPosts(), 'and none on reload').toBe(1);
      expect((await twoMount.stats()).visits).toBe(INITIAL_VISITS + 1);
    } finally {
      await twoMount.close();
      site.remove();
    }
  });

  test('sessionStorage blocked: counts once per page load, dedupes within a load, and nothing breaks', async ({
    page,
  }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'sessionStorage', {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    const a = feedItem(A_SLUG);

    await page.goto(urlFor(portal, '/'));
    expect(await page.evaluate(() => { try { return typeof window.sessionStorage; } catch (e) { return e.name; } })).toBe(
      'SecurityError',
    );
    await expect(main(page).getByRole('link', { name: a.title, exact: true })).toBeVisible();
    await expect(widgets(page)).toContainText('Số lượt truy cập: 1.791');
    await quietLog(sent.log);
    expect(sent.visitPosts()).toBe(1);

    await page.reload();
    await expect(widgets(page)).toContainText('Số lượt truy cập: 1.792');
    await quietLog(sent.log);
    expect(sent.visitPosts(), 'without storage a reload is a new count').toBe(2);

    // Within one page load, in-app navigation still counts each article once.
    await main(page).getByRole('link', { name: a.title, exact: true }).click();
    await expect(h1(page)).toHaveText(a.title);
    await relatedLinks(page).first().click();
    await expect(h1(page)).not.toHaveText(a.title);
    await relatedLinks(page).filter({ hasText: a.title }).click();
    await expect(h1(page)).toHaveText(a.title);
    await quietLog(sent.log);
    expect(sent.viewPosts(A_SLUG)).toBe(1);
    expect(sent.viewPosts()).toBe(2);
    expect(sent.visitPosts()).toBe(2);

    await page.reload();
    await expect(h1(page)).toHaveText(a.title);
    await quietLog(sent.log);
    expect(sent.visitPosts()).toBe(3);
    expect(sent.viewPosts(A_SLUG)).toBe(2);
    expect((await portal.stats()).visits).toBe(INITIAL_VISITS + 3);
  });
});

test('on the real server with its reader window on: two sessions of one reader count one visit', async ({
  page,
  browser,
}) => {
  const errors = collectErrors(page);
  const windowed = await startPortalServer({ dist: distDir, dedupeMinutes: 30 });
  const context = await browser.newContext();
  try {
    await page.goto(urlFor(windowed, '/'));
    await expect(widgets(page)).toContainText('Số lượt truy cập: 1.791');
    const other = await context.newPage();
    await other.goto(urlFor(windowed, '/'));
    // The second session's POST is answered with the figures, not counted (same IP and User-Agent).
    await expect(widgets(other)).toContainText('Số lượt truy cập: 1.791');
    expect((await windowed.stats()).visits).toBe(INITIAL_VISITS + 1);
    errors.assertNone();
  } finally {
    await context.close();
    await windowed.close();
  }
});

// Item 7: the articles come from the bundled feed (another server), the counting from the portal server
// named by data-counter-api (cross-origin: allowed by --cors-origin and the page's connect-src).
test('data-counter-api: a feed-sourced page counts visits and views on the portal server', async ({ page }) => {
  const errors = collectErrors(page);
  const site = prepareSite({ distDir, mount: 'data-feed="feed.json" data-counter-api="COUNTER_API"', prefix: 'e2e-counter-api-' });
  // Read per request: filled in once the counter's origin is known.
  const headers = {};
  const feedServer = await startServer({ root: site.root, base: BASE, headers });
  const counter = await startPortalServer({ corsOrigins: [new URL(feedServer.url).origin] });
  headers['Content-Security-Policy'] = CSP.replace("connect-src 'self'", `connect-src 'self' ${counter.origin}`);
  site.write('index.html', fs.readFileSync(site.indexPath, 'utf8').replace('COUNTER_API', `${counter.url}/api`));
  const recorded = recordApi(page.context());
  try {
    const a = feedItem(A_SLUG);
    await page.goto(urlFor(feedServer, `tin-tuc/${A_SLUG}`));
    await expect(h1(page)).toHaveText(a.title);
    await expect(widgets(page)).toContainText('Số lượt truy cập: 1.791');
    await expect(viewsFigure(page)).toHaveText(`Lượt xem: ${a._portal.views + 1}`);
    await quietLog(recorded.log);
    expect(recorded.visitPosts()).toBe(1);
    expect(recorded.viewPosts(A_SLUG)).toBe(1);
    expect((await counter.stats()).visits).toBe(INITIAL_VISITS + 1);
    expect((await counter.item(A_SLUG))._portal.views).toBe(a._portal.views + 1);
    errors.assertNone();
  } finally {
    await feedServer.close();
    await counter.close();
    site.remove();
  }
});

// The fault cases below use the fake API: a real server cannot be made to produce them on demand.
let root;
let server;
let api;

test.beforeAll(async () => {
  api = await startFakeApi();
  root = prepareSite({ distDir, mount: `data-api="${attr(api.url)}"`, prefix: 'e2e-counter-site-' }).root;
  server = await startServer({ root, base: BASE });
});
test.afterAll(async () => {
  await api?.close();
  await server?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});
test.beforeEach(() => api.reset());
test.afterEach(() => api.reset());

const posts = (route, pathname) => api.requests({ method: 'POST', route, path: pathname });
const visitPosts = () => posts('visits').length;
const viewPosts = (slug) => posts('views', slug ? `/articles/${slug}/views` : undefined).length;
const item = (slug) => api.items.find((i) => i._portal.slug === slug);

test.describe('the counter failing never holds up the article', () => {
  let errors;
  test.beforeEach(({ page }) => {
    // Failing requests are the point here; Chromium logs each as a console error.
    errors = collectErrors(page, { console: false });
  });
  test.afterEach(() => errors.assertNone());

  const a = () => item(A_SLUG);
  const noFigures = (page) => widgets(page).getByLabel('chưa có số liệu');

  /** Opens A; the text is on screen; waits until the counter has given up; checks "—". */
  async function openAndExpectDash(page, { maxPosts }) {
    const gaveUp = counterGaveUp(page);
    await page.goto(urlFor(server, `tin-tuc/${A_SLUG}`));
    await expect(h1(page)).toHaveText(a().title);
    await expect(main(page).getByText(firstParagraph(a().content_html).slice(0, 60))).toBeVisible();
    await expect.poll(() => gaveUp.length, { timeout: 15_000, message: 'the counter gives up' }).toBe(1);
    await quiet(api);
    expect(visitPosts()).toBeGreaterThanOrEqual(1);
    expect(visitPosts()).toBeLessThanOrEqual(maxPosts);
    await expect(noFigures(page)).toHaveCount(2);
    for (const dash of await noFigures(page).all()) await expect(dash).toHaveText('—');
    await expect(h1(page)).toHaveText(a().title);
    test.info().annotations.push({ type: 'POST /stats/visits', description: String(visitPosts()) });
  }

  test('/stats/visits answers 500: one retry (2 POSTs), article renders, widget "—"', async ({ page }) => {
    api.setFailure('visits', 'status500');
    await openAndExpectDash(page, { maxPosts: 2 });
    expect(visitPosts()).toBe(2);
    expect(api.counts().visits, 'a failed POST counts nothing').toBe(INITIAL_VISITS);
    await expect(viewsFigure(page), 'the view counter is independent').toHaveText(`Lượt xem: ${a()._portal.views + 1}`);
  });

  test('/stats/visits 500 once: the retry counts the visit, exactly once', async ({ page }) => {
    api.setFailure('visits', 'status500', { times: 1 });
    await page.goto(urlFor(server, `tin-tuc/${A_SLUG}`));
    await expect(h1(page)).toHaveText(a().title);
    await expect(widgets(page)).toContainText('Số lượt truy cập: 1.791');
    await quiet(api);
    expect(visitPosts()).toBe(2);
    expect(api.counts().visits).toBe(INITIAL_VISITS + 1);
    await page.reload();
    await expect(widgets(page)).toContainText('Số lượt truy cập: 1.791');
    await quiet(api);
    expect(visitPosts(), 'the session is counted: no POST on reload').toBe(2);
  });

  test('garbage body: not retried (1 POST), widget "—"', async ({ page }) => {
    api.setFailure('visits', 'garbage');
    await openAndExpectDash(page, { maxPosts: 1 });
  });

  test('counter offline (connection dropped): at most 2 POSTs, widget "—"', async ({ page }) => {
    api.setFailure('visits', 'offline');
    api.setFailure('views', 'offline');
    await openAndExpectDash(page, { maxPosts: 2 });
    expect(viewPosts(A_SLUG)).toBeLessThanOrEqual(2);
    await expect(viewsFigure(page), 'the feed’s own view figure stays').toHaveText(`Lượt xem: ${a()._portal.views}`);
  });

  test('counter hangs: the article text is visible within 2 s; then at most 2 POSTs and "—"', async ({ page }) => {
    test.setTimeout(40_000);
    api.setFailure('visits', 'hang');
    api.setFailure('views', 'hang');
    const gaveUp = counterGaveUp(page);
    const started = Date.now();
    await page.goto(urlFor(server, `tin-tuc/${A_SLUG}`), { waitUntil: 'commit' });
    await expect(h1(page)).toHaveText(a().title, { timeout: 2_000 });
    await expect(main(page).getByText(firstParagraph(a().content_html).slice(0, 60))).toBeVisible({ timeout: 500 });
    const textAfter = Date.now() - started;
    expect(textAfter).toBeLessThan(2_000);
    expect(visitPosts(), 'the visit POST is out and hanging').toBe(1);
    await expect(noFigures(page)).toHaveCount(2);

    // 4 s limit, 1 s pause, one retry with 4 s: the widget gives up after about 9 s.
    await expect.poll(() => gaveUp.length, { timeout: 15_000 }).toBe(1);
    const gaveUpAfter = Date.now() - started;
    expect(visitPosts()).toBe(2);
    await expect(noFigures(page)).toHaveCount(2);
    await expect(h1(page)).toHaveText(a().title);
    test.info().annotations.push({
      type: 'timing',
      description: `article text after ${textAfter} ms; counter gave up after ${gaveUpAfter} ms`,
    });
  });

  test('counter failing later in the session shows the last known figures', async ({ page }) => {
    await page.goto(urlFor(server, '/'));
    await expect(widgets(page)).toContainText('Số lượt truy cập: 1.791');
    await quiet(api);

    api.setFailure('stats', 'status500');
    const gaveUp = counterGaveUp(page);
    await page.reload();
    await expect.poll(() => gaveUp.length, { timeout: 15_000 }).toBe(1);
    expect(api.requests({ method: 'GET', route: 'stats' }), 'GET /stats tried twice').toHaveLength(2);
    await expect(widgets(page)).toContainText('Số lượt truy cập: 1.791');
    await expect(widgets(page)).toContainText(`Tổng số lượt xem: ${groupDigitsVi(INITIAL_PAGE_VIEWS + 1)}`);
    expect(visitPosts()).toBe(1);
  });
});

// Issue 24: the retry of a visit whose first request the server is still counting gets 409 ("being
// counted"): the app reads the figures instead of showing "—" (a real server answers 409 only in that window).
test('409 on the visit POST: not retried, the widget shows the figures of the next stats read', async ({ page }) => {
  const errors = collectErrors(page, { console: false });
  api.setFailure('visits', 'status409');
  await page.goto(urlFor(server, `tin-tuc/${A_SLUG}`));
  await expect(h1(page)).toHaveText(item(A_SLUG).title);
  await expect(widgets(page)).toContainText(`Số lượt truy cập: ${groupDigitsVi(INITIAL_VISITS)}`);
  await quiet(api);
  expect(visitPosts(), 'a 409 is not retried').toBe(1);
  expect(api.requests({ method: 'GET', route: 'stats' })).toHaveLength(1);
  errors.assertNone();
});

// Issue 15: the API answering the counting POSTs after 5 s. The 4 s timeout gives up on the first
// request (which the server still counts) and the retry goes out a second later: with one
// Idempotency-Key per visit and per view, reused by the retry, the server counts each once.
test('a slow counter: the retry reuses the Idempotency-Key, one visit and one view are counted', async ({ page }) => {
  test.setTimeout(60_000);
  const slow = await startFakeApi({ delays: { visits: 5_000, views: 5_000 } });
  const site = prepareSite({ distDir, mount: `data-api="${attr(slow.url)}"`, prefix: 'e2e-counter-slow-' });
  const slowServer = await startServer({ root: site.root, base: BASE });
  try {
    const views = slow.items.find((i) => i._portal.slug === A_SLUG)._portal.views;
    await page.goto(urlFor(slowServer, `tin-tuc/${A_SLUG}`));
    const sent = (route) => slow.requests({ method: 'POST', route });
    await expect.poll(() => sent('visits').length, { timeout: 15_000 }).toBe(2);
    await expect.poll(() => sent('views').length, { timeout: 15_000 }).toBe(2);
    for (const route of ['visits', 'views']) {
      const [first, retry] = sent(route);
      expect(first.idempotencyKey, `${route}: the POST carries a key`).toMatch(/^[0-9a-f-]{16,}$/);
      expect(retry.idempotencyKey, `${route}: the retry reuses it`).toBe(first.idempotencyKey);
    }
    // Both retries answered (5 s after they arrived).
    await page.waitForTimeout(5_500);
    expect(slow.counts().visits).toBe(INITIAL_VISITS + 1);
    expect(slow.counts().views[A_SLUG]).toBe(views + 1);
    expect(sent('visits')).toHaveLength(2);
  } finally {
    await slowServer.close();
    await slow.close();
    site.remove();
  }
});
