// The article page beyond its text, walked as a reader does: "Tin khác", text size (A−, A, A+) kept
// across visits, printing (only the article, with its source and address), sharing (Facebook, Zalo,
// copy link with a visible confirmation, and the fallback without the Clipboard API), the larger
// preview of image attachments (Esc closes it, focus returns), the home page's lead article, and
// the per-page head tags (description, canonical, OpenGraph, JSON-LD NewsArticle), which only the
// full app may write.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from './server.mjs';
import {
  ARTICLE_PATH,
  BASE,
  SEED_SLUG,
  collapse,
  collectErrors,
  copySite,
  distDir,
  readSeed,
  screenshotsDir,
  sectionLinkPaths,
  sitePath,
  urlFor,
  shellHtml,
  appReady,
} from './support.mjs';

const seed = readSeed();
const feed = JSON.parse(fs.readFileSync(path.join(distDir, 'feed.json'), 'utf8'));
const SITE_NAME = feed._portal?.contact?.agency ?? 'Ủy ban nhân dân huyện Minh Long';
const OTHER_HEADING = 'Tin khác';
const DEFAULT_BODY_PX = 17; // 1.0625rem
const ddmmyyyy = (s) => {
  const [d, m, y] = s.split('/').map(Number);
  return Date.UTC(y, m - 1, d);
};

let server;
let leadSite;
let leadServer;
let widgetSite;
let widgetServer;
let cspServer;

/** The policy of csp.spec.js (the one the README recommends to hosts). */
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: https:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The feed with an image on its newest item, so the lead article shows one. */
function feedWithLeadImage() {
  const copy = structuredClone(feed);
  const newest = [...copy.items].sort((a, b) => Date.parse(b.date_published) - Date.parse(a.date_published))[0];
  newest.image = 'files/thac-trang-minh-long.jpg';
  return { copy, newest };
}

test.beforeAll(async () => {
  server = await startServer({ root: distDir, base: BASE });
  leadSite = copySite({ prefix: 'e2e-lead-', feed: feedWithLeadImage().copy });
  leadServer = await startServer({ root: leadSite.root, base: BASE });
  // A host page with the article widget: it must leave <head> alone.
  const index = shellHtml(distDir);
  const widgetHtml = index.replace(
    /<div data-news-portal="app"[^>]*>/,
    `<div data-news-portal="article" data-slug="${SEED_SLUG}" data-feed="${BASE}feed.json">`,
  );
  widgetSite = copySite({ prefix: 'e2e-widget-', files: { 'widget-host.html': widgetHtml } });
  widgetServer = await startServer({ root: widgetSite.root, base: BASE });
  cspServer = await startServer({ root: distDir, base: BASE, headers: { 'Content-Security-Policy': CSP } });
});

test.afterAll(async () => {
  await Promise.all([server, leadServer, widgetServer, cspServer].map((s) => s?.close()));
  leadSite?.remove();
  widgetSite?.remove();
});

const main = (page) => page.getByRole('main');
const h1 = (page) => page.getByRole('heading', { level: 1 });
const bodyFontPx = (page) =>
  page.locator('.np-article__body').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

/**
 * The address readers share and search engines index for a page of this test server: under the site
 * URL the build was prerendered for (its --site-url, on the mount element as data-np-site), not under
 * the address the test server happens to have, in the one path form (README, head tags).
 */
async function canonicalOf(url) {
  const html = await (await fetch(urlFor(server, ARTICLE_PATH))).text();
  const site = html.match(/data-np-site="([^"]+)"/)[1];
  const path = new URL(url).pathname.replace(/index\.html$/, '');
  return site + (path === BASE ? BASE : path.replace(/\/$/, ''));
}

async function openArticle(page, site = server) {
  await page.goto(urlFor(site, ARTICLE_PATH));
  await expect(h1(page)).toHaveText(seed.title);
  await appReady(page);
}

test.describe('Tin khác', () => {
  test('lists up to five other articles around this one, newest first, never itself', async ({ page }) => {
    const errors = collectErrors(page);
    await openArticle(page);
    const heading = page.getByRole('heading', { level: 2, name: OTHER_HEADING, exact: true });
    await expect(heading).toBeVisible();
    const section = page.getByRole('region', { name: OTHER_HEADING });
    const items = section.getByRole('listitem');
    await expect(items.first()).toBeVisible();
    const count = await items.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(5);

    const paths = await sectionLinkPaths(heading);
    expect(paths, 'never the article itself').not.toContain(sitePath(ARTICLE_PATH));
    const related = page.getByRole('heading', { level: 2, name: 'Tin liên quan', exact: true });
    await expect(page.getByRole('region', { name: 'Tin liên quan' }).getByRole('listitem').first()).toBeVisible();
    const relatedPaths = await sectionLinkPaths(related);
    expect(paths.filter((p) => relatedPaths.includes(p)), 'nothing "Tin liên quan" already lists').toEqual([]);
    const dates = (await section.locator('time').allTextContents()).map((t) => ddmmyyyy(t.replace(/[()]/g, '')));
    expect(dates, 'newest first').toEqual([...dates].sort((a, b) => b - a));
    const own = ddmmyyyy(seed.date);
    expect(dates.some((d) => d > own), 'a newer article is among them').toBe(true);
    expect(dates.some((d) => d < own), 'an older article is among them').toBe(true);

    // Each one is a working in-app link.
    const first = section.getByRole('link').first();
    const title = collapse(await first.textContent());
    await first.click();
    await expect(h1(page)).toHaveText(title);
    errors.assertNone();
  });
});

test.describe('text size', () => {
  test('A+, A− and A change the article text, and the choice is kept for the next visit', async ({ page }) => {
    const errors = collectErrors(page);
    await openArticle(page);
    const larger = page.getByRole('button', { name: 'Tăng cỡ chữ' });
    const smaller = page.getByRole('button', { name: 'Giảm cỡ chữ' });
    const normal = page.getByRole('button', { name: 'Cỡ chữ mặc định' });
    await expect(normal).toHaveAttribute('aria-pressed', 'true');
    expect(await bodyFontPx(page)).toBeCloseTo(DEFAULT_BODY_PX, 0);

    await larger.click();
    await expect.poll(() => bodyFontPx(page)).toBeGreaterThan(DEFAULT_BODY_PX);
    await expect(normal).toHaveAttribute('aria-pressed', 'false');
    expect(await page.evaluate(() => localStorage.getItem('np-font-scale'))).toBe('1.1875');
    await larger.click();
    const twoUp = await bodyFontPx(page);
    expect(twoUp).toBeGreaterThan(19);

    // Kept across a reload and on another article.
    await page.reload();
    await expect(h1(page)).toHaveText(seed.title);
    // While the app renders hidden beside the prerendered page there are two article bodies.
    await appReady(page);
    await expect.poll(() => bodyFontPx(page)).toBeCloseTo(twoUp, 1);
    await expect(normal).toHaveAttribute('aria-pressed', 'false');

    // Up to the largest step, where A+ says it can go no further (and keeps focus).
    for (let i = 0; i < 6 && (await larger.getAttribute('aria-disabled')) !== 'true'; i++) await larger.click();
    await expect(larger).toHaveAttribute('aria-disabled', 'true');
    expect(await bodyFontPx(page)).toBeCloseTo(24, 0); // 1.5rem
    await larger.click({ force: true });
    expect(await bodyFontPx(page), 'A+ at the largest size does nothing').toBeCloseTo(24, 0);

    await normal.click();
    await expect(normal).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => bodyFontPx(page)).toBeCloseTo(DEFAULT_BODY_PX, 0);
    expect(await page.evaluate(() => localStorage.getItem('np-font-scale'))).toBeNull();

    for (let i = 0; i < 6 && (await smaller.getAttribute('aria-disabled')) !== 'true'; i++) await smaller.click();
    await expect(smaller).toHaveAttribute('aria-disabled', 'true');
    expect(await bodyFontPx(page)).toBeCloseTo(14, 0); // 0.875rem
    errors.assertNone();
  });

  test('works where storage is blocked, and ignores a stored value it does not know', async ({ page }) => {
    const errors = collectErrors(page);
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    await openArticle(page);
    await page.getByRole('button', { name: 'Tăng cỡ chữ' }).click();
    await expect.poll(() => bodyFontPx(page)).toBeGreaterThan(DEFAULT_BODY_PX);
    errors.assertNone();

    const page2 = await page.context().newPage();
    await page2.addInitScript(() => localStorage.setItem('np-font-scale', '<script>9'));
    await openArticle(page2);
    expect(await bodyFontPx(page2)).toBeCloseTo(DEFAULT_BODY_PX, 0);
    await page2.close();
  });

  test('a prerendered article shows the saved size before the wasm runs, as the app then does', async ({ page }) => {
    const errors = collectErrors(page);
    // The wasm never answers: the page stays as prerendered (embed.js has run, the app never does).
    await page.route(/_bg\.wasm$/, () => {});
    await page.addInitScript(() => localStorage.setItem('np-font-scale', '1.5'));
    await page.goto(urlFor(server, ARTICLE_PATH));
    await expect(h1(page)).toHaveText(seed.title);
    await expect(page.locator('[data-np-prerendered]')).toHaveCount(1);
    await expect.poll(() => bodyFontPx(page)).toBeCloseTo(24, 0); // 1.5rem
    await expect(page.getByRole('button', { name: 'Tăng cỡ chữ' })).toHaveAttribute('aria-disabled', 'true');
    await expect(page.getByRole('button', { name: 'Giảm cỡ chữ' })).toHaveAttribute('aria-disabled', 'false');
    await expect(page.getByRole('button', { name: 'Cỡ chữ mặc định' })).toHaveAttribute('aria-pressed', 'false');

    await page.unroute(/_bg\.wasm$/);
    await page.reload();
    await appReady(page);
    expect(await bodyFontPx(page), 'the app keeps the size the page showed').toBeCloseTo(24, 0);
    await expect(page.getByRole('button', { name: 'Tăng cỡ chữ' })).toHaveAttribute('aria-disabled', 'true');
    await expect(page.getByRole('button', { name: 'Cỡ chữ mặc định' })).toHaveAttribute('aria-pressed', 'false');

    // Nothing saved (or a value the app does not know): the normal size, marked as such, before the wasm.
    const page2 = await page.context().newPage();
    await page2.route(/_bg\.wasm$/, () => {});
    await page2.addInitScript(() => localStorage.setItem('np-font-scale', '9rem'));
    await page2.goto(urlFor(server, ARTICLE_PATH));
    await expect(page2.locator('[data-np-prerendered]')).toHaveCount(1);
    expect(await bodyFontPx(page2)).toBeCloseTo(DEFAULT_BODY_PX, 0);
    await expect(page2.getByRole('button', { name: 'Cỡ chữ mặc định' })).toHaveAttribute('aria-pressed', 'true');
    await page2.close();
    errors.assertNone();
  });
});

test.describe('print', () => {
  test('"In bài viết" prints; the printout has the article, its source and address, nothing around it', async ({ page }) => {
    const errors = collectErrors(page);
    await page.addInitScript(() => {
      window.__printCalls = 0;
      window.print = () => {
        window.__printCalls += 1;
      };
    });
    await openArticle(page);
    const printButton = page.getByRole('button', { name: 'In bài viết' });
    await expect(printButton).toBeVisible();
    await printButton.click();
    expect(await page.evaluate(() => window.__printCalls)).toBe(1);

    const source = page.getByText(/^Nguồn: /);
    await expect(source, 'the source line is for print only').toBeHidden();

    await page.emulateMedia({ media: 'print' });
    const address = await canonicalOf(urlFor(server, ARTICLE_PATH));
    await expect(source).toBeVisible();
    expect(collapse(await source.textContent())).toBe(`Nguồn: ${SITE_NAME} – ${address}`);
    await expect(h1(page)).toBeVisible();
    await expect(main(page).locator('time').first()).toHaveText(seed.date);
    await expect(main(page).getByText(seed.paragraphs[0].trim().slice(0, 40))).toBeVisible();
    await expect(main(page).getByText(seed.author, { exact: true })).toBeVisible();
    await expect(main(page).getByRole('link', { name: seed.attachment })).toBeVisible();
    for (const hidden of [
      page.locator('.np-site-header'),
      page.getByRole('complementary'),
      page.getByRole('contentinfo'),
      page.getByRole('heading', { name: 'Tin liên quan' }),
      page.getByRole('heading', { name: OTHER_HEADING }),
      page.getByRole('button', { name: 'In bài viết' }),
      page.getByRole('button', { name: 'Tăng cỡ chữ' }),
      page.getByRole('heading', { name: 'Chia sẻ' }),
      page.getByRole('navigation'),
    ]) {
      for (const el of await hidden.all()) await expect(el).toBeHidden();
    }
    fs.mkdirSync(screenshotsDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotsDir, 'article-print.png'), fullPage: true, animations: 'disabled' });
    errors.assertNone();
  });
});

test.describe('share', () => {
  test('Facebook and Zalo links share this page in a new tab and say so', async ({ page }) => {
    const errors = collectErrors(page);
    await openArticle(page);
    const address = await canonicalOf(urlFor(server, ARTICLE_PATH));
    const encoded = encodeURIComponent(address);
    const facebook = page.getByRole('link', { name: 'Chia sẻ lên Facebook (mở cửa sổ mới)' });
    const zalo = page.getByRole('link', { name: 'Chia sẻ qua Zalo (mở cửa sổ mới)' });
    await expect(facebook).toHaveAttribute('href', `https://www.facebook.com/sharer/sharer.php?u=${encoded}`);
    await expect(zalo).toHaveAttribute('href', `https://sp.zalo.me/share_to_zalo?url=${encoded}`);
    for (const link of [facebook, zalo]) {
      await expect(link).toHaveAttribute('target', '_blank');
      const rel = (await link.getAttribute('rel')).split(/\s+/);
      expect(rel).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
    }
    errors.assertNone();
  });

  test('"Sao chép liên kết" copies the address and confirms it in a status message', async ({ page, context }) => {
    const errors = collectErrors(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openArticle(page);
    const status = page.locator('.np-share').getByRole('status');
    await expect(status).toHaveText('');
    await page.getByRole('button', { name: 'Sao chép liên kết' }).click();
    await expect(status).toHaveText('Đã sao chép liên kết');
    await expect(status).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await canonicalOf(urlFor(server, ARTICLE_PATH)));
    await expect(page.getByRole('textbox', { name: 'Liên kết bài viết' })).toBeHidden();
    errors.assertNone();
  });

  test('without the Clipboard API the address is shown selected in a read-only field', async ({ page }) => {
    const errors = collectErrors(page);
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => undefined });
    });
    await openArticle(page);
    await page.getByRole('button', { name: 'Sao chép liên kết' }).click();
    const field = page.getByRole('textbox', { name: 'Liên kết bài viết' });
    await expect(field).toBeVisible();
    await expect(field).toHaveValue(await canonicalOf(urlFor(server, ARTICLE_PATH)));
    await expect(field).toHaveAttribute('readonly', '');
    await expect(field).toBeFocused();
    const selected = await field.evaluate((el) => [el.selectionStart, el.selectionEnd, el.value.length]);
    expect(selected).toEqual([0, selected[2], selected[2]]);
    await expect(page.locator('.np-share').getByRole('status')).toHaveText(/Đã sao chép liên kết|Ctrl\+C/);
    errors.assertNone();
  });
});

test.describe('image attachments', () => {
  test('a click opens a larger preview; Esc and "Đóng" close it and focus returns to the link', async ({ page }) => {
    const errors = collectErrors(page);
    await openArticle(page);
    const link = main(page).getByRole('link', { name: seed.attachment });
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeHidden();

    await link.click();
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL(urlFor(server, ARTICLE_PATH));
    const name = seed.attachment.split(' (')[0];
    await expect(dialog.getByRole('heading')).toContainText(name.replace(/\.[a-z]+$/i, ''));
    const image = dialog.getByRole('img');
    await expect(image).toBeVisible();
    await expect.poll(() => image.evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    const box = await image.boundingBox();
    const thumbWidth = (await link.boundingBox()).width;
    expect(box.width, 'the preview is large').toBeGreaterThan(Math.min(300, thumbWidth));
    await expect(dialog.getByRole('button', { name: 'Đóng' })).toBeFocused();
    await page.screenshot({ path: test.info().outputPath('preview.png') });

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(link).toBeFocused();

    await link.click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await expect(dialog).toBeHidden();
    await expect(link).toBeFocused();
    errors.assertNone();
  });

  test('with a modifier key the link stays a plain link to the file', async ({ page, context }) => {
    await openArticle(page);
    const link = main(page).getByRole('link', { name: seed.attachment });
    const opened = context.waitForEvent('page');
    await link.click({ modifiers: ['ControlOrMeta'] });
    const tab = await opened;
    await tab.waitForLoadState();
    expect(new URL(tab.url()).pathname).toMatch(/\.jpg$/);
    await tab.close();
    await expect(page.getByRole('dialog')).toBeHidden();
  });
});

test.describe('home', () => {
  test('the lead article comes first, larger, with its image (alt="") and summary', async ({ page }) => {
    const errors = collectErrors(page);
    const { newest } = feedWithLeadImage();
    await page.goto(urlFor(leadServer, '/'));
    const items = main(page).getByRole('listitem');
    await expect(items.first()).toBeVisible();
    const lead = items.first();
    await expect(lead.getByRole('link', { name: newest.title, exact: true })).toBeVisible();
    const img = lead.locator('img');
    await expect(img).toHaveAttribute('alt', '');
    await expect.poll(() => img.evaluate((el) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    await expect(lead.locator('time')).toHaveText(/^\d{2}\/\d{2}\/\d{4}$/);
    if (newest.summary) await expect(lead.getByText(newest.summary.slice(0, 30))).toBeVisible();
    const size = (item) => item.getByRole('heading').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await size(lead), 'the lead title is bigger than the others').toBeGreaterThan(await size(items.nth(1)));
    // The rest: title, date dd/mm/yyyy, summary.
    for (const item of (await items.all()).slice(1, 4)) {
      await expect(item.getByRole('heading')).toBeVisible();
      await expect(item.locator('time')).toHaveText(/^\d{2}\/\d{2}\/\d{4}$/);
    }
    await page.screenshot({ path: test.info().outputPath('home-lead.png') });
    errors.assertNone();
  });
});

test.describe('head tags', () => {
  const meta = (page) =>
    page.evaluate(() => {
      const content = (sel) => [...document.querySelectorAll(sel)].map((e) => e.getAttribute('content') ?? e.getAttribute('href'));
      return {
        description: content('meta[name="description"]'),
        canonical: content('link[rel="canonical"]'),
        ogTitle: content('meta[property="og:title"]'),
        ogDescription: content('meta[property="og:description"]'),
        ogUrl: content('meta[property="og:url"]'),
        ogType: content('meta[property="og:type"]'),
        ogLocale: content('meta[property="og:locale"]'),
        ogImage: content('meta[property="og:image"]'),
        jsonLd: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent)),
      };
    });

  test('the article page describes itself: description, canonical, OpenGraph and a NewsArticle', async ({ page }) => {
    const errors = collectErrors(page);
    await openArticle(page);
    const address = await canonicalOf(urlFor(server, ARTICLE_PATH));
    await expect.poll(async () => (await meta(page)).ogType).toEqual(['article']);
    const m = await meta(page);
    expect(m.description).toHaveLength(1);
    expect(m.description[0].length).toBeGreaterThan(40);
    expect(m.description[0]).not.toMatch(/[<>]/);
    expect(m.canonical).toEqual([address]);
    expect(m.ogTitle).toEqual([seed.title]);
    expect(m.ogUrl).toEqual([address]);
    expect(m.ogLocale).toEqual(['vi_VN']);
    expect(m.ogDescription).toEqual(m.description);
    expect(m.jsonLd).toHaveLength(1);
    const ld = m.jsonLd[0];
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@type']).toBe('NewsArticle');
    expect(ld.headline).toBe(seed.title);
    const [d, mo, y] = seed.date.split('/');
    expect(ld.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // 08:00 in Vietnam is 01:00 UTC the same day.
    expect(ld.datePublished.slice(0, 10)).toBe(`${y}-${mo}-${d}`);
    expect(ld.dateModified).toBeTruthy();
    expect(ld.author).toEqual([expect.objectContaining({ '@type': 'Person', name: seed.author })]);
    expect(ld.publisher).toEqual({ '@type': 'Organization', name: SITE_NAME });
    expect(ld.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': address });

    // Another article reached in the app replaces them (never two of a kind).
    const other = page.getByRole('region', { name: OTHER_HEADING }).getByRole('link').first();
    const otherTitle = collapse(await other.textContent());
    await other.click();
    await expect(h1(page)).toHaveText(otherTitle);
    await expect.poll(async () => (await meta(page)).ogTitle).toEqual([otherTitle]);
    const next = await meta(page);
    expect(next.canonical).toEqual([await canonicalOf(page.url())]);
    expect(next.jsonLd.map((j) => j.headline)).toEqual([otherTitle]);
    expect(next.description).toHaveLength(1);

    // Home: a website, no NewsArticle, the home address.
    const homeLink = page.getByRole('link', { name: 'Trang chủ', exact: true });
    if ((await homeLink.count()) > 0) await homeLink.first().click();
    else await page.goto(urlFor(server, '/'));
    await expect.poll(async () => (await meta(page)).ogType).toEqual(['website']);
    const home = await meta(page);
    expect(home.canonical).toEqual([await canonicalOf(urlFor(server, '/'))]);
    expect(home.jsonLd).toEqual([]);
    expect(home.description).toHaveLength(1);
    expect(home.ogLocale).toEqual(['vi_VN']);
    errors.assertNone();
  });

  test('an article with an image names it as og:image and in the NewsArticle', async ({ page }) => {
    const withImage = feed.items.find((i) => i.image);
    test.skip(!withImage, 'no article with an image in the sample feed');
    await page.goto(urlFor(server, `tin-tuc/${withImage._portal?.slug ?? withImage.id}`));
    await expect(h1(page)).toHaveText(withImage.title);
    await expect.poll(async () => (await meta(page)).ogImage).toHaveLength(1);
    const m = await meta(page);
    expect(m.ogImage[0]).toMatch(/^https?:\/\/.+\.(jpg|png)$/);
    expect(m.jsonLd[0].image).toBe(m.ogImage[0]);
  });

  test('a widget on a host page leaves <head> alone', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto(urlFor(widgetServer, 'widget-host.html'));
    const before = await page.evaluate(() => document.head.innerHTML);
    await expect(page.getByRole('heading', { name: seed.title })).toBeVisible();
    await page.waitForTimeout(300);
    const m = await meta(page);
    expect(m.canonical).toEqual([]);
    expect(m.ogType).toEqual([]);
    expect(m.jsonLd).toEqual([]);
    expect(await page.evaluate(() => document.querySelectorAll('[data-np-head]').length)).toBe(0);
    expect(await page.evaluate(() => document.head.innerHTML)).toBe(before);
    errors.assertNone();
  });
});

test.describe('accessibility and CSP of the tools', () => {
  const axe = (page) => new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const describe = (violations) =>
    violations.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');

  test('axe finds nothing with the preview open, nor with the copy field shown', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => undefined });
    });
    await openArticle(page);
    await page.getByRole('button', { name: 'Tăng cỡ chữ' }).click();
    await page.getByRole('button', { name: 'Sao chép liên kết' }).click();
    await expect(page.getByRole('textbox', { name: 'Liên kết bài viết' })).toBeVisible();
    let result = await axe(page);
    expect(result.violations, describe(result.violations)).toEqual([]);

    await main(page).getByRole('link', { name: seed.attachment }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    result = await axe(page);
    expect(result.violations, describe(result.violations)).toEqual([]);
  });

  test('every tool works under the strict CSP without a violation', async ({ page, context }) => {
    const violations = [];
    await page.exposeBinding('__cspViolation', (_source, v) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(`${e.effectiveDirective} ${e.blockedURI}`), true);
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const errors = collectErrors(page);
    const response = await page.goto(urlFor(cspServer, ARTICLE_PATH));
    expect(response.headers()['content-security-policy']).toBe(CSP);
    await expect(h1(page)).toHaveText(seed.title);
    await expect(page.locator('script[type="application/ld+json"]')).toHaveCount(1);
    await page.getByRole('button', { name: 'Tăng cỡ chữ' }).click();
    await expect.poll(() => bodyFontPx(page)).toBeGreaterThan(DEFAULT_BODY_PX);
    await page.getByRole('button', { name: 'Sao chép liên kết' }).click();
    await expect(page.getByText('Đã sao chép liên kết')).toBeVisible();
    await main(page).getByRole('link', { name: seed.attachment }).click();
    await expect(page.getByRole('dialog').getByRole('img')).toBeVisible();
    await page.keyboard.press('Escape');
    await page.goto(urlFor(cspServer, '/'));
    await expect(main(page).getByRole('listitem').first()).toBeVisible();
    await page.waitForTimeout(300);
    expect(violations).toEqual([]);
    errors.assertNone();
  });
});
