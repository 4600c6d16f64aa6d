// Keyboard-only journeys against the built site: the skip link, Tab order with a visible focus indicator
// on every stop and no trap, Shift+Tab, following a link with Enter (focus lands on the new page's h1 and
// the page is announced), "Xem thêm" and "Thử lại" operated with Enter and Space.
//
// Only the keyboard moves focus here: no click(), no focus() — except where a test says otherwise.
// Elements are identified inside the page by a WeakMap id, so "the same element" means the same DOM node.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startServer } from './server.mjs';
import {
  ARTICLE_PATH,
  BASE,
  NOT_FOUND_TEXT,
  RETRY_BUTTON_NAME,
  SKIP_LINK_NAME,
  appReady,
  collectErrors,
  distDir,
  readSeed,
  urlFor,
  unprerender,
  shellHtml,
} from './support.mjs';

const seed = readSeed();
const MORE_BUTTON_NAME = 'Xem thêm';

/** Pages whose whole Tab cycle is walked; add category/search pages here. */
const WALK_PAGES = [
  { id: 'home', path: '/', site: 'ok', mustReach: [{ role: 'link', name: seed.title }, { role: 'button', name: MORE_BUTTON_NAME }] },
  { id: 'article', path: ARTICLE_PATH, site: 'ok', h1: seed.title, mustReach: [{ role: 'link', name: seed.attachment }] },
  { id: 'not-found', path: 'khong-co-trang-nay', site: 'ok', h1: NOT_FOUND_TEXT, mustReach: [{ role: 'link', name: 'Về trang chủ' }] },
  { id: 'unknown-slug', path: 'tin-tuc/khong-ton-tai', site: 'ok', h1: NOT_FOUND_TEXT, mustReach: [{ role: 'link', name: 'Về trang chủ' }] },
  { id: 'error-state', path: '/', site: 'missing-feed', mustReach: [{ role: 'button', name: RETRY_BUTTON_NAME }] },
  { id: 'category', path: 'chuyen-muc/dan-van', site: 'ok', h1: 'Dân vận', mustReach: [{ role: 'link', name: seed.title }] },
  { id: 'search-results', path: 'tim-kiem?q=dan%20van', site: 'ok', h1: 'Kết quả tìm kiếm', mustReach: [{ role: 'link', name: seed.title }, { role: 'input', name: 'dan van' }, { role: 'button', name: MORE_BUTTON_NAME }] },
  { id: 'search-no-result', path: 'tim-kiem?q=xyzzy', site: 'ok', h1: 'Kết quả tìm kiếm', mustReach: [{ role: 'button', name: 'Tìm' }] },
  { id: 'search-empty', path: 'tim-kiem', site: 'ok', h1: 'Tìm kiếm', mustReach: [{ role: 'input', name: '' }, { role: 'button', name: 'Tìm' }] },
];
const ERROR_PAGE = WALK_PAGES.find((p) => p.site === 'missing-feed');
const HOME_PAGE = WALK_PAGES.find((p) => p.id === 'home');
const WALK_VIEWPORTS = [
  { id: '1280x900', viewport: { width: 1280, height: 900 } },
  { id: '320x800', viewport: { width: 320, height: 800 } },
];
/** More Tab presses than any page has stops: the walk must come back to its first stop before this. */
const MAX_TABS = 80;

// ---------------------------------------------------------------------------------------------------------
// Sites: dist/ as built, and a copy whose feed is missing (the "Thử lại" state).

const FEED_ATTRIBUTE = /data-feed="([^"]*)"/g;
const MISSING_FEED_FILE = 'keyboard-missing.json';
const servers = {};
let workDir;
let missingFeed; // { root, feedPath, goodFeed }

function makeMissingFeedSite() {
  const html = shellHtml(distDir);
  const found = [...html.matchAll(FEED_ATTRIBUTE)];
  expect(found.length, 'dist/index.html has exactly one data-feed="…" attribute').toBe(1);
  const original = found[0][1];
  const dir = original.includes('://') ? '' : original.replace(/[^/]*$/, '');
  const onDisk = dir.startsWith(BASE) ? dir.slice(BASE.length) : dir.replace(/^\/+/, '');
  const root = path.join(workDir, 'missing-feed');
  fs.cpSync(distDir, root, { recursive: true });
  unprerender(root);
  fs.writeFileSync(path.join(root, 'index.html'), html.replace(FEED_ATTRIBUTE, `data-feed="${dir}${MISSING_FEED_FILE}"`));
  const goodFeed = original.includes('://')
    ? null
    : path.join(distDir, onDisk, original.slice(dir.length).split(/[?#]/)[0]);
  return { root, feedPath: path.join(root, onDisk, MISSING_FEED_FILE), goodFeed };
}

test.beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-keyboard-'));
  missingFeed = makeMissingFeedSite();
  servers.ok = await startServer({ root: distDir, base: BASE });
  servers['missing-feed'] = await startServer({ root: missingFeed.root, base: BASE });
});

test.afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

test.afterEach(() => {
  // The retry test puts the feed in place; never let it leak into another test.
  if (missingFeed) fs.rmSync(missingFeed.feedPath, { force: true });
});

const h1Of = (page) => page.getByRole('heading', { level: 1 });

async function openPage(page, spec) {
  await page.goto(urlFor(servers[spec.site], spec.path));
  await expect(h1Of(page)).toBeVisible();
  await expect(h1Of(page)).toHaveText(/\S/);
  if (spec.h1) await expect(h1Of(page)).toContainText(spec.h1);
  if (spec.site === 'missing-feed') await expect(page.getByRole('button', { name: RETRY_BUTTON_NAME })).toBeVisible();
  // A prerendered page's controls answer once the app has taken it over (README, "Prerendered pages").
  else await appReady(page);
  // Nothing is focused yet: the first Tab starts from the top of the document.
  expect(await page.evaluate(() => document.activeElement === document.body), 'focus starts on <body>').toBe(true);
}

// ---------------------------------------------------------------------------------------------------------
// In-page helpers

/** Style properties a focus indicator can change. */
const STYLE_PROPS = [
  'outlineStyle', 'outlineWidth', 'outlineColor', 'outlineOffset', 'boxShadow', 'backgroundColor', 'color',
  'textDecorationLine', 'textDecorationThickness', 'borderTopColor', 'borderBottomColor', 'borderTopWidth',
];

/**
 * Records the unfocused look of every focusable element not yet recorded (and not focused now), so the
 * focused look can be compared with it later. Run it before the first Tab and after each one.
 */
async function snapshotUnfocused(page) {
  await page.evaluate((props) => {
    window.__kbUnfocused ??= new WeakMap();
    const focusable =
      'a[href], area[href], button, input, select, textarea, summary, iframe, [contenteditable=""], [contenteditable="true"], [tabindex]';
    for (const el of document.querySelectorAll(focusable)) {
      if (el === document.activeElement || window.__kbUnfocused.has(el)) continue;
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
        r.top < document.documentElement.scrollHeight && r.left < document.documentElement.scrollWidth;
      window.__kbUnfocused.set(el, { ...Object.fromEntries(props.map((p) => [p, s[p]])), onScreen });
    }
  }, STYLE_PROPS);
}

/** What has focus now: a stable id, a readable description, and its focused and unfocused looks. */
async function inspectFocus(page) {
  return page.evaluate((props) => {
    window.__kbIds ??= new WeakMap();
    window.__kbNextId ??= 1;
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) {
      return { id: 0, body: true, desc: '<body> (focus left the page)' };
    }
    if (!window.__kbIds.has(el)) window.__kbIds.set(el, window.__kbNextId++);
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    const name = (el.getAttribute('aria-label') || el.innerText || el.value || '').replace(/\s+/g, ' ').trim();
    const role = el.getAttribute('role') || el.tagName.toLowerCase();
    return {
      id: window.__kbIds.get(el),
      body: false,
      tag: el.tagName.toLowerCase(),
      name,
      desc: `${role} "${name.slice(0, 70)}"`,
      inMain: el.closest('main') !== null,
      tabIndex: el.tabIndex,
      focusVisible: el.matches(':focus-visible'),
      focused: Object.fromEntries(props.map((p) => [p, s[p]])),
      unfocused: window.__kbUnfocused?.get(el) ?? null,
      // The indicator must be at least partly inside the viewport (2.4.11 Focus Not Obscured).
      inViewport: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < vh && r.left < vw,
    };
  }, STYLE_PROPS);
}

/** WCAG relative-luminance contrast of two computed rgb()/rgba() colours; null when either is transparent. */
function contrast(fg, bg) {
  const parse = (c) => {
    const m = /rgba?\(([^)]+)\)/.exec(c ?? '');
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[,/\s]+/).filter(Boolean).map(Number);
    return a < 1 ? null : [r, g, b];
  };
  const lum = (rgb) =>
    rgb
      .map((v) => v / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const a = parse(fg);
  const b = parse(bg);
  if (!a || !b) return null;
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Problems with the focus indicator of one Tab stop (empty when it is fine). */
function focusIndicatorProblems(stop) {
  const problems = [];
  const { focused, unfocused } = stop;
  if (!stop.focusVisible) problems.push('does not match :focus-visible after a Tab');
  if (!stop.inViewport) problems.push('is outside the viewport while focused');
  const outline = focused.outlineStyle !== 'none' && parseFloat(focused.outlineWidth) >= 2;
  const shadow = focused.boxShadow && focused.boxShadow !== 'none';
  if (!outline && !shadow) {
    problems.push(`has no outline ≥ 2px nor box-shadow (outline ${focused.outlineStyle} ${focused.outlineWidth})`);
  }
  if (!unfocused) {
    problems.push('has no recorded unfocused look to compare with');
  } else {
    const changed = STYLE_PROPS.filter((p) => focused[p] !== unfocused[p]);
    // The skip link is styled the same either way but is moved from off screen into view.
    if (changed.length === 0 && unfocused.onScreen) problems.push('looks the same focused and unfocused');
  }
  const ratio = contrast(focused.color, focused.backgroundColor);
  if (ratio !== null && ratio < 4.5) {
    problems.push(`text contrast on the focus background is ${ratio.toFixed(2)}:1 (< 4.5:1)`);
  }
  return problems;
}

/** Presses Tab (or Shift+Tab) until `accept(stop)` holds; fails after `max` presses. Returns the stop. */
async function tabUntil(page, accept, { max = MAX_TABS, key = 'Tab', what = 'the target' } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const stop = await inspectFocus(page);
    seen.push(stop.desc);
    if (accept(stop)) return stop;
  }
  throw new Error(`${what} not reached after ${max} × ${key}; focus went through:\n  ${seen.join('\n  ')}`);
}

const named = (role, name) => (stop) =>
  !stop.body && (role === 'link' ? stop.tag === 'a' : stop.tag === role) && stop.name.includes(name);

/** 'main' when focus is on or inside <main>, else a description of where it is (for poll messages). */
const focusPlace = (stop) => (stop.inMain ? 'main' : stop.desc);

/** Pulls the skip link and moves into main, the way a keyboard user starts on each page. */
async function skipToMain(page) {
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: SKIP_LINK_NAME, exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.closest('main') != null), {
      message: 'after Enter on the skip link, focus is on or inside <main>',
    })
    .toBe(true);
}

// ---------------------------------------------------------------------------------------------------------

test.describe('keyboard: skip link', () => {
  test('the first Tab stop is the skip link and Enter moves focus into main', async ({ page }) => {
    const errors = collectErrors(page);
    await openPage(page, HOME_PAGE);
    const main = page.getByRole('main');
    const mainBackground = await main.evaluate((m) => getComputedStyle(m).backgroundColor);

    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: SKIP_LINK_NAME, exact: true });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();

    await page.keyboard.press('Enter');
    await expect(main).toBeFocused();
    await expect(main, 'main is scrolled into view').toBeInViewport();
    expect(
      await main.evaluate((m) => getComputedStyle(m).backgroundColor),
      'focusing <main> from the skip link does not repaint the whole content area',
    ).toBe(mainBackground);

    // The next Tab continues inside main, not back at the top of the document.
    await page.keyboard.press('Tab');
    const next = await inspectFocus(page);
    expect(next.inMain, `the Tab after the skip link lands inside main (got ${next.desc})`).toBe(true);
    errors.assertNone();
  });
});

test.describe('keyboard: Tab order', () => {
  for (const spec of WALK_PAGES) {
    for (const vp of WALK_VIEWPORTS) {
      test(`${spec.id} @ ${vp.id}: every stop shows focus, and Tab cycles without a trap`, async ({ page }) => {
        const errors = collectErrors(page, { console: spec.site === 'ok' });
        await page.setViewportSize(vp.viewport);
        await openPage(page, spec);
        await snapshotUnfocused(page);

        const stops = [];
        const problems = [];
        let cycled = false;
        for (let i = 0; i < MAX_TABS; i++) {
          await page.keyboard.press('Tab');
          const stop = await inspectFocus(page);
          const previous = stops.at(-1);
          if (previous && previous.id === stop.id) {
            throw new Error(`focus is stuck on ${stop.desc} (Tab press ${i + 1} did not move it)`);
          }
          if (stops.length > 0 && !stop.body && stop.id === stops[0].id) {
            cycled = true;
            break;
          }
          if (!stop.body && stops.some((s) => s.id === stop.id)) {
            throw new Error(
              `focus came back to ${stop.desc} before reaching the end of the page (a loop):\n  ` +
                [...stops, stop].map((s) => s.desc).join('\n  '),
            );
          }
          stops.push(stop);
          if (!stop.body) {
            for (const problem of focusIndicatorProblems(stop)) problems.push(`${stop.desc}: ${problem}`);
          }
          await snapshotUnfocused(page);
        }
        const order = stops.map((s) => s.desc).join('\n  ');
        console.log(`Tab order ${spec.id} @ ${vp.id} (${stops.length} stops):\n  ${order}`);

        expect(cycled, `after ${MAX_TABS} Tabs focus came back to the first stop (Tab order:\n  ${order})`).toBe(true);
        expect(stops[0].name, 'the first Tab stop is the skip link').toBe(SKIP_LINK_NAME);
        expect(problems, `every Tab stop has a visible focus indicator:\n${problems.join('\n')}`).toEqual([]);
        for (const target of spec.mustReach ?? []) {
          expect(
            stops.some(named(target.role, target.name)),
            `${target.role} "${target.name}" is in the Tab order:\n  ${order}`,
          ).toBe(true);
        }
        errors.assertNone();
      });
    }
  }

  test('Shift+Tab retraces the Tab order backwards', async ({ page }) => {
    const errors = collectErrors(page);
    await openPage(page, HOME_PAGE);

    const forward = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      forward.push(await inspectFocus(page));
    }
    expect(forward.every((s) => !s.body), 'the first 8 Tab stops are on the page').toBe(true);

    const backward = [];
    for (let i = 0; i < forward.length - 1; i++) {
      await page.keyboard.press('Shift+Tab');
      backward.push(await inspectFocus(page));
    }
    const expected = forward.slice(0, -1).reverse();
    expect(
      backward.map((s) => s.id),
      `Shift+Tab visits ${expected.map((s) => s.desc).join(' ← ')}\n got ${backward.map((s) => s.desc).join(' ← ')}`,
    ).toEqual(expected.map((s) => s.id));
    await expect(page.getByRole('link', { name: SKIP_LINK_NAME, exact: true })).toBeFocused();
    errors.assertNone();
  });
});

test.describe('keyboard: journeys', () => {
  test('Tab to the seed article, Enter: focus lands on its h1 and the title is announced', async ({ page }) => {
    const errors = collectErrors(page);
    await openPage(page, HOME_PAGE);
    await skipToMain(page);

    await tabUntil(page, named('link', seed.title), { what: `the link "${seed.title}"` });
    await expect(page.getByRole('main').getByRole('link', { name: seed.title, exact: true })).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL((url) => url.pathname === `${BASE}${ARTICLE_PATH}`);
    const h1 = h1Of(page);
    await expect(h1).toHaveText(seed.title);
    await expect(h1, 'after the route change focus is on the new page’s h1').toBeFocused();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await expect(
      page.locator('[aria-live="polite"]').filter({ hasText: seed.title }),
      'a polite live region announces the new page title',
    ).toHaveCount(1);
    await expect(page).toHaveTitle(new RegExp(seed.title.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

    // From the heading, Tab carries on into the article (its attachment is the first control in it).
    await tabUntil(page, named('link', seed.attachment), { what: `the attachment link "${seed.attachment}"` });
    errors.assertNone();
  });

  test(`"${MORE_BUTTON_NAME}" is reachable and works with Enter and Space`, async ({ page }) => {
    const errors = collectErrors(page);
    await openPage(page, HOME_PAGE);
    const button = page.getByRole('button', { name: MORE_BUTTON_NAME });
    test.skip((await button.count()) === 0, `no "${MORE_BUTTON_NAME}" button: the feed fits on one page`);

    const items = page.getByRole('main').getByRole('listitem');
    const before = await items.count();

    await skipToMain(page);
    await tabUntil(page, named('button', MORE_BUTTON_NAME), { what: `the "${MORE_BUTTON_NAME}" button` });
    await expect(button).toBeFocused();

    await page.keyboard.press('Enter');
    await expect.poll(() => items.count(), { message: 'Enter shows more items' }).toBeGreaterThan(before);
    const afterEnter = await items.count();

    if ((await button.count()) > 0) {
      // Still there: it keeps focus (or can be reached again) and Space works too.
      const focused = await inspectFocus(page);
      if (!named('button', MORE_BUTTON_NAME)(focused)) {
        await tabUntil(page, named('button', MORE_BUTTON_NAME), { what: `the "${MORE_BUTTON_NAME}" button again` });
      }
      await page.keyboard.press(' ');
      await expect.poll(() => items.count(), { message: 'Space shows more items' }).toBeGreaterThan(afterEnter);
    }
    errors.assertNone();
  });

  test(`"${MORE_BUTTON_NAME}": focus is not dropped when the last press removes the button`, async ({ page }) => {
    // Regression: when "Xem thêm" showed the last items the button was removed and focus fell back
    // to <body>, so the next Tab started again at the skip link (2.4.3).
    const errors = collectErrors(page);
    await openPage(page, HOME_PAGE);
    const button = page.getByRole('button', { name: MORE_BUTTON_NAME });
    test.skip((await button.count()) === 0, `no "${MORE_BUTTON_NAME}" button: the feed fits on one page`);

    await skipToMain(page);
    await tabUntil(page, named('button', MORE_BUTTON_NAME), { what: `the "${MORE_BUTTON_NAME}" button` });
    for (let i = 0; i < 20 && (await button.count()) > 0; i++) {
      const stop = await inspectFocus(page);
      if (!named('button', MORE_BUTTON_NAME)(stop)) {
        await tabUntil(page, named('button', MORE_BUTTON_NAME), { what: `the "${MORE_BUTTON_NAME}" button` });
      }
      await page.keyboard.press('Enter');
      await page.waitForTimeout(100);
    }
    await expect(button, 'every item is shown in the end').toHaveCount(0);
    const after = await inspectFocus(page);
    expect(after.body, `focus stays on the page after the last "${MORE_BUTTON_NAME}" (got ${after.desc})`).toBe(false);
    expect(after.inMain, `focus stays inside main (got ${after.desc})`).toBe(true);
    errors.assertNone();
  });

  test(`error state: "${RETRY_BUTTON_NAME}" is reachable and works with Enter and Space`, async ({ page }) => {
    test.skip(!missingFeed.goodFeed || !fs.existsSync(missingFeed.goodFeed), 'no local sample feed to restore');
    const errors = collectErrors(page, { console: false });
    let feedRequests = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith(`/${MISSING_FEED_FILE}`)) feedRequests += 1;
    });
    await openPage(page, ERROR_PAGE);
    const retry = page.getByRole('button', { name: RETRY_BUTTON_NAME });
    const alert = page.getByRole('alert').filter({ hasText: /\S/ });
    await expect(alert).toBeVisible();
    const requestsBefore = feedRequests;

    // Enter while the feed is still missing: it asks again and the error stays on screen.
    await tabUntil(page, named('button', RETRY_BUTTON_NAME), { what: `the "${RETRY_BUTTON_NAME}" button` });
    await expect(retry).toBeFocused();
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(`/${MISSING_FEED_FILE}`));
    await page.keyboard.press('Enter');
    await answered;
    expect(feedRequests, 'Enter on "Thử lại" requests the feed again').toBeGreaterThan(requestsBefore);
    await expect(alert).toBeVisible();
    await expect(retry).toBeVisible();
    // The error view may be drawn anew; once it is, focus must still be inside main (its h1 or the button).
    await expect
      .poll(async () => focusPlace(await inspectFocus(page)), { message: 'focus after "Thử lại" (feed still missing)' })
      .toBe('main');

    // The feed is back; Space on the button loads it.
    fs.copyFileSync(missingFeed.goodFeed, missingFeed.feedPath);
    if (!named('button', RETRY_BUTTON_NAME)(await inspectFocus(page))) {
      await tabUntil(page, named('button', RETRY_BUTTON_NAME), { what: `the "${RETRY_BUTTON_NAME}" button again` });
    }
    await page.keyboard.press(' ');
    await expect(page.getByRole('main').getByRole('link', { name: seed.title, exact: true })).toBeVisible();
    await expect(alert).toHaveCount(0);
    errors.assertNone();
  });

  test(`error state: focus is not dropped when "${RETRY_BUTTON_NAME}" succeeds`, async ({ page }) => {
    // Regression: a successful retry replaced the error view on the same URL and focus fell back
    // to <body> (2.4.3); the retry button now asks the next heading to take focus.
    test.skip(!missingFeed.goodFeed || !fs.existsSync(missingFeed.goodFeed), 'no local sample feed to restore');
    const errors = collectErrors(page, { console: false });
    await openPage(page, ERROR_PAGE);
    await tabUntil(page, named('button', RETRY_BUTTON_NAME), { what: `the "${RETRY_BUTTON_NAME}" button` });
    fs.copyFileSync(missingFeed.goodFeed, missingFeed.feedPath);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main').getByRole('link', { name: seed.title, exact: true })).toBeVisible();
    await expect
      .poll(async () => focusPlace(await inspectFocus(page)), {
        message: 'focus once the news has loaded is on or inside main',
        timeout: 3000,
      })
      .toBe('main');
    errors.assertNone();
  });
});

test.describe('keyboard: article tools', () => {
  const ARTICLE_PAGE = WALK_PAGES.find((p) => p.id === 'article');
  const bodyFontPx = (page) =>
    page.locator('.np-article__body').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

  test('text size: A+ with Enter and Space, A back to normal', async ({ page }) => {
    const errors = collectErrors(page);
    await openPage(page, ARTICLE_PAGE);
    const normalSize = await bodyFontPx(page);
    await skipToMain(page);
    await tabUntil(page, named('button', 'Tăng cỡ chữ'), { what: 'the "Tăng cỡ chữ" button' });
    await page.keyboard.press('Enter');
    await expect.poll(() => bodyFontPx(page)).toBeGreaterThan(normalSize);
    const once = await bodyFontPx(page);
    await page.keyboard.press(' ');
    await expect.poll(() => bodyFontPx(page)).toBeGreaterThan(once);
    await expect(page.getByRole('button', { name: 'Tăng cỡ chữ' })).toBeFocused();

    await page.keyboard.press('Shift+Tab');
    const normal = page.getByRole('button', { name: 'Cỡ chữ mặc định' });
    await expect(normal).toBeFocused();
    await expect(normal).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.press('Enter');
    await expect(normal).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => bodyFontPx(page)).toBeCloseTo(normalSize, 1);
    errors.assertNone();
  });

  test('"In bài viết" is reachable and prints with Enter', async ({ page }) => {
    const errors = collectErrors(page);
    await page.addInitScript(() => {
      window.__printCalls = 0;
      window.print = () => {
        window.__printCalls += 1;
      };
    });
    await openPage(page, ARTICLE_PAGE);
    await skipToMain(page);
    await tabUntil(page, named('button', 'In bài viết'), { what: 'the "In bài viết" button' });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => window.__printCalls)).toBe(1);
    errors.assertNone();
  });

  test('share: the links are reachable, "Sao chép liên kết" copies with Enter and confirms', async ({ page, context }) => {
    const errors = collectErrors(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openPage(page, ARTICLE_PAGE);
    await skipToMain(page);
    await tabUntil(page, named('link', 'Facebook'), { what: 'the Facebook share link' });
    await tabUntil(page, named('link', 'Zalo'), { what: 'the Zalo share link' });
    await tabUntil(page, named('button', 'Sao chép liên kết'), { what: 'the "Sao chép liên kết" button' });
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Đã sao chép liên kết' })).toBeVisible();
    // The canonical address: under the site URL the build was prerendered for (data-np-site).
    const html = await (await fetch(urlFor(servers.ok, ARTICLE_PATH))).text();
    const site = html.match(/data-np-site="([^"]+)"/)[1];
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(site + new URL(urlFor(servers.ok, ARTICLE_PATH)).pathname);
    await expect(page.getByRole('button', { name: 'Sao chép liên kết' })).toBeFocused();
    errors.assertNone();
  });

  test('image preview: Enter opens it on "Đóng", focus stays in it, Esc closes and focus returns', async ({ page }) => {
    const errors = collectErrors(page);
    await openPage(page, ARTICLE_PAGE);
    await skipToMain(page);
    await tabUntil(page, named('link', seed.attachment), { what: `the attachment link "${seed.attachment}"` });
    const link = page.getByRole('main').getByRole('link', { name: seed.attachment });
    await expect(link).toBeFocused();

    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    const close = dialog.getByRole('button', { name: 'Đóng' });
    await expect(close).toBeFocused();
    // Modal: Tab never reaches the page behind it.
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      const outside = await page.evaluate(() => {
        const el = document.activeElement;
        return !!el && el !== document.body && !el.closest('dialog');
      });
      expect(outside, 'focus stays out of the page behind the preview').toBe(false);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(link).toBeFocused();

    // Again, closed with Enter on "Đóng".
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await expect(close).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(link).toBeFocused();
    await expect(page).toHaveURL((url) => url.pathname === `${BASE}${ARTICLE_PATH}`);
    errors.assertNone();
  });
});
