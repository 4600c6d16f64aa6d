// Widget-only host pages (issue 29, README "Widget-only pages"): a page whose mount points are all visit
// counters loads embed.js, the counter script and the widgets' stylesheet, never the wasm, the glue JS or
// the app's stylesheet, and counts exactly as the app does: one visit per browser session with one
// Idempotency-Key (reused by its retry), 4 s then one retry, a 409 read as "still being counted", the
// figures shown, axe clean, zero CSP violations. The counter script's markup is the app's own (rendered
// natively at build time): the test compares it with the wasm's counter, node for node.
//
// Sites: the REAL portal server (counting, its CSP header) serving a copy of dist/ with host pages added;
// the fake API (fake-api.mjs) for the faults a real server does not produce on demand.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from './server.mjs';
import { startPortalServer } from './portal-server.mjs';
import { INITIAL_PAGE_VIEWS, INITIAL_VISITS, startFakeApi } from './fake-api.mjs';
import { COUNTER_HEADING, CSP, SEED_SLUG, SEED_TITLE, collectErrors, distDir, groupDigitsVi, repoRoot } from './support.mjs';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const counters = (page) => page.getByRole('region', { name: COUNTER_HEADING });
const hostCss = fs.readFileSync(path.join(repoRoot, 'tests/fixtures/host/host.css'), 'utf8');

/** A host page of the operator's (hostile global CSS, its own header and sidebar) holding `mounts`. */
function hostPage(mounts, { embed = '/embed.js', title = 'Trang của đơn vị' } = {}) {
  return `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/host/host.css">
  <script type="module" src="${embed}"></script>
</head>
<body>
  <header class="header"><div class="container"><h1 class="title">${title}</h1></div></header>
  <div class="container">
    <main class="content" id="content"><div class="card"><h2 class="title">Bài của đơn vị</h2><p>Nội dung trang.</p></div></main>
    <aside class="sidebar" aria-label="Cột bên">${mounts}</aside>
  </div>
</body>
</html>
`;
}

/** A copy of dist/ with host pages under /host/ (the portal server serves one directory). */
function siteWith(pages) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-widget-pages-'));
  fs.cpSync(distDir, root, { recursive: true });
  fs.mkdirSync(path.join(root, 'host'));
  fs.writeFileSync(path.join(root, 'host/host.css'), hostCss);
  for (const [name, html] of Object.entries(pages)) fs.writeFileSync(path.join(root, 'host', name), html);
  return { root, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** `html` with an app mount point (portal API, hash routing) at the top of the host's main column. */
const withApp = (html) => html.replace(
  '<main class="content" id="content">',
  '<main class="content" id="content"><div data-news-portal="app" data-api="/api" data-routing="hash"></div>',
);

/** For each test of the enclosing block: the host `pages` on the real portal server, page errors collected. */
function portalSiteEach(pages) {
  const at = {};
  test.beforeEach(async ({ page }) => {
    at.errors = collectErrors(page);
    at.site = siteWith(pages);
    at.portal = await startPortalServer({ dist: at.site.root });
  });
  test.afterEach(async () => {
    await at.portal?.close();
    at.site?.remove();
    at.errors.assertNone();
  });
  return at;
}

/** Every request of a browser context: { method, path, headers }. */
function recordRequests(context) {
  const log = [];
  context.on('request', (r) => {
    const url = new URL(r.url());
    log.push({ method: r.method(), path: url.pathname, search: url.search, origin: url.origin, headers: r.headers() });
  });
  return log;
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Resolves once `log` has had no new entry for `ms`. */
async function quiet(log, ms = 1_200, max = 20_000) {
  const end = Date.now() + max;
  let [seen, since] = [log.length, Date.now()];
  while (Date.now() < end) {
    await sleep(100);
    if (log.length !== seen) [seen, since] = [log.length, Date.now()];
    else if (Date.now() - since >= ms) return;
  }
  throw new Error(`requests kept coming for ${max} ms`);
}

/** Collects CSP violations of every document the page loads (as csp.spec.js does). */
async function watchCsp(page) {
  const violations = [];
  await page.exposeBinding('__reportCspViolation', (_source, v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    }, true);
  });
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
  return violations;
}

const APP_FILE = /(minh-long-portal-[0-9a-f]+(_bg\.wasm|\.js)|main-[0-9a-f]+\.css)$/;
/** The app's code (its stylesheet has the article widget's rules: the widgets' wasm links it too). */
const APP_CODE = /minh-long-portal-[0-9a-f]+(_bg\.wasm|\.js)$/;
/** The app's wasm, and the widgets' (src/bin/widgets.rs). */
const APP_WASM = /minh-long-portal-[0-9a-f]+_bg\.wasm$/;
const WIDGETS_WASM = /portal-widgets-[0-9a-f]{16}_bg\.wasm$/;
/** The widget's DOM as a tree (attributes by name: their order carries no meaning), without the
 * stylesheet link and the renderer's marker comments, adjacent text nodes joined. */
const markup = (page, selector = '#counter') =>
  page.locator(selector).evaluate((el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('link').forEach((l) => l.remove());
    const tree = (node) => {
      const children = [];
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          if (typeof children.at(-1) === 'string') children[children.length - 1] += child.data;
          else children.push(child.data);
        } else if (child.nodeType === Node.ELEMENT_NODE) children.push(tree(child));
      }
      const attributes = Object.fromEntries([...node.attributes].map((a) => [a.name, a.value]).sort());
      return { tag: node.localName, attributes, children };
    };
    return tree(copy);
  });


const LATEST_HEADING = 'Tin mới nhất';
const latestLists = (page) => page.getByRole('region', { name: LATEST_HEADING });
/** Latest lists in every configuration the script reads: the defaults, data-href, data-base with a
 * time zone, hash routing with more items than the feed has, a feed that is not there. */
const LATEST_LISTS = [
  '<div id="latest" data-news-portal="latest" data-feed="feed.json"></div>',
  '<div id="latest-href" data-news-portal="latest" data-feed="feed.json" data-limit="3" data-href="/trang-tin.html#/tin-tuc/{slug}"></div>',
  '<div id="latest-base" data-news-portal="latest" data-feed="feed.json" data-limit="4" data-base="/tin-huyen" data-utc-offset="-03:30"></div>',
  '<div id="latest-hash" data-news-portal="latest" data-feed="feed.json" data-limit="50" data-routing="hash" data-lang="vi-VN"></div>',
  '<div id="latest-missing" data-news-portal="latest" data-feed="missing.json"></div>',
].join('');
const LATEST_IDS = ['latest', 'latest-href', 'latest-base', 'latest-hash', 'latest-missing'];

test.describe('a counter-only host page on the real portal server', () => {
  let site;
  let portal;
  let errors;
  test.beforeEach(async ({ page }) => {
    errors = collectErrors(page);
    site = siteWith({
      'counter.html': hostPage('<div id="counter" data-news-portal="counter" data-api="/api"></div>'),
      'two-counters.html': hostPage(
        '<div data-news-portal="counter" data-api="/api"></div><div data-news-portal="counter" data-api="/api"></div>',
      ),
      // Not read by a counter, but checked by the app: the script leaves it to the app, which says so.
      'bad-base.html': hostPage('<div id="counter" data-news-portal="counter" data-api="/api" data-base="/a/../b"></div>'),
    });
    portal = await startPortalServer({ dist: site.root });
  });
  test.afterEach(async () => {
    await portal?.close();
    site?.remove();
    errors.assertNone();
  });

  test('no wasm: one visit per session, one Idempotency-Key, figures shown, axe clean, zero CSP violations', async ({ page, browser }) => {
    const requests = recordRequests(page.context());
    const csp = await watchCsp(page);
    const visitPosts = () => requests.filter((r) => r.method === 'POST' && r.path === '/api/stats/visits');

    await test.step('first visit: the figures of the counted visit', async () => {
      const response = await page.goto(`${portal.url}/host/counter.html`);
      expect(response.headers()['content-security-policy'], 'served under the README policy').toBe(CSP);
      await expect(counters(page)).toHaveCount(1);
      await expect(counters(page)).toContainText(`Số lượt truy cập: ${groupDigitsVi(INITIAL_VISITS + 1)}`);
      await expect(counters(page)).toContainText(`Tổng số lượt xem: ${groupDigitsVi(INITIAL_PAGE_VIEWS)}`);
      await expect(counters(page).getByRole('heading', { level: 2, name: COUNTER_HEADING })).toBeVisible();
      await quiet(requests);
      expect(visitPosts()).toHaveLength(1);
      expect(visitPosts()[0].headers['idempotency-key']).toMatch(/^[0-9a-f-]{32,36}$/);
      expect((await portal.stats()).visits).toBe(INITIAL_VISITS + 1);
    });

    await test.step('what the page downloaded: embed.js, the counter script, the widgets stylesheet, one POST', async () => {
      const own = requests.filter((r) => r.origin === portal.url).map((r) => `${r.method} ${r.path}`);
      test.info().annotations.push({ type: 'requests', description: own.join(', ') });
      expect(own.filter((r) => APP_FILE.test(r)), 'nothing of the app').toEqual([]);
      expect(own.filter((r) => r.endsWith('.wasm'))).toEqual([]);
      const unhashed = own.map((r) => r.replace(/-[0-9a-f]{16}\./, '-<hash>.')).sort();
      expect(unhashed).toEqual([
        'GET /embed.js',
        'GET /host/counter.html',
        'GET /host/host.css',
        'GET /widget-counter-<hash>.js',
        'GET /widgets-<hash>.css',
        'POST /api/stats/visits',
      ]);
    });

    await test.step('axe (WCAG 2.2 AA) on the page with the counter', async () => {
      const results = await new AxeBuilder({ page }).include('#counter').withTags(WCAG_TAGS).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
    });

    await test.step('reload in the same session: no visit counted, the figures read with GET /stats', async () => {
      await page.reload();
      await expect(counters(page)).toContainText(`Số lượt truy cập: ${groupDigitsVi(INITIAL_VISITS + 1)}`);
      await quiet(requests);
      expect(visitPosts()).toHaveLength(1);
      expect(requests.filter((r) => r.method === 'GET' && r.path === '/api/stats')).toHaveLength(1);
    });

    await test.step('two counters on one page: still no second visit, both show the figures', async () => {
      await page.goto(`${portal.url}/host/two-counters.html`);
      await expect(counters(page)).toHaveCount(2);
      for (const counter of await counters(page).all()) {
        await expect(counter).toContainText(`Số lượt truy cập: ${groupDigitsVi(INITIAL_VISITS + 1)}`);
      }
      await quiet(requests);
      expect(visitPosts()).toHaveLength(1);
      expect(requests.filter((r) => r.path === '/api/stats'), 'one request for both').toHaveLength(2);
    });

    await test.step('a new session counts one more visit', async () => {
      const context = await browser.newContext();
      try {
        const other = await context.newPage();
        const otherRequests = recordRequests(context);
        await other.goto(`${portal.url}/host/counter.html`);
        await expect(counters(other)).toContainText(`Số lượt truy cập: ${groupDigitsVi(INITIAL_VISITS + 2)}`);
        await quiet(otherRequests);
        expect(otherRequests.filter((r) => r.method === 'POST')).toHaveLength(1);
      } finally {
        await context.close();
      }
      expect((await portal.stats()).visits).toBe(INITIAL_VISITS + 2);
    });

    await page.waitForTimeout(300);
    expect(csp, 'no CSP violations').toEqual([]);
  });

  test('sessionStorage blocked: one visit per page load, one for both counters of a page', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'sessionStorage', {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    const requests = recordRequests(page.context());
    const visitPosts = () => requests.filter((r) => r.method === 'POST' && r.path === '/api/stats/visits').length;
    await page.goto(`${portal.url}/host/two-counters.html`);
    await expect(counters(page).first()).toContainText(`Số lượt truy cập: ${groupDigitsVi(INITIAL_VISITS + 1)}`);
    await quiet(requests);
    expect(visitPosts()).toBe(1);
    await page.reload();
    await expect(counters(page).first()).toContainText(`Số lượt truy cập: ${groupDigitsVi(INITIAL_VISITS + 2)}`);
    await quiet(requests);
    expect(visitPosts(), 'without storage a reload is a new count, as in the app').toBe(2);
    expect(requests.filter((r) => r.path.endsWith('.wasm'))).toHaveLength(0);
  });

  test('a counter configured in a way only the app checks is left to the widgets\' wasm, which reports it in place', async ({ page }) => {
    errors = collectErrors(page, { console: false }); // the configuration error is logged on purpose
    const logged = [];
    page.on('console', (m) => m.type() === 'error' && logged.push(m.text()));
    const requests = recordRequests(page.context());
    await page.goto(`${portal.url}/host/bad-base.html`);
    const alert = page.locator('#counter').getByRole('alert');
    await expect(alert).toContainText('Cấu hình trang chưa đúng');
    await expect(alert).toContainText('data-base');
    expect(logged.some((t) => t.startsWith('[news-portal]') && t.includes('data-base'))).toBe(true);
    expect(requests.filter((r) => WIDGETS_WASM.test(r.path)), 'the widgets\' wasm was loaded for it').toHaveLength(1);
    expect(requests.filter((r) => APP_CODE.test(r.path)), 'not the app').toEqual([]);
    await expect(page).toHaveTitle('Trang của đơn vị');
  });

  /** Appends a mount point of `mode` with `attrs` to the host's sidebar, as a host loading it late would. */
  const addLater = (page, id, mode, attrs) => page.evaluate(([id, mode, attrs]) => {
    const late = document.createElement('div');
    late.id = id;
    late.setAttribute('data-news-portal', mode);
    for (const [name, value] of Object.entries(attrs)) late.setAttribute(name, value);
    document.querySelector('aside').append(late);
  }, [id, mode, attrs]);

  test('a latest list the page adds later: the latest script shows it, no wasm; the visit counted once, the list read once', async ({ page }) => {
    const requests = recordRequests(page.context());
    await page.goto(`${portal.url}/host/counter.html`);
    await expect(counters(page)).toContainText(`Số lượt truy cập: ${groupDigitsVi(INITIAL_VISITS + 1)}`);
    await quiet(requests);
    expect(requests.filter((r) => /widget-latest-/.test(r.path)), 'the latest script is not loaded before a list is there').toHaveLength(0);
    await addLater(page, 'late', 'latest', { 'data-api': '/api', 'data-limit': '2' });
    await expect(page.locator('#late').getByRole('listitem')).toHaveCount(2);
    // A second list and a second counter later still: shown by the same script, from the same requests.
    await addLater(page, 'later', 'latest', { 'data-api': '/api', 'data-limit': '3' });
    await addLater(page, 'late-counter', 'counter', { 'data-api': '/api' });
    await expect(page.locator('#later').getByRole('listitem')).toHaveCount(3);
    await expect(page.locator('#late-counter')).toContainText(`Số lượt truy cập: ${groupDigitsVi(INITIAL_VISITS + 1)}`);
    await quiet(requests);
    expect(requests.filter((r) => /(\.wasm|minh-long-portal-[0-9a-f]+\.js)$/.test(r.path)), 'no app').toEqual([]);
    expect(requests.filter((r) => /widget-latest-/.test(r.path))).toHaveLength(1);
    expect(requests.filter((r) => r.path === '/api/articles'), 'one list request for both lists').toHaveLength(1);
    expect(requests.filter((r) => r.method === 'POST' && r.path === '/api/stats/visits')).toHaveLength(1);
    expect((await portal.stats()).visits).toBe(INITIAL_VISITS + 1);
    await expect(counters(page)).toHaveCount(2);
  });

  test('an article the page adds later: the widgets\' wasm shows it, not the app; an app mount point after it loads the app once', async ({ page }) => {
    const requests = recordRequests(page.context());
    await page.goto(`${portal.url}/host/counter.html`);
    await expect(counters(page)).toContainText(`Số lượt truy cập: ${groupDigitsVi(INITIAL_VISITS + 1)}`);
    expect(requests.filter((r) => r.path.endsWith('.wasm'))).toHaveLength(0);
    await addLater(page, 'late', 'article', { 'data-api': '/api', 'data-slug': SEED_SLUG });
    await expect(page.locator('#late').getByRole('heading', { level: 2, name: SEED_TITLE })).toBeVisible();
    await quiet(requests);
    expect(requests.filter((r) => WIDGETS_WASM.test(r.path))).toHaveLength(1);
    expect(requests.filter((r) => APP_CODE.test(r.path)), 'not the app').toEqual([]);
    await addLater(page, 'late-app', 'app', { 'data-api': '/api', 'data-routing': 'hash' });
    await expect(page.locator('#late-app').getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
    await quiet(requests);
    expect(requests.filter((r) => APP_WASM.test(r.path))).toHaveLength(1);
    expect(requests.filter((r) => WIDGETS_WASM.test(r.path))).toHaveLength(1);
    expect(requests.filter((r) => r.method === 'POST' && r.path === '/api/stats/visits')).toHaveLength(1);
    // The sidebar's counter and the app page's own, showing the one visit counted.
    await expect(counters(page)).toHaveCount(2);
    for (const counter of await counters(page).all()) {
      await expect(counter).toContainText(`Số lượt truy cập: ${groupDigitsVi(INITIAL_VISITS + 1)}`);
    }
  });
});

test.describe('the counter script counts as the app does when the counter misbehaves', () => {
  /** A static site (the dist copy with a counter-only page) under the CSP, counting on `api`. */
  async function siteFor(api) {
    const site = siteWith({ 'counter.html': hostPage(`<div id="counter" data-news-portal="counter" data-api="${api.url}"></div>`) });
    const server = await startServer({
      root: site.root,
      base: '/',
      headers: { 'Content-Security-Policy': CSP.replace("connect-src 'self'", `connect-src 'self' ${new URL(api.url).origin}`) },
    });
    return { server, close: async () => { await server.close(); site.remove(); } };
  }
  const posts = (api) => api.requests({ method: 'POST', route: 'visits' });

  test('a slow counter: the retry after 4 s reuses the Idempotency-Key, one visit is counted', async ({ page }) => {
    test.setTimeout(60_000);
    const api = await startFakeApi({ delays: { visits: 5_000 } });
    const { server, close } = await siteFor(api);
    try {
      const errors = collectErrors(page, { console: false });
      const requests = recordRequests(page.context());
      await page.goto(`${new URL('/', server.url).href}host/counter.html`);
      await expect.poll(() => posts(api).length, { timeout: 15_000 }).toBe(2);
      const [first, retry] = posts(api);
      expect(first.idempotencyKey).toMatch(/^[0-9a-f-]{16,}$/);
      expect(retry.idempotencyKey, 'the retry reuses the key').toBe(first.idempotencyKey);
      await page.waitForTimeout(5_500);
      expect(api.counts().visits).toBe(INITIAL_VISITS + 1);
      expect(posts(api)).toHaveLength(2);
      expect(requests.filter((r) => r.path.endsWith('.wasm'))).toHaveLength(0);
      errors.assertNone();
    } finally {
      await close();
      await api.close();
    }
  });

  test('500 twice: one retry, then "—" and the warning; the last figures seen are shown as saved ones', async ({ page }) => {
    test.setTimeout(40_000);
    const api = await startFakeApi();
    const { server, close } = await siteFor(api);
    try {
      const errors = collectErrors(page, { console: false });
      const gaveUp = [];
      page.on('console', (m) => m.text().includes('bộ đếm') && gaveUp.push(m.text()));
      api.setFailure('visits', 'status500');
      await page.goto(`${new URL('/', server.url).href}host/counter.html`);
      await expect.poll(() => gaveUp.length, { timeout: 15_000 }).toBe(1);
      expect(posts(api)).toHaveLength(2);
      const missing = counters(page).getByLabel('chưa có số liệu');
      await expect(missing).toHaveCount(2);
      for (const dash of await missing.all()) await expect(dash).toHaveText('—');

      // A good read later in the session keeps the figures; a failing one after it shows them as saved.
      api.reset();
      await page.reload();
      await expect(counters(page)).toContainText(`Số lượt truy cập: ${groupDigitsVi(INITIAL_VISITS)}`);
      expect(posts(api), 'the session was claimed by the first load').toHaveLength(0);
      api.setFailure('stats', 'status500');
      await page.reload();
      await expect.poll(() => gaveUp.length, { timeout: 15_000 }).toBe(2);
      await expect(counters(page)).toContainText(`Số lượt truy cập: ${groupDigitsVi(INITIAL_VISITS)}`);
      await expect(counters(page)).toContainText(/Số liệu đã lưu lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}, chưa cập nhật được\./);
      errors.assertNone();
    } finally {
      await close();
      await api.close();
    }
  });

  test('409 on the visit POST: not retried, the figures of the next GET /stats', async ({ page }) => {
    const api = await startFakeApi();
    const { server, close } = await siteFor(api);
    try {
      const errors = collectErrors(page, { console: false });
      api.setFailure('visits', 'status409');
      await page.goto(`${new URL('/', server.url).href}host/counter.html`);
      await expect(counters(page)).toContainText(`Số lượt truy cập: ${groupDigitsVi(INITIAL_VISITS)}`);
      await page.waitForTimeout(1_500);
      expect(posts(api)).toHaveLength(1);
      expect(api.requests({ method: 'GET', route: 'stats' })).toHaveLength(1);
      errors.assertNone();
    } finally {
      await close();
      await api.close();
    }
  });
});

test.describe('the same markup as the app', () => {
  let site;
  let server;
  test.beforeAll(async () => {
    site = siteWith({
      // The wasm path (an article widget on the page: the widgets' wasm) and the widget scripts, on the same feed.
      'with-app.html': hostPage(`<div id="counter" data-news-portal="counter" data-feed="feed.json"></div>${LATEST_LISTS}`, { title: 'Có ứng dụng' })
        .replace('<main class="content" id="content">', `<main class="content" id="content"><div data-news-portal="article" data-feed="feed.json" data-slug="${SEED_SLUG}"></div>`),
      'counter.html': hostPage('<div id="counter" data-news-portal="counter" data-feed="feed.json"></div>'),
      'latest.html': hostPage(`<div id="counter" data-news-portal="counter" data-feed="feed.json"></div>${LATEST_LISTS}`),
      'wordpress.html': hostPage('<div id="latest" data-news-portal="latest" data-wordpress="/wp-json"></div>'),
      'counter-with-app.html': hostPage('<div id="counter" data-news-portal="counter" data-feed="feed.json"></div>', { title: 'Có ứng dụng' })
        .replace('<main class="content" id="content">', `<main class="content" id="content"><div data-news-portal="article" data-feed="feed.json" data-slug="${SEED_SLUG}"></div>`),
      'themed.html': hostPage('<div id="counter" data-news-portal="counter" data-feed="feed.json"></div>')
        .replace('</head>', '<link rel="stylesheet" href="/host/theme.css">\n</head>'),
    });
    fs.writeFileSync(path.join(site.root, 'host/theme.css'), '#counter { --np-accent: #7a0b0b; }\n');
    server = await startServer({ root: site.root, base: '/', headers: { 'Content-Security-Policy': CSP } });
  });
  test.afterAll(async () => {
    await server?.close();
    site?.remove();
  });

  test('feed mode: the counter script shows what the wasm shows, node for node', async ({ page }) => {
    const errors = collectErrors(page);
    const requests = recordRequests(page.context());
    await page.goto(`${new URL('/', server.url).href}host/counter-with-app.html`);
    await expect(page.locator('#counter')).toContainText('Số lượt truy cập: 1.790');
    expect(requests.filter((r) => r.path.endsWith('.wasm')), 'this page runs the widgets\' wasm').toHaveLength(1);
    const fromWasm = await markup(page);

    requests.length = 0;
    await page.goto(`${new URL('/', server.url).href}host/counter.html`);
    await expect(counters(page)).toContainText('Số lượt truy cập: 1.790');
    await expect(counters(page)).toContainText('Tổng số lượt xem: 13.832.759');
    expect(requests.filter((r) => r.path.endsWith('.wasm') || APP_FILE.test(r.path))).toEqual([]);
    expect(await markup(page)).toEqual(fromWasm);
    errors.assertNone();
  });

  test('latest lists: the latest script shows what the wasm shows, node for node (links, dates, errors)', async ({ page }) => {
    // The missing feed's 404 is logged by the browser; panics and uncaught errors still fail.
    const errors = collectErrors(page, { console: false });
    const requests = recordRequests(page.context());
    const settled = async () => {
      await expect(page.locator('#latest').getByRole('listitem')).toHaveCount(5);
      await expect(page.locator('#latest-hash').getByRole('listitem')).toHaveCount(24);
      await expect(page.locator('#latest-missing p')).toHaveText('Không tìm thấy nguồn dữ liệu tin tức (lỗi HTTP 404).');
      await expect(page.locator('#counter')).toContainText('Số lượt truy cập: 1.790');
    };
    await page.goto(`${new URL('/', server.url).href}host/with-app.html`);
    await settled();
    expect(requests.filter((r) => r.path.endsWith('.wasm')), 'this page runs the widgets\' wasm').toHaveLength(1);
    const fromWasm = {};
    for (const id of LATEST_IDS) fromWasm[id] = await markup(page, `#${id}`);
    const counterFromWasm = await markup(page);

    requests.length = 0;
    await page.goto(`${new URL('/', server.url).href}host/latest.html`);
    await settled();
    expect(requests.filter((r) => r.path.endsWith('.wasm') || APP_FILE.test(r.path)), 'no app').toEqual([]);
    const own = requests.map((r) => r.path.replace(/-[0-9a-f]{16}\./, '-<hash>.'));
    expect(own.filter((p) => /widget-/.test(p)), 'one script for the counter and the lists').toEqual(['/widget-latest-<hash>.js']);
    expect(own.filter((p) => p === '/feed.json'), 'one feed request for the counter and the lists').toHaveLength(1);
    for (const id of LATEST_IDS) expect(await markup(page, `#${id}`), id).toEqual(fromWasm[id]);
    expect(await markup(page), 'the counter too').toEqual(counterFromWasm);

    // The links of each configuration (README, "Embedding": the data-href rule).
    const hrefs = async (id) => page.locator(`#${id} a`).evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(await hrefs('latest')).toEqual(expect.arrayContaining([expect.stringMatching(/^\/tin-tuc\/[a-z0-9-]+$/)]));
    for (const href of await hrefs('latest-href')) expect(href).toMatch(/^\/trang-tin\.html#\/tin-tuc\/[a-z0-9-]+$/);
    for (const href of await hrefs('latest-base')) expect(href).toMatch(/^\/tin-huyen\/tin-tuc\/[a-z0-9-]+$/);
    for (const href of await hrefs('latest-hash')) expect(href).toMatch(/^#\/tin-tuc\/[a-z0-9-]+$/);
    await expect(page.locator('#latest time').first()).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    await expect(page.locator('#latest time').first()).toHaveText(/^\d{2}\/\d{2}\/\d{4}$/);
    errors.assertNone();
  });

  test('a latest list of WordPress is left to the widgets\' wasm, which says what failed in place', async ({ page }) => {
    const errors = collectErrors(page, { console: false }); // the browser logs the missing source
    const requests = recordRequests(page.context());
    await page.goto(`${new URL('/', server.url).href}host/wordpress.html`);
    // The test server answers any path with the app's shell: the app's words for an HTML answer.
    await expect(page.locator('#latest p')).toHaveText('Dữ liệu nhận được không đúng định dạng: máy chủ trả về một trang HTML thay vì JSON.');
    expect(requests.filter((r) => WIDGETS_WASM.test(r.path)), 'the widgets\' wasm was loaded for it').toHaveLength(1);
    expect(requests.filter((r) => APP_CODE.test(r.path)), 'not the app').toEqual([]);
    // A WordPress list is the wasm's (LEFT_TO_APP in src/widgets/latest.js): embed.js loads no widget script for it.
    expect(requests.filter((r) => /widget-(counter|latest)-|widgets-[0-9a-f]+\.css/.test(r.path))).toEqual([]);
    errors.assertNone();
  });

  test('theming: --np-* custom properties on the mount point apply; the host page keeps its own styles', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto(`${new URL('/', server.url).href}host/themed.html`);
    const title = counters(page).getByRole('heading', { level: 2, name: COUNTER_HEADING });
    await expect(title).toBeVisible();
    await expect(title).toHaveCSS('background-color', 'rgb(122, 11, 11)');
    await expect(title).toHaveCSS('text-transform', 'uppercase');
    await expect(counters(page).getByRole('list')).toHaveCSS('list-style-type', 'none');
    await expect(page.locator('.content > .card > .title')).not.toHaveCSS('background-color', 'rgb(122, 11, 11)');
    errors.assertNone();
  });
});

test.describe('latest lists without the app, on the real portal server', () => {
  const counter = '<div id="counter" data-news-portal="counter" data-api="/api"></div>';
  const latest = '<div id="latest" data-news-portal="latest" data-api="/api" data-limit="3"></div>';
  const at = portalSiteEach({
    'latest.html': hostPage(latest),
    'both.html': hostPage(counter + latest),
    'with-app.html': withApp(hostPage(counter + latest)),
  });
  const unhashed = (requests) => requests
    .filter((r) => r.origin === at.portal.url)
    .map((r) => `${r.method} ${r.path}${r.path === '/api/articles' ? r.search : ''}`.replace(/-[0-9a-f]{16}\./, '-<hash>.'))
    .sort();

  test('only a latest list: no wasm, the newest articles, the visit counted once, axe clean, zero CSP violations', async ({ page }) => {
    const requests = recordRequests(page.context());
    const csp = await watchCsp(page);
    const response = await page.goto(`${at.portal.url}/host/latest.html`);
    expect(response.headers()['content-security-policy'], 'served under the README policy').toBe(CSP);
    await expect(latestLists(page)).toHaveCount(1);
    await expect(latestLists(page).getByRole('heading', { level: 2, name: LATEST_HEADING })).toBeVisible();
    await expect(latestLists(page).getByRole('listitem')).toHaveCount(3);
    for (const link of await latestLists(page).getByRole('link').all()) await expect(link).toHaveAttribute('href', /^\/tin-tuc\/[a-z0-9-]+$/);
    await quiet(requests);
    expect(unhashed(requests)).toEqual([
      'GET /api/articles?page=1&per_page=10',
      'GET /embed.js',
      'GET /host/host.css',
      'GET /host/latest.html',
      'GET /widget-latest-<hash>.js',
      'GET /widgets-<hash>.css',
      // As the app: a latest list of the portal API counts the page's visit (Portal::new).
      'POST /api/stats/visits',
    ]);
    expect(requests.find((r) => r.method === 'POST').headers['idempotency-key']).toMatch(/^[0-9a-f-]{32,36}$/);
    expect((await at.portal.stats()).visits).toBe(INITIAL_VISITS + 1);
    const results = await new AxeBuilder({ page }).include('#latest').withTags(WCAG_TAGS).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
    await page.waitForTimeout(300);
    expect(csp, 'no CSP violations').toEqual([]);
  });

  test('a counter and a latest list: one script, one visit, one list request, both shown', async ({ page }) => {
    const requests = recordRequests(page.context());
    const csp = await watchCsp(page);
    await page.goto(`${at.portal.url}/host/both.html`);
    await expect(counters(page)).toContainText(`Số lượt truy cập: ${groupDigitsVi(INITIAL_VISITS + 1)}`);
    await expect(latestLists(page).getByRole('listitem')).toHaveCount(3);
    await quiet(requests);
    expect(unhashed(requests)).toEqual([
      'GET /api/articles?page=1&per_page=10',
      'GET /embed.js',
      'GET /host/both.html',
      'GET /host/host.css',
      'GET /widget-latest-<hash>.js',
      'GET /widgets-<hash>.css',
      'POST /api/stats/visits',
    ]);
    const results = await new AxeBuilder({ page }).include('aside').withTags(WCAG_TAGS).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
    await page.waitForTimeout(300);
    expect(csp, 'no CSP violations').toEqual([]);
  });

  test('a counter, a latest list and an app: the app once, no widget script, one visit', async ({ page }) => {
    const requests = recordRequests(page.context());
    const csp = await watchCsp(page);
    await page.goto(`${at.portal.url}/host/with-app.html`);
    // The app's own page has its counter too.
    await expect(page.locator('#counter')).toContainText(`Số lượt truy cập: ${groupDigitsVi(INITIAL_VISITS + 1)}`);
    await expect(page.locator('#latest').getByRole('listitem')).toHaveCount(3);
    await quiet(requests);
    expect(requests.filter((r) => r.path.endsWith('.wasm')), 'the app once').toHaveLength(1);
    expect(requests.filter((r) => /widget-(counter|latest)-/.test(r.path)), 'no widget script').toEqual([]);
    expect(requests.filter((r) => r.method === 'POST' && r.path === '/api/stats/visits')).toHaveLength(1);
    await page.waitForTimeout(300);
    expect(csp, 'no CSP violations').toEqual([]);
  });
});

test.describe('an article widget without the app, on the real portal server', () => {
  const article = `<div id="article" data-news-portal="article" data-api="/api" data-slug="${SEED_SLUG}"></div>`;
  const at = portalSiteEach({
    'article.html': hostPage(article),
    // The same widget on a page with an app: the app's wasm mounts it.
    'article-app.html': withApp(hostPage(article)),
  });
  const shown = async (page) => {
    await expect(page.locator('#article').getByRole('heading', { level: 2, name: SEED_TITLE })).toBeVisible();
    await expect(page.locator('#article .np-article__body')).toContainText(/dân vận/i);
  };

  test('only an article: the widgets\' wasm, never the app; the visit counted once, axe clean, zero CSP violations', async ({ page }) => {
    const requests = recordRequests(page.context());
    const csp = await watchCsp(page);
    const response = await page.goto(`${at.portal.url}/host/article.html`);
    expect(response.headers()['content-security-policy'], 'served under the README policy').toBe(CSP);
    await shown(page);
    await quiet(requests);
    expect(requests.filter((r) => APP_FILE.test(r.path)).map((r) => r.path), 'nothing of the app but its stylesheet').toEqual([
      expect.stringMatching(/main-[0-9a-f]+\.css$/),
    ]);
    expect(requests.filter((r) => WIDGETS_WASM.test(r.path))).toHaveLength(1);
    expect(requests.filter((r) => /widget-(counter|latest)-/.test(r.path)), 'no widget script').toEqual([]);
    expect(requests.filter((r) => r.method === 'POST' && r.path === '/api/stats/visits')).toHaveLength(1);
    expect((await at.portal.stats()).visits).toBe(INITIAL_VISITS + 1);
    const results = await new AxeBuilder({ page }).include('#article').withTags(WCAG_TAGS).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
    await page.waitForTimeout(300);
    expect(csp, 'no CSP violations').toEqual([]);
  });

  test('the widgets\' wasm shows the article the app shows, node for node (ids apart)', async ({ page }) => {
    const requests = recordRequests(page.context());
    await page.goto(`${at.portal.url}/host/article-app.html`);
    await shown(page);
    expect(requests.filter((r) => APP_WASM.test(r.path)), 'this page runs the app').toHaveLength(1);
    const ids = (tree) => JSON.parse(JSON.stringify(tree).replace(/-[vw](\d+)\b/g, '-$1'));
    const fromApp = ids(await markup(page, '#article'));
    requests.length = 0;
    await page.goto(`${at.portal.url}/host/article.html`);
    await shown(page);
    expect(requests.filter((r) => APP_WASM.test(r.path))).toEqual([]);
    const fromWidgets = await markup(page, '#article');
    expect(JSON.stringify(fromWidgets)).toMatch(/-v1\b/);
    expect(ids(fromWidgets)).toEqual(fromApp);
  });

  test('an app mount point added later: the app once, the article kept, every id on the page unique', async ({ page }) => {
    const requests = recordRequests(page.context());
    await page.goto(`${at.portal.url}/host/article.html`);
    await shown(page);
    await page.evaluate(() => {
      const app = document.createElement('div');
      app.setAttribute('data-news-portal', 'app');
      app.setAttribute('data-api', '/api');
      app.setAttribute('data-routing', 'hash');
      document.querySelector('main').prepend(app);
    });
    await expect(page.locator('[data-news-portal="app"]').getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
    // A second article later: mounted once, by the app now.
    await page.evaluate((slug) => {
      const more = document.createElement('div');
      more.id = 'article-2';
      more.setAttribute('data-news-portal', 'article');
      more.setAttribute('data-api', '/api');
      more.setAttribute('data-slug', slug);
      document.querySelector('aside').append(more);
    }, SEED_SLUG);
    await expect(page.locator('#article-2').getByRole('heading', { level: 2, name: SEED_TITLE })).toBeVisible();
    await quiet(requests);
    expect(requests.filter((r) => APP_WASM.test(r.path))).toHaveLength(1);
    expect(requests.filter((r) => WIDGETS_WASM.test(r.path))).toHaveLength(1);
    await shown(page);
    const duplicates = await page.evaluate(() => {
      const seen = new Map();
      for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    });
    expect(duplicates, 'ids used twice').toEqual([]);
    expect(requests.filter((r) => r.method === 'POST' && r.path === '/api/stats/visits')).toHaveLength(1);
  });
});
