// The reading path as readers meet it (issue 27; README, "Prerendered pages"): a link shared from
// Facebook or Zalo keeps its prerendered page whatever its feed does, a takeover that gives up leaves
// the title alone, and the takeover keeps what the reader did before it (typed text, selection, the
// menu opened and the text size changed before the wasm ran). The offline half is in offline.spec.js.
import { test, expect } from '@playwright/test';
import { startServer } from './server.mjs';
import { ARTICLE_PATH, BASE, SEED_TITLE, collectErrors, distDir, urlFor, withFeedSite } from './support.mjs';

/** Every animation frame, from the first: whether a loading skeleton or an error view was visible. */
async function countFrames(page) {
  await page.addInitScript(() => {
    window.__frames = { total: 0, skeleton: 0, error: 0 };
    const visible = (selector) =>
      [...document.querySelectorAll(selector)].some((e) => e.checkVisibility({ visibilityProperty: true }));
    const tick = () => {
      window.__frames.total += 1;
      if (visible('.np-loading')) window.__frames.skeleton += 1;
      if (visible('.np-error')) window.__frames.error += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    document.addEventListener('DOMContentLoaded', () => (window.__firstTitle = document.title));
  });
}

const takenOver = (page) =>
  page.waitForFunction(
    () => !document.querySelector('[data-np-prerendered]') && document.querySelector('[data-news-portal-mounted]'),
    null,
    { timeout: 15_000 },
  );

/** The takeover gave up (the app's data failed): embed.js's app says so on the console. */
const gaveUp = (page) => page.waitForEvent('console', { predicate: (m) => /giữ trang đã dựng sẵn/.test(m.text()), timeout: 20_000 });

/** Holds every request matching `glob` until the returned function is called. */
async function hold(page, glob) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(glob, async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  return () => release();
}

const SHARED = ['?fbclid=IwAR2x7Qm9kLc0Z_aBcDeFgH', '?utm_source=zalo&utm_medium=social&utm_campaign=tin-huyen'];

test.describe('a prerendered article opened from a shared link', () => {
  let server;
  test.beforeAll(async () => {
    server = await startServer({ root: distDir, base: BASE });
  });
  test.afterAll(() => server?.close());

  for (const query of SHARED) {
    test(`${query}: the feed healthy, the article stays and the app takes it over after the first paint`, async ({ page }) => {
      const errors = collectErrors(page);
      await countFrames(page);
      await page.goto(urlFor(server, ARTICLE_PATH) + query);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
      await takenOver(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
      const seen = await page.evaluate(() => ({
        frames: window.__frames,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        wasm: performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'))?.startTime,
        articles: document.querySelectorAll('article.np-article').length,
      }));
      expect(seen.frames.skeleton, 'frames with a loading skeleton').toBe(0);
      expect(seen.frames.error, 'frames with an error').toBe(0);
      expect(seen.articles).toBe(1);
      expect(seen.wasm, 'the wasm is requested after the first paint').toBeGreaterThanOrEqual(seen.fcp);
      errors.assertNone();
    });

    test(`${query}: the feed failing with 500, the complete article and its title stay`, async ({ page }) => {
      const errors = collectErrors(page, { console: false });
      await countFrames(page);
      await page.route('**/feed.json', (route) => route.fulfill({ status: 500, body: 'Internal Server Error' }));
      const given = gaveUp(page);
      await page.goto(urlFor(server, ARTICLE_PATH) + query);
      await given;
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
      await expect(page.getByText('Không tải được dữ liệu')).toHaveCount(0);
      await expect(page.locator('article.np-article')).toContainText('dân vận');
      const seen = await page.evaluate(() => ({ frames: window.__frames, title: document.title, first: window.__firstTitle }));
      expect(seen.title, 'the prerendered page keeps its title').toBe(seen.first);
      expect(seen.title).toContain('Hội nghị trực báo');
      expect(seen.frames.skeleton, 'frames with a loading skeleton').toBe(0);
      expect(seen.frames.error, 'frames with an error').toBe(0);
      errors.assertNone();
    });

    test(`${query}: a slow feed, the article stays readable until the app has it`, async ({ page }) => {
      const errors = collectErrors(page);
      await countFrames(page);
      await page.route('**/feed.json', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 3000));
        await route.continue();
      });
      await page.goto(urlFor(server, ARTICLE_PATH) + query);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
      await takenOver(page);
      const frames = await page.evaluate(() => window.__frames);
      expect(frames.skeleton, 'frames with a loading skeleton').toBe(0);
      expect(frames.total, 'frames counted across the 3 s').toBeGreaterThan(30);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
      errors.assertNone();
    });
  }

  test('a search address is the search, not the prerendered search page', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto(urlFor(server, 'tim-kiem') + '?q=d%C3%A2n+v%E1%BA%ADn&utm_source=zalo');
    await expect(page.getByRole('searchbox').last()).toHaveValue('dân vận');
    await expect(page.getByRole('link', { name: SEED_TITLE })).toBeVisible();
    errors.assertNone();
  });

  test('a takeover that gives up (the article gone from the feed) leaves the title as prerendered', async ({ page }) => {
    const errors = collectErrors(page, { console: false });
    await countFrames(page);
    // The feed answers, without this article: the app would show "not found".
    await page.route('**/feed.json', async (route) => {
      const feed = await (await route.fetch()).json();
      feed.items = feed.items.filter((i) => !String(i.url ?? i.id).includes('hoi-nghi-truc-bao'));
      await route.fulfill({ json: feed, headers: { 'Content-Type': 'application/feed+json' } });
    });
    const given = gaveUp(page);
    await page.goto(urlFor(server, ARTICLE_PATH));
    await given;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    const seen = await page.evaluate(() => ({ title: document.title, first: window.__firstTitle, frames: window.__frames }));
    expect(seen.title).toBe(seen.first);
    expect(seen.frames.error).toBe(0);
    errors.assertNone();
  });
});

test.describe('the takeover keeps what the reader did', () => {
  let server;
  test.beforeAll(async () => {
    server = await startServer({ root: distDir, base: BASE });
  });
  test.afterAll(() => server?.close());

  test('text typed across a delayed takeover is all there, and searched for whole', async ({ page }) => {
    const errors = collectErrors(page);
    const releaseFeed = await hold(page, '**/feed.json');
    await page.goto(urlFor(server, ARTICLE_PATH));
    const box = page.getByRole('searchbox', { name: 'Tìm kiếm' }).first();
    await box.click();
    await page.keyboard.type('nong thon moi huyen minh long', { delay: 20 });
    // The app is there, hidden, waiting for its data; the reader goes on typing as it arrives.
    await page.waitForFunction(() => document.querySelectorAll('.np-app').length === 2, null, { timeout: 15_000 });
    releaseFeed();
    await page.keyboard.type(' nam 2022', { delay: 120 });
    await takenOver(page);
    await expect(page.getByRole('searchbox', { name: 'Tìm kiếm' }).first()).toHaveValue('nong thon moi huyen minh long nam 2022');
    await expect(page.getByRole('searchbox', { name: 'Tìm kiếm' }).first()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('nong thon moi huyen minh long nam 2022');
    errors.assertNone();
  });

  test('the caret and a text selection stay where the reader put them', async ({ page }) => {
    const errors = collectErrors(page);
    const releaseWasm = await hold(page, '**/*.wasm');
    await page.goto(urlFor(server, ARTICLE_PATH));
    const box = page.getByRole('searchbox', { name: 'Tìm kiếm' }).first();
    await box.fill('huyen minh long');
    await box.evaluate((input) => input.setSelectionRange(6, 11));
    const caret = await box.evaluate((input) => [input.selectionStart, input.selectionEnd]);
    releaseWasm();
    await takenOver(page);
    expect(await page.getByRole('searchbox', { name: 'Tìm kiếm' }).first().evaluate((i) => [i.selectionStart, i.selectionEnd])).toEqual(caret);

    const release = await hold(page, '**/*.wasm');
    await page.reload();
    const selected = await page.evaluate(() => {
      const paragraph = [...document.querySelectorAll('article.np-article p')].find((p) => p.textContent.length > 80);
      const text = [...paragraph.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.length > 60);
      getSelection().setBaseAndExtent(text, 10, text, 50);
      return getSelection().toString();
    });
    expect(selected.length).toBe(40);
    release();
    await takenOver(page);
    expect(await page.evaluate(() => getSelection().toString())).toBe(selected);
    errors.assertNone();
  });

  test('at 390 px, "Chuyên mục" opens the menu before the wasm runs, and it stays open', async ({ page }) => {
    const errors = collectErrors(page);
    await page.setViewportSize({ width: 390, height: 800 });
    const releaseWasm = await hold(page, '**/*.wasm');
    await page.goto(urlFor(server, ARTICLE_PATH));
    await page.waitForFunction(() => document.querySelector('script[src$="embed.js"]') && performance.getEntriesByType('resource').some((r) => r.name.endsWith('embed.js') && r.responseEnd > 0));
    const menu = page.getByRole('navigation', { name: 'Chuyên mục' });
    const toggle = menu.getByRole('button', { name: 'Chuyên mục' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(menu.getByRole('link', { name: 'Trang chủ' })).toBeHidden();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(menu.getByRole('link', { name: 'Trang chủ' })).toBeVisible();
    releaseWasm();
    await takenOver(page);
    const live = page.getByRole('navigation', { name: 'Chuyên mục' });
    await expect(live.getByRole('button', { name: 'Chuyên mục' })).toHaveAttribute('aria-expanded', 'true');
    await expect(live.getByRole('link', { name: 'Trang chủ' })).toBeVisible();
    // The app runs it now: Esc closes it.
    await live.getByRole('button', { name: 'Chuyên mục' }).focus();
    await page.keyboard.press('Escape');
    await expect(live.getByRole('button', { name: 'Chuyên mục' })).toHaveAttribute('aria-expanded', 'false');
    errors.assertNone();
  });

  test('A+ before the wasm runs enlarges the text at once, and the app goes on from there', async ({ page }) => {
    const errors = collectErrors(page);
    const releaseWasm = await hold(page, '**/*.wasm');
    await page.goto(urlFor(server, ARTICLE_PATH));
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('embed.js') && r.responseEnd > 0));
    const size = () => page.locator('article.np-article .np-article__body').evaluate((a) => parseFloat(getComputedStyle(a).fontSize));
    const normal = await size();
    await page.getByRole('button', { name: 'Tăng cỡ chữ' }).click();
    await expect.poll(size).toBeGreaterThan(normal);
    const larger = await size();
    await expect(page.getByRole('button', { name: 'Cỡ chữ mặc định' })).toHaveAttribute('aria-pressed', 'false');
    releaseWasm();
    await takenOver(page);
    expect(await size()).toBe(larger);
    await page.getByRole('button', { name: 'Giảm cỡ chữ' }).click();
    await expect.poll(size).toBe(normal);
    await expect(page.getByRole('button', { name: 'Cỡ chữ mặc định' })).toHaveAttribute('aria-pressed', 'true');
    errors.assertNone();
  });
});

test('an article past the 20-page lookup limit is said to be not among the newest pages, not deleted', async ({ page }) => {
  const errors = collectErrors(page);
  // 22 pages of one item each, chained by next_url: the item of page 22 is beyond the pages read.
  const feeds = {};
  for (let p = 1; p <= 22; p++) {
    feeds[`page${p}.json`] = {
      version: 'https://jsonfeed.org/version/1.1',
      title: `Trang ${p}`,
      ...(p < 22 ? { next_url: `page${p + 1}.json` } : {}),
      items: [{ id: `p${p}`, title: `Tin số ${p}`, content_text: `Nội dung tin số ${p}.`, date_published: new Date(Date.UTC(2022, 3, 30 - p)).toISOString() }],
    };
  }
  await withFeedSite(feeds, 'page1.json', async (server) => {
    await page.goto(urlFor(server, 'tin-tuc/p22'));
    const main = page.getByRole('main');
    await expect(main).toContainText('không nằm trong 20 trang tin mới nhất');
    await expect(main).not.toContainText('gỡ bỏ');
    await expect(main.getByRole('link', { name: 'Xem danh sách tin mới' })).toBeVisible();
    await expect(main.getByRole('link', { name: 'Tìm kiếm tin bài' })).toBeVisible();
    // One within the limit still opens.
    await page.goto(urlFor(server, 'tin-tuc/p20'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tin số 20');
  });
  errors.assertNone();
});
