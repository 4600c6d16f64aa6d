// Accessibility checks against the built site (WCAG 2.2 AA as far as a machine can tell), on the app's
// pages once it has taken over the prerendered ones (those are audited as served in nojs.spec.js):
// - axe-core (wcag2a/aa, wcag21a/aa, wcag22aa) on every page × viewport, zero violations;
// - reflow (1.4.10): no horizontal scrolling at 320 CSS px, nor at 1280 px zoomed to 400 %;
// - text spacing (1.4.12): the WCAG spacing overrides clip no text and add no horizontal scroll;
// - prefers-reduced-motion: the loading skeleton does not animate;
// - images carry alt, attachment links name their file type and size.
//
// Pages come from PAGES below: add category/search pages there and every check runs on them too.
// A page with `site: 'missing-feed'` is served from a copy of dist/ whose data-feed points at a file
// that does not exist (the "could not load" state, as in bad-feed.spec.js).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from './server.mjs';
import {
  ARTICLE_PATH,
  BASE,
  NOT_FOUND_TEXT,
  RETRY_BUTTON_NAME,
  appReady,
  collectErrors,
  distDir,
  readSeed,
  repoRoot,
  urlFor,
  unprerender,
  shellHtml,
} from './support.mjs';

const seed = readSeed();

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * id: used in test titles; path: site-relative; site: which copy of dist/ serves it;
 * h1: text (string or RegExp) the page's h1 must contain once it is ready;
 * attachments: attachment links expected on the page, with the type and size unit their names must carry.
 * ready: 'retry-button' when the page is only ready once the "Thử lại" button shows (the error state).
 */
const PAGES = [
  { id: 'home', path: '/', site: 'ok' },
  {
    id: 'article',
    path: ARTICLE_PATH,
    site: 'ok',
    h1: seed.title,
    attachments: [{ name: seed.attachment, type: 'JPG', unit: 'KB' }],
  },
  { id: 'not-found', path: 'khong-co-trang-nay', site: 'ok', h1: NOT_FOUND_TEXT },
  { id: 'unknown-slug', path: 'tin-tuc/khong-ton-tai', site: 'ok', h1: NOT_FOUND_TEXT },
  { id: 'error-state', path: '/', site: 'missing-feed', ready: 'retry-button' },
  { id: 'category', path: 'chuyen-muc/dan-van', site: 'ok', h1: 'Dân vận' },
  { id: 'search-results', path: 'tim-kiem?q=dan%20van', site: 'ok', h1: 'Kết quả tìm kiếm' },
  { id: 'search-no-result', path: 'tim-kiem?q=xyzzy', site: 'ok', h1: 'Kết quả tìm kiếm' },
  { id: 'search-empty', path: 'tim-kiem', site: 'ok', h1: 'Tìm kiếm' },
];

const VIEWPORTS = [
  { id: '1280x900', viewport: { width: 1280, height: 900 } },
  { id: '320x800', viewport: { width: 320, height: 800 } },
];

/** Reflow (1.4.10): a phone-width screen, and a 1280×1024 desktop at 400 % zoom (= 320×256 CSS px). */
const REFLOW_VIEWPORTS = [
  { id: '320 px', viewport: { width: 320, height: 800 } },
  { id: '1280 px at 400 % zoom', viewport: { width: 320, height: 256 }, deviceScaleFactor: 4 },
];

/** WCAG 1.4.12 text-spacing bookmarklet values. */
const TEXT_SPACING_CSS = `
  * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-bottom: 2em !important; }
`;

// ---------------------------------------------------------------------------------------------------------
// Sites

const FEED_ATTRIBUTE = /data-feed="([^"]*)"/g;
const servers = {};
let workDir;

/** A copy of dist/ whose data-feed points at a file that does not exist next to the real feed. */
function makeMissingFeedSite() {
  const html = shellHtml(distDir);
  const found = [...html.matchAll(FEED_ATTRIBUTE)];
  expect(found.length, 'dist/index.html has exactly one data-feed="…" attribute').toBe(1);
  const dir = found[0][1].includes('://') ? '' : found[0][1].replace(/[^/]*$/, '');
  const root = path.join(workDir, 'missing-feed');
  fs.cpSync(distDir, root, { recursive: true });
  unprerender(root);
  const indexPath = path.join(root, 'index.html');
  fs.writeFileSync(indexPath, html.replace(FEED_ATTRIBUTE, `data-feed="${dir}a11y-missing.json"`));
  return root;
}

/** A copy of dist/ whose data-feed is tests/fixtures/feeds/long-words.json: unbroken words everywhere. */
function makeLongWordsSite() {
  const html = shellHtml(distDir);
  const dir = [...html.matchAll(FEED_ATTRIBUTE)][0][1].replace(/[^/]*$/, '');
  const root = path.join(workDir, 'long-words');
  fs.cpSync(distDir, root, { recursive: true });
  unprerender(root);
  const onDisk = dir.startsWith(BASE) ? dir.slice(BASE.length) : dir.replace(/^\/+/, '');
  fs.copyFileSync(path.join(repoRoot, 'tests/fixtures/feeds/long-words.json'), path.join(root, onDisk, 'long-words.json'));
  fs.writeFileSync(path.join(root, 'index.html'), html.replace(FEED_ATTRIBUTE, `data-feed="${dir}long-words.json"`));
  return root;
}

test.beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-a11y-'));
  servers.ok = await startServer({ root: distDir, base: BASE });
  servers['missing-feed'] = await startServer({ root: makeMissingFeedSite(), base: BASE });
  servers['long-words'] = await startServer({ root: makeLongWordsSite(), base: BASE });
  // The app alone (no prerendered pages): what a reader sees while the feed loads.
  const shell = path.join(workDir, 'shell');
  fs.cpSync(distDir, shell, { recursive: true });
  unprerender(shell);
  servers.shell = await startServer({ root: shell, base: BASE });
});

test.afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

/** Opens a page and waits until it has rendered its content (its h1, plus the retry button on errors). */
async function openPage(page, spec) {
  await page.goto(urlFor(servers[spec.site], spec.path));
  // The app's own DOM, not the prerendered page it replaces (which has an h1 at once and is audited
  // by nojs.spec.js): a page the app never takes over fails here.
  await appReady(page);
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toBeVisible();
  await expect(h1).toHaveText(/\S/);
  if (spec.h1) await expect(h1).toContainText(spec.h1);
  if (spec.ready === 'retry-button') {
    await expect(page.getByRole('button', { name: RETRY_BUTTON_NAME })).toBeVisible();
  }
  // The sidebar and footer render from the same feed; give them a frame to settle.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Errors that fail the test: all console errors on a healthy site, only page errors/panics otherwise. */
function errorsFor(page, spec) {
  return collectErrors(page, { console: spec.site === 'ok' });
}

// ---------------------------------------------------------------------------------------------------------
// Reporting helpers

/** One readable block per axe violation: rule, impact, help, and each failing node's target and summary. */
function formatViolations(violations) {
  if (violations.length === 0) return 'no violations';
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => {
          const target = n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ');
          const why = (n.failureSummary ?? '').replace(/\s+/g, ' ').trim();
          return `    - ${target}\n        ${why}`;
        })
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'})\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** Elements that make the page scroll sideways: those whose right edge is past the viewport's. */
async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const scrollWidth = root.scrollWidth;
    const clientWidth = root.clientWidth;
    const culprits = [];
    if (scrollWidth > clientWidth + 1) {
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.right > clientWidth + 1 || r.left < -1) {
          const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
          culprits.push(`${el.tagName.toLowerCase()}${cls} [${Math.round(r.left)}..${Math.round(r.right)}]`);
          if (culprits.length >= 10) break;
        }
      }
    }
    return { scrollWidth, clientWidth, culprits };
  });
}

async function expectNoHorizontalScroll(page, context) {
  const { scrollWidth, clientWidth, culprits } = await horizontalOverflow(page);
  expect(
    scrollWidth,
    `${context}: no horizontal scrolling (scrollWidth ${scrollWidth} ≤ clientWidth ${clientWidth} + 1); ` +
      `wider than the viewport: ${culprits.join(', ') || 'none found'}`,
  ).toBeLessThanOrEqual(clientWidth + 1);
}

// ---------------------------------------------------------------------------------------------------------
// axe

test.describe('axe (WCAG 2.2 AA rules)', () => {
  for (const spec of PAGES) {
    for (const vp of VIEWPORTS) {
      test(`${spec.id} @ ${vp.id}: no violations`, async ({ page }) => {
        const errors = errorsFor(page, spec);
        await page.setViewportSize(vp.viewport);
        await openPage(page, spec);

        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        const summary = formatViolations(results.violations);
        const incomplete = results.incomplete.map((r) => `${r.id} (${r.nodes.length})`).join(', ');
        console.log(
          `axe ${spec.id} @ ${vp.id}: ${results.violations.length} violation(s), ` +
            `${results.violations.reduce((n, v) => n + v.nodes.length, 0)} node(s)` +
            (results.violations.length ? `\n${summary}` : '') +
            (incomplete ? `\n  needs review (not failing): ${incomplete}` : ''),
        );
        expect(results.violations, `axe violations on ${spec.id} @ ${vp.id}:\n${summary}`).toEqual([]);
        errors.assertNone();
      });
    }
  }

  // The state before the feed arrives has no h1 to wait for: hold the feed back and check the skeleton.
  for (const vp of VIEWPORTS) {
    test(`loading skeleton @ ${vp.id}: no violations`, async ({ page }) => {
      const errors = collectErrors(page);
      await page.setViewportSize(vp.viewport);
      let release;
      const held = new Promise((resolve) => (release = resolve));
      await page.route(/\.json(\?|$)/, async (route) => {
        await held;
        await route.continue().catch(() => {});
      });
      try {
        await page.goto(urlFor(servers.shell, '/'));
        await expect(page.locator('[aria-busy="true"]').first()).toBeAttached();
        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        const summary = formatViolations(results.violations);
        console.log(`axe loading @ ${vp.id}: ${results.violations.length} violation(s)${results.violations.length ? `\n${summary}` : ''}`);
        expect(results.violations, `axe violations while loading @ ${vp.id}:\n${summary}`).toEqual([]);
      } finally {
        release();
      }
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      errors.assertNone();
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// Reflow and text spacing

test.describe('reflow (1.4.10)', () => {
  for (const spec of PAGES) {
    for (const vp of REFLOW_VIEWPORTS) {
      test(`${spec.id} @ ${vp.id}: no horizontal scrolling`, async ({ browser }) => {
        const context = await browser.newContext({ viewport: vp.viewport, deviceScaleFactor: vp.deviceScaleFactor ?? 1 });
        try {
          const page = await context.newPage();
          const errors = errorsFor(page, spec);
          await openPage(page, spec);
          await expectNoHorizontalScroll(page, `${spec.id} @ ${vp.id}`);
          errors.assertNone();
        } finally {
          await context.close();
        }
      });
    }
  }
});

// Issue 16, item 3: long unbroken words (file names, a title of one "word", a long query echoed in
// the count line, the footer's e-mail) must wrap, not widen the page.
const LONG_TITLE =
  'Quyet_dinh_so_1234_QD-UBND_ngay_12_12_2022_ve_viec_phe_duyet_ke_hoach_phat_trien_kinh_te_xa_hoi_nam_2023';
const LONG_WORD_PAGES = [
  { id: 'home', path: '/', site: 'long-words' },
  { id: 'article', path: 'tin-tuc/tu-dai-khong-ngat', site: 'long-words', h1: LONG_TITLE },
  { id: 'category', path: 'chuyen-muc/chi-dao-dieu-hanh', site: 'long-words' },
  { id: 'search', path: `tim-kiem?q=${encodeURIComponent(LONG_TITLE)}`, site: 'long-words', h1: 'Kết quả tìm kiếm' },
];

test.describe('reflow with long unbroken words (1.4.10)', () => {
  for (const spec of LONG_WORD_PAGES) {
    test(`${spec.id} with long words @ 320 px: scrollWidth ≤ viewport width`, async ({ page }) => {
      const errors = collectErrors(page);
      await page.setViewportSize({ width: 320, height: 800 });
      await openPage(page, spec);
      if (spec.id === 'article') {
        const main = page.getByRole('main');
        await expect(main.getByRole('link', { name: /Quyet_dinh_so_1234_QD-UBND_ngay_12_12_2022_ve_viec_phe_duyet_ke_hoach\.pdf/ })).toBeVisible();
        await expect(main.getByRole('link', { name: /Tai_lieu_x{100}/ })).toBeVisible();
      }
      if (spec.id === 'search') await expect(page.getByRole('main').getByText(/kết quả cho “Quyet_dinh/)).toBeVisible();
      await expect(page.getByText(/vanphong\.ubnd\.huyen\.minhlong/)).toBeVisible();
      const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      await expectNoHorizontalScroll(page, `${spec.id} with long words @ 320 px`);
      expect(width.scroll, 'document scrollWidth').toBeLessThanOrEqual(width.viewport);
      errors.assertNone();
    });
  }
});

test.describe('text spacing (1.4.12)', () => {
  for (const spec of PAGES) {
    for (const vp of VIEWPORTS) {
      test(`${spec.id} @ ${vp.id}: WCAG spacing clips no text`, async ({ page }) => {
        const errors = errorsFor(page, spec);
        await page.setViewportSize(vp.viewport);
        await openPage(page, spec);
        await page.addStyleTag({ content: TEXT_SPACING_CSS });
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

        const clipped = await page.evaluate(() => {
          const hidden = (v) => v === 'hidden' || v === 'clip';
          const found = [];
          for (const el of document.querySelectorAll('main *, aside *, main, aside')) {
            if (el.closest('.np-visually-hidden')) continue;
            const style = getComputedStyle(el);
            if (!hidden(style.overflowX) && !hidden(style.overflowY)) continue;
            if (el.getClientRects().length === 0) continue;
            const tall = hidden(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
            const wide = hidden(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
            if (tall || wide) {
              const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
              found.push(
                `${el.tagName.toLowerCase()}${cls}: scroll ${el.scrollWidth}×${el.scrollHeight} > client ` +
                  `${el.clientWidth}×${el.clientHeight} ("${el.innerText.replace(/\s+/g, ' ').slice(0, 60)}")`,
              );
            }
          }
          return found;
        });
        expect(clipped, `elements in main/aside that clip text under WCAG text spacing:\n${clipped.join('\n')}`).toEqual([]);
        await expectNoHorizontalScroll(page, `${spec.id} @ ${vp.id} with WCAG text spacing`);
        errors.assertNone();
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------------------
// Motion

test.describe('prefers-reduced-motion', () => {
  const animationOf = (page) =>
    page.evaluate(() => {
      const app = document.querySelector('.np-app');
      const line = document.createElement('div');
      line.className = 'np-loading__line';
      line.setAttribute('aria-hidden', 'true');
      app.appendChild(line);
      const name = getComputedStyle(line).animationName;
      line.remove();
      return name;
    });

  test('the loading skeleton does not animate under reduce', async ({ browser }) => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    try {
      const page = await context.newPage();
      const errors = collectErrors(page);
      // Hold the feed back so the skeleton is on screen long enough to look at it.
      let release;
      const held = new Promise((resolve) => (release = resolve));
      await page.route(/\.json(\?|$)/, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(urlFor(servers.shell, '/'));
      const skeleton = page.locator('.np-loading__line');
      await expect(skeleton.first(), 'the loading skeleton shows while the feed loads').toBeAttached();
      const names = await skeleton.evaluateAll((lines) => lines.map((l) => getComputedStyle(l).animationName));
      expect(names.length).toBeGreaterThan(0);
      expect(new Set(names), 'no skeleton line animates under prefers-reduced-motion: reduce').toEqual(new Set(['none']));
      release();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

      expect(await animationOf(page), 'an injected .np-loading__line does not animate under reduce').toBe('none');
      errors.assertNone();
    } finally {
      await context.close();
    }
  });

  test('the skeleton does animate without the preference (control)', async ({ browser }) => {
    const context = await browser.newContext({ reducedMotion: 'no-preference' });
    try {
      const page = await context.newPage();
      await page.goto(urlFor(servers.shell, '/'));
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await animationOf(page), '.np-loading__line animates when motion is allowed').not.toBe('none');
    } finally {
      await context.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Images and attachments

test.describe('images and attachments', () => {
  for (const spec of PAGES) {
    test(`${spec.id}: every image in main has alt; attachment links name type and size`, async ({ page }) => {
      const errors = errorsFor(page, spec);
      await openPage(page, spec);

      const main = page.getByRole('main');
      const missingAlt = await main.locator('img').evaluateAll((imgs) =>
        imgs.filter((img) => !img.hasAttribute('alt')).map((img) => img.outerHTML.slice(0, 120)),
      );
      expect(missingAlt, `<img> in main without an alt attribute:\n${missingAlt.join('\n')}`).toEqual([]);

      const links = main.getByRole('region', { name: 'Tài liệu đính kèm' }).getByRole('link');
      const count = await links.count();
      for (let i = 0; i < count; i++) {
        // Any attachment: a file-type word and a size with its unit.
        await expect(links.nth(i)).toHaveAccessibleName(/\b(PDF|DOCX?|XLSX?|PPTX?|JPE?G|PNG|GIF|WEBP|ZIP|RAR|TXT|MP3|MP4)\b/i);
        await expect(links.nth(i)).toHaveAccessibleName(/\d[\d.,]*\s*(B|KB|MB|GB)\b/);
      }
      for (const expected of spec.attachments ?? []) {
        const link = main.getByRole('link', { name: expected.name });
        await expect(link, `attachment link "${expected.name}"`).toBeVisible();
        await expect(link).toHaveAccessibleName(new RegExp(`\\b${expected.type}\\b`));
        await expect(link).toHaveAccessibleName(new RegExp(`\\b${expected.unit}\\b`));
      }
      errors.assertNone();
    });
  }
});
