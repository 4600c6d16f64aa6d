// The sections menu, the section pages (/chuyen-muc/{slug}) and search (/tim-kiem?q=…), walked as a
// reader does: by role and visible text, never by CSS class or position. Against the built site with its
// sample feed, a generated long feed (pagination, a 10 000-item search) and the fake portal API.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startServer } from './server.mjs';
import { attr, prepareSite, slugify, startFakeApi } from './fake-api.mjs';
import {
  BASE,
  NOT_FOUND_TEXT,
  SEED_SLUG,
  SEED_TITLE,
  collapse,
  collectErrors,
  copySite,
  distDir,
  servedSite,
  sitePath,
  urlFor,
} from './support.mjs';

const NAV_NAME = 'Chuyên mục';
const HOME_NAME = 'Trang chủ';
const SEARCH_LABEL = 'Tìm kiếm';
const SEARCH_BUTTON = 'Tìm';
const RESULTS_H1 = 'Kết quả tìm kiếm';
const MORE = 'Xem thêm';
const SECTION = 'Dân vận';
const SECTION_PATH = `chuyen-muc/${slugify(SECTION)}`;

const main = (page) => page.getByRole('main');
const h1 = (page) => page.getByRole('heading', { level: 1 });
const nav = (page) => page.getByRole('navigation', { name: NAV_NAME });
const navToggle = (page) => nav(page).getByRole('button', { name: NAV_NAME });
/** The list in main: one listitem per article. */
const entries = (page) => main(page).getByRole('list').first().getByRole('listitem');
const entryTitles = async (page) => (await entries(page).getByRole('heading', { level: 2 }).allInnerTexts()).map(collapse);
/** The search field of the navigation bar (first in the page), or of the page itself (inside main). */
const barField = (page) => page.locator('body').getByRole('searchbox', { name: SEARCH_LABEL }).first();
const pageField = (page) => main(page).getByRole('searchbox', { name: SEARCH_LABEL });

/** <time datetime> values of the listed entries, as milliseconds. */
async function entryTimes(page) {
  const values = await entries(page).locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  return values.map((v) => Date.parse(v));
}

const sampleFeed = () => JSON.parse(fs.readFileSync(path.join(distDir, 'feed.json'), 'utf8'));
const sectionOf = (item) => item._portal?.category ?? item.tags?.[0];

/** The query in the address bar, decoded. */
const queryOf = (page) => new URL(page.url()).searchParams.get('q');

test.describe('sections and search on the sample feed', () => {
  const { open } = servedSite(test);

  test('the menu lists every section, home first, and leads to a section page', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(page, '/');
    await expect(main(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();

    const links = nav(page).getByRole('link');
    const expected = [...new Set(sampleFeed().items.map(sectionOf))];
    await expect(links).toHaveCount(expected.length + 1);
    await expect(links.first()).toHaveText(HOME_NAME);
    await expect(links.first()).toHaveAttribute('aria-current', 'page');
    const names = (await links.allInnerTexts()).map(collapse);
    expect(names.slice(1).sort()).toEqual([...expected].sort());
    // At this width the list is shown; the disclosure button is not.
    await expect(navToggle(page)).toBeHidden();

    await nav(page).getByRole('link', { name: SECTION, exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === sitePath(SECTION_PATH));
    await expect(h1(page)).toHaveText(SECTION);
    await expect(h1(page), 'focus moves to the new page’s heading').toBeFocused();
    await expect(nav(page).getByRole('link', { name: SECTION, exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(links.first()).not.toHaveAttribute('aria-current', /./);
    await expect(page).toHaveTitle(new RegExp(`^${SECTION} \\|`));

    // Home again from the menu.
    await links.first().click();
    await expect(page).toHaveURL((url) => url.pathname === BASE);
    await expect(links.first()).toHaveAttribute('aria-current', 'page');
  });

  test('a section page lists only that section, newest first', async ({ page }) => {
    await open(page, SECTION_PATH);
    await expect(h1(page)).toHaveText(SECTION);
    const inSection = sampleFeed()
      .items.filter((i) => sectionOf(i) === SECTION)
      .sort((a, b) => Date.parse(b.date_published) - Date.parse(a.date_published));
    expect(inSection.length).toBeGreaterThan(1);
    await expect(entries(page)).toHaveCount(inSection.length);
    expect(await entryTitles(page)).toEqual(inSection.map((i) => i.title));
    const times = await entryTimes(page);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    await expect(main(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
    await expect(main(page).getByRole('button', { name: MORE })).toHaveCount(0);

    // A deep link survives a reload.
    await page.reload();
    await expect(h1(page)).toHaveText(SECTION);
    await expect(entries(page)).toHaveCount(inSection.length);
  });

  test('an unknown section is the not-found page', async ({ page }) => {
    await open(page, 'chuyen-muc/khong-co-chuyen-muc-nay');
    await expect(h1(page)).toContainText(NOT_FOUND_TEXT);
    await expect(pageField(page)).toBeVisible();
  });

  test('search "dan van" from the menu bar finds the seed article, matches marked', async ({ page }) => {
    await open(page, '/');
    await expect(main(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
    const field = barField(page);
    await expect(field).toHaveAttribute('type', 'search');
    await expect(field).toHaveAttribute('name', 'q');
    await field.fill('dan van');
    await page.getByRole('button', { name: SEARCH_BUTTON, exact: true }).first().click();

    await expect(page).toHaveURL((url) => url.pathname === sitePath('tim-kiem'));
    expect(queryOf(page)).toBe('dan van');
    await expect(h1(page)).toHaveText(RESULTS_H1);
    await expect(h1(page)).toBeFocused();
    await expect(main(page).getByText(/\d+ kết quả cho “dan van”\./)).toBeVisible();

    const seedLink = main(page).getByRole('link', { name: SEED_TITLE, exact: true });
    await expect(seedLink).toBeVisible();
    await expect(seedLink).toHaveAttribute('href', new RegExp(`/tin-tuc/${SEED_SLUG}$`));
    const marks = (await seedLink.locator('mark').allInnerTexts()).map((m) => m.toLowerCase());
    expect(marks).toEqual(['dân', 'vận']);
    // The marks are elements among text nodes: the title reads exactly as published.
    expect(collapse(await seedLink.innerText())).toBe(SEED_TITLE);

    // Every result has both words; titles that have them come first.
    const titles = await entryTitles(page);
    const fold = (s) => s.toLowerCase().replace(/đ/g, 'd').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    const inTitle = titles.map((t) => /\bdan\b/.test(fold(t)) && /\bvan\b/.test(fold(t)));
    const firstWithout = inTitle.indexOf(false);
    if (firstWithout >= 0) expect(inTitle.slice(firstWithout), `title matches first: ${titles.join(' | ')}`).not.toContain(true);
    await expect(entries(page).first().locator('mark').first()).toBeVisible();

    // The result opens the article.
    await seedLink.click();
    await expect(h1(page)).toHaveText(SEED_TITLE);
  });

  test('a search without results says so', async ({ page }) => {
    await open(page, 'tim-kiem?q=xyzzy%20kh%C3%B4ng%20c%C3%B3');
    await expect(h1(page)).toHaveText(RESULTS_H1);
    await expect(main(page).getByText('Không tìm thấy kết quả nào cho “xyzzy không có”.', { exact: true })).toBeVisible();
    await expect(main(page).getByRole('list')).toHaveCount(0);
    await expect(pageField(page)).toHaveValue('xyzzy không có');
  });

  test('markup in the query stays text', async ({ page }) => {
    const q = '<img src=x onerror="window.__pwned=1"><b>dân</b>';
    await open(page, `tim-kiem?q=${encodeURIComponent(q)}`);
    await expect(h1(page)).toHaveText(RESULTS_H1);
    await expect(main(page).getByText(`“${q}”`)).toBeVisible();
    await expect(main(page).locator('img[src="x"], b')).toHaveCount(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  });

  // Issue 16, item 8: a pasted 10,000-character query is not repeated in full in the message.
  test('a very long query is shortened in the message, kept whole in the search field', async ({ page }) => {
    const q = `dân vận ${'x'.repeat(10_000)}`;
    await open(page, `tim-kiem?q=${encodeURIComponent(q)}`);
    await expect(h1(page)).toHaveText(RESULTS_H1);
    const message = main(page).getByText(/^Không tìm thấy kết quả nào cho “dân vận x+…”\.$/);
    await expect(message).toBeVisible();
    const text = await message.innerText();
    expect(text.length, 'the message quotes about 80 characters of the query').toBeLessThan(200);
    await expect(pageField(page)).toHaveValue(q);
  });

  test('the query lives in the URL: reload and the back button', async ({ page }) => {
    await open(page, '/');
    await barField(page).fill('dân vận');
    await barField(page).press('Enter');
    await expect(h1(page)).toHaveText(RESULTS_H1);
    expect(queryOf(page)).toBe('dân vận');
    await expect(main(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
    await expect(pageField(page)).toHaveValue('dân vận');

    // A second search from the page's own box.
    await pageField(page).fill('nong thon moi');
    await pageField(page).press('Enter');
    await expect.poll(() => queryOf(page)).toBe('nong thon moi');
    await expect(main(page).getByText(/kết quả cho “nong thon moi”/)).toBeVisible();
    await expect(main(page).getByRole('link', { name: SEED_TITLE, exact: true })).toHaveCount(0);
    await expect(h1(page)).toBeFocused();

    await page.reload();
    await expect(h1(page)).toHaveText(RESULTS_H1);
    await expect(main(page).getByText(/kết quả cho “nong thon moi”/)).toBeVisible();
    await expect(pageField(page)).toHaveValue('nong thon moi');

    await page.goBack();
    await expect.poll(() => queryOf(page)).toBe('dân vận');
    await expect(main(page).getByText(/kết quả cho “dân vận”/)).toBeVisible();
    await expect(main(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
    await expect(pageField(page)).toHaveValue('dân vận');

    await page.goBack();
    await expect(page).toHaveURL((url) => url.pathname === BASE);
    await page.goForward();
    await expect.poll(() => queryOf(page)).toBe('dân vận');
    await expect(main(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
  });

  test('an empty query shows just the search box', async ({ page }) => {
    await open(page, 'tim-kiem');
    await expect(h1(page)).toHaveText(SEARCH_LABEL);
    await expect(pageField(page)).toBeVisible();
    await expect(pageField(page)).toHaveValue('');
    await expect(main(page).getByRole('list')).toHaveCount(0);
    await expect(main(page).getByText(/kết quả/)).toHaveCount(0);
    // Submitting blank stays there; a query then searches.
    await pageField(page).press('Enter');
    await expect(h1(page)).toHaveText(SEARCH_LABEL);
    await pageField(page).fill('  Thác Trắng ');
    await main(page).getByRole('button', { name: SEARCH_BUTTON, exact: true }).click();
    await expect.poll(() => queryOf(page)).toBe('Thác Trắng');
    await expect(entries(page).first()).toContainText('Thác Trắng');
  });

  test('the 404 page has a search box that searches', async ({ page }) => {
    await open(page, 'khong-co-trang-nay');
    await expect(h1(page)).toContainText(NOT_FOUND_TEXT);
    const field = pageField(page);
    await expect(field).toBeVisible();
    await expect(main(page).getByRole('search')).toBeVisible();
    await field.fill('dan van');
    await main(page).getByRole('button', { name: SEARCH_BUTTON, exact: true }).click();
    await expect(h1(page)).toHaveText(RESULTS_H1);
    await expect(main(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
  });

  test('narrow screens: the "Chuyên mục" button discloses the menu; Esc closes it', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await open(page, '/');
    await expect(main(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
    const toggle = navToggle(page);
    const sectionLink = nav(page).getByRole('link', { name: SECTION, exact: true });
    await expect(toggle).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    const controls = await toggle.getAttribute('aria-controls');
    expect(controls).toBeTruthy();
    const list = page.locator(`#${controls}`);
    await expect(list).toHaveCount(1);
    await expect(list).toBeHidden();

    // Keyboard only: skip link, then the button.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(toggle).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(list).toBeVisible();
    await expect(sectionLink).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(nav(page).getByRole('link', { name: HOME_NAME })).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(list).toBeHidden();
    await expect(toggle, 'Esc gives focus back to the button').toBeFocused();

    // Space opens it too; a section link navigates and the menu folds away.
    await page.keyboard.press(' ');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await sectionLink.click();
    await expect(h1(page)).toHaveText(SECTION);
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(list).toBeHidden();

    // Nothing scrolls sideways with the menu open.
    await toggle.click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The search box stays in the bar at this width.
    await expect(barField(page)).toBeVisible();
  });
});

// ─── A generated feed: pagination of a section, and search over 10 000 items ─────────────────────────────

/** `n` items, newest first one day apart, in `section` unless `every` says otherwise. */
function generatedFeed(n, sectionFor, extra = () => ({})) {
  const day = 86_400_000;
  const start = Date.parse('2024-12-31T08:00:00+07:00');
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Tin thử',
    items: Array.from({ length: n }, (_, i) => ({
      id: `tin-${i}`,
      title: `Tin số ${i + 1}`,
      date_published: new Date(start - i * day).toISOString(),
      summary: `Tóm tắt tin số ${i + 1}.`,
      content_html: `<p>Nội dung tin số ${i + 1}.</p>`,
      tags: [sectionFor(i)],
      _portal: { slug: `tin-so-${i + 1}`, category: sectionFor(i) },
      ...extra(i),
    })),
  };
}

test.describe('a long feed', () => {
  test('a section pages with "Xem thêm", newest first, only its own items', async ({ page }) => {
    // 23 of 30 items in "Tin tổng hợp", shuffled in the file: the page must sort them.
    const feed = generatedFeed(30, (i) => (i % 4 === 3 ? 'Thông báo' : 'Tin tổng hợp'));
    feed.items.reverse();
    const site = copySite({ feed, prefix: 'e2e-categories-' });
    const server = await startServer({ root: site.root, base: BASE });
    const errors = collectErrors(page);
    try {
      await page.goto(urlFor(server, 'chuyen-muc/tin-tong-hop'));
      await expect(h1(page)).toHaveText('Tin tổng hợp');
      const expected = generatedFeed(30, (i) => (i % 4 === 3 ? 'Thông báo' : 'Tin tổng hợp'))
        .items.filter((i) => i.tags[0] === 'Tin tổng hợp')
        .map((i) => i.title);
      expect(expected).toHaveLength(23);
      await expect(entries(page)).toHaveCount(10);
      expect(await entryTitles(page)).toEqual(expected.slice(0, 10));

      const more = main(page).getByRole('button', { name: MORE });
      await more.click();
      await expect(entries(page)).toHaveCount(20);
      await expect(main(page).getByRole('link', { name: expected[10], exact: true }), 'focus on the first new entry').toBeFocused();
      await more.click();
      await expect(entries(page)).toHaveCount(23);
      await expect(more).toHaveCount(0);
      expect(await entryTitles(page)).toEqual(expected);
      const times = await entryTimes(page);
      expect(times).toEqual([...times].sort((a, b) => b - a));
      errors.assertNone();
    } finally {
      await server.close();
      site.remove();
    }
  });

  test('search stays fast on a 10 000-item feed', async ({ page }) => {
    test.setTimeout(120_000);
    const body =
      '<p>Sáng ngày 13/4, Ban Dân vận Huyện ủy tổ chức hội nghị trực báo công tác, các tổ chức chính trị - ' +
      'xã hội, lực lượng vũ trang quý I. Đồng chí Phó Bí thư Thường trực Huyện ủy chủ trì hội nghị.</p>';
    const feed = generatedFeed(10_000, (i) => ['Kinh tế', 'Văn hóa', 'Dân vận', 'Nông thôn mới'][i % 4], (i) => ({
      content_html: body.repeat(3) + (i === 7777 ? '<p>Đặc sản chè Minh Long độc đáo.</p>' : ''),
    }));
    const site = copySite({ feed, prefix: 'e2e-search-10k-' });
    const server = await startServer({ root: site.root, base: BASE });
    const errors = collectErrors(page);
    const indexLogs = [];
    page.on('console', (m) => m.text().startsWith('[news-portal] chỉ mục tìm kiếm') && indexLogs.push(m.text()));
    try {
      await page.goto(urlFor(server, '/'));
      await expect(main(page).getByRole('link', { name: 'Tin số 1', exact: true })).toBeVisible({ timeout: 60_000 });

      // The index is built while the reader reads, before any keystroke, in more than one slice
      // (issue 16 item 10; the slices' lengths are measured by the benchmark, not here).
      await expect.poll(() => indexLogs.length, { timeout: 60_000 }).toBe(1);
      const [, items, slices] = indexLogs[0].match(/(\d+) bài, (\d+) lát/);
      expect(Number(items)).toBe(10_000);
      expect(Number(slices)).toBeGreaterThan(1);

      // Every search reuses it.
      const timings = [];
      for (const q of ['che minh long', 'hoi nghi dan van', 'khong ton tai']) {
        await barField(page).fill(q);
        const t0 = Date.now();
        await barField(page).press('Enter');
        await expect(main(page).getByText(new RegExp(`(kết quả cho|Không tìm thấy kết quả nào cho) “${q}”`))).toBeVisible({
          timeout: 30_000,
        });
        timings.push(Date.now() - t0);
      }
      console.log(`search on 10 000 items: ${timings.map((t) => `${t} ms`).join(', ')}`);
      expect(timings[0], 'first search').toBeLessThan(5_000);
      expect(timings[1], 'a later search').toBeLessThan(1_500);
      expect(indexLogs, 'the index is built once').toHaveLength(1);

      await barField(page).fill('che minh long');
      await barField(page).press('Enter');
      await expect(main(page).getByText('1 kết quả cho “che minh long”.')).toBeVisible();
      await expect(entries(page)).toHaveCount(1);
      await expect(entries(page).first()).toContainText('Tin số 7778');
      expect((await entries(page).first().locator('mark').allInnerTexts()).map((m) => m.toLowerCase())).toEqual([
        'chè',
        'minh',
        'long',
      ]);
      errors.assertNone();
    } finally {
      await server.close();
      site.remove();
    }
  });
});

test('a search opened before the index is built finishes it in slices and finds the same', async ({ page }) => {
  test.setTimeout(120_000);
  const feed = generatedFeed(10_000, (i) => ['Kinh tế', 'Văn hóa'][i % 2], (i) => ({
    content_html: `<p>Nội dung tin số ${i + 1}.</p>` + (i === 4321 ? '<p>Lễ hội Cà Đam.</p>' : ''),
  }));
  const site = copySite({ feed, prefix: 'e2e-search-early-' });
  const server = await startServer({ root: site.root, base: BASE });
  const errors = collectErrors(page);
  const indexLogs = [];
  page.on('console', (m) => m.text().startsWith('[news-portal] chỉ mục tìm kiếm') && indexLogs.push(m.text()));
  try {
    await page.goto(urlFor(server, '/tim-kiem?q=l%E1%BB%85%20h%E1%BB%99i%20c%C3%A0%20%C4%91am'));
    await expect(main(page).getByText('1 kết quả cho “lễ hội cà đam”.')).toBeVisible({ timeout: 60_000 });
    await expect(entries(page).first()).toContainText('Tin số 4322');
    expect(indexLogs).toHaveLength(1);
    expect(Number(indexLogs[0].match(/(\d+) lát/)[1])).toBeGreaterThan(1);
    errors.assertNone();
  } finally {
    await server.close();
    site.remove();
  }
});

// ─── The portal API: sections by tag=, search by q= ──────────────────────────────────────────────────────

test.describe('API mode (data-api)', () => {
  let root;
  let server;
  let api;
  test.beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-cat-api-'));
    server = await startServer({ root, base: BASE });
    api = await startFakeApi({ assetBase: server.url });
    prepareSite({ distDir, into: root, mount: `data-api="${attr(api.url)}"` });
  });
  test.afterAll(async () => {
    await api?.close();
    await server?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('a section page asks the API by tag, search by q', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto(urlFor(server, SECTION_PATH));
    await expect(h1(page)).toHaveText(SECTION);
    const tagged = api.items.filter((i) => [i._portal?.category, ...(i.tags ?? [])].some((t) => t?.toLowerCase() === SECTION.toLowerCase()));
    await expect(entries(page)).toHaveCount(Math.min(tagged.length, 10));
    const byTag = api.requests({ method: 'GET', route: 'list' }).filter((e) => e.query.tag);
    expect(byTag.map((e) => e.query.tag)).toEqual([SECTION]);

    await barField(page).fill('dân vận');
    await barField(page).press('Enter');
    await expect(h1(page)).toHaveText(RESULTS_H1);
    const seedLink = main(page).getByRole('link', { name: SEED_TITLE, exact: true });
    await expect(seedLink).toBeVisible();
    expect((await seedLink.locator('mark').allInnerTexts()).map((m) => m.toLowerCase())).toEqual(['dân', 'vận']);
    const byQuery = api.requests({ method: 'GET', route: 'list' }).filter((e) => e.query.q);
    expect(byQuery.map((e) => e.query.q)).toEqual(['dân vận']);
    errors.assertNone();
  });
});

// ─── Hash routing (data-routing="hash"): the same menu, sections and search in the fragment ─────────────

test('hash routing: the menu marks the section on screen, search and back work in the fragment', async ({ page }) => {
  const site = prepareSite({ distDir, mount: 'data-feed="feed.json" data-routing="hash"', prefix: 'e2e-cat-hash-' });
  const server = await startServer({ root: site.root, base: BASE });
  const errors = collectErrors(page);
  try {
    await page.goto(`${urlFor(server, '/')}#/${SECTION_PATH}`);
    await expect(h1(page)).toHaveText(SECTION);
    await expect(nav(page).getByRole('link', { name: SECTION, exact: true })).toHaveAttribute('aria-current', 'page');
    await nav(page).getByRole('link', { name: 'Nông thôn mới', exact: true }).click();
    await expect(h1(page)).toHaveText('Nông thôn mới');
    expect(new URL(page.url()).hash).toBe('#/chuyen-muc/nong-thon-moi');
    await expect(nav(page).getByRole('link', { name: 'Nông thôn mới', exact: true })).toHaveAttribute('aria-current', 'page');

    await barField(page).fill('dan van');
    await barField(page).press('Enter');
    await expect(h1(page)).toHaveText(RESULTS_H1);
    expect(new URL(page.url()).hash).toBe('#/tim-kiem?q=dan%20van');
    await expect(main(page).getByRole('link', { name: SEED_TITLE, exact: true })).toBeVisible();
    await page.goBack();
    await expect(h1(page)).toHaveText('Nông thôn mới');
    errors.assertNone();
  } finally {
    await server.close();
    site.remove();
  }
});
