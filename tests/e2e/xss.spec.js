// Untrusted feed content must stay inert. One feed carries every vector of tests/fixtures/xss-vectors.json
// as the content_html of its own item (slug xss-<id>), plus a few items with vectors in the plain-text and
// URL fields (title, summary, authors, tags, category, url, external_url, image, attachments) and in the
// feed-level fields the footer shows. Each article page is opened in turn and checked: no dialog ran, nothing
// set window.__xss, and the rendered DOM holds no active element, handler, script URL, id/name or <base>.
//
// A failing vector is a sanitizer bug: the failure message names the vector and what was found.
// Console errors are not failures here (vectors point <img src=x> at missing files on purpose); uncaught
// page errors and Rust panics are.
import { test, expect } from '@playwright/test';
import { startServer } from './server.mjs';
import { BASE, collectErrors, copySite, sitePath, urlFor } from './support.mjs';
import {
  FIELD_ITEMS, IMG, PAYLOAD, SETTLE_MS, VECTORS, buildFeed, inspectPage, trapDialogs,
} from './xss-corpus.mjs';

let site;
let server;

test.beforeAll(async () => {
  const ids = new Set();
  for (const vector of VECTORS) {
    expect(vector.id, 'vector ids are slugs, so /tin-tuc/xss-<id> is their page').toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(ids.has(vector.id), `duplicate vector id ${vector.id}`).toBe(false);
    ids.add(vector.id);
  }
  site = copySite({ prefix: 'e2e-xss-', feed: buildFeed(), feedFile: 'xss-feed.json' });
  server = await startServer({ root: site.root, base: BASE });
});

test.afterAll(async () => {
  await server?.close();
  site?.remove();
});

/**
 * Vectors that act on the document as it loads (autofocus is honoured once per document; <body>, <frameset>,
 * <meta>, <base> and <link> address the document itself) get a fresh page load each. The others move between
 * articles with an in-app route change, which runs the same render and sanitizer path in a fraction of the
 * time; a fresh load also follows any finding, so one vector's leftovers never count against the next.
 */
const needsFreshDocument = (vector) => /autofocus|<\s*(body|frameset|meta|base|link)\b/i.test(vector.html);

/**
 * Opens one article and returns what inspectPage found (plus any navigation/render failure).
 * `fresh`: load the page anew (page.goto) instead of an in-app route change.
 */
async function checkArticle(page, slug, title, { fresh = true } = {}) {
  const articlePath = sitePath(`tin-tuc/${slug}`);
  try {
    const onSite = page.url().startsWith(server.origin + BASE);
    if (fresh || !onSite) {
      await page.goto(urlFor(server, articlePath));
    } else {
      await page.evaluate((target) => {
        history.pushState(null, '', target);
        window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
      }, articlePath);
    }
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title, { timeout: 5_000 });
    await page.waitForTimeout(SETTLE_MS);
    return await page.evaluate(inspectPage, { expectedPath: articlePath, article: true });
  } catch (error) {
    return [`the article did not render or could not be inspected: ${error.message.split('\n')[0]}`];
  }
}

const categories = [...new Set(VECTORS.map((v) => v.category))];

test('the detector sees live markup that bypasses the sanitizer (so the checks cannot pass vacuously)', async ({ page }) => {
  const native = await trapDialogs(page);
  const vector = VECTORS.find((v) => v.id === 'img-onerror');
  const articlePath = sitePath(`tin-tuc/xss-${vector.id}`);
  await page.goto(urlFor(server, articlePath));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`XSS ${vector.id}`);
  // What an unsanitized innerHTML of a few vectors would leave behind.
  await page.evaluate((payload) => {
    const body = document.querySelector('main article .np-article__body');
    body.innerHTML =
      `<img src=x onerror="${payload}"><a id="np-announcer" href="javascript:${payload}">x</a>` +
      `<svg></svg><form name="f"></form><p style="color:red">s</p>`;
    const base = document.createElement('base');
    base.href = 'https://evil.example/';
    document.head.append(base);
  }, PAYLOAD);
  await expect.poll(() => page.evaluate(() => window.__xss)).toBe(1);
  const findings = (await page.evaluate(inspectPage, { expectedPath: articlePath, article: true })).join('\n');
  for (const expected of [
    /dialog called: alert\(1\)/,
    /window\.__xss is defined/,
    /<base> in <head>/,
    /<svg> in <main>/,
    /<form> in <main>/,
    /event handler onerror/,
    /script URL in href/,
    /id\/name in the article body/,
    /href with scheme javascript:/,
    /presentational\/loading attribute kept/,
  ]) {
    expect(findings, `the detector reports ${expected}`).toMatch(expected);
  }
  expect(native, 'the init-script trap caught the alert before Chromium showed a dialog').toEqual([]);
});

test('the corpus covers every category with at least 60 vectors', () => {
  expect(VECTORS.length).toBeGreaterThanOrEqual(60);
  for (const category of [
    'event-handler', 'url-scheme', 'namespace-confusion', 'mutation', 'dom-clobbering', 'meta-base-link',
    'frame-object', 'css', 'comment-cdata', 'attribute-breaking', 'unicode-escape',
  ]) {
    expect(categories, `category ${category}`).toContain(category);
  }
});

/** The content_html vectors run in a few tests, a group of categories each (a failure names its category). */
const GROUPS = {
  'event handlers, scripts, frames/objects and CSS': ['event-handler', 'script', 'frame-object', 'css'],
  'URL schemes, meta/base/link and DOM clobbering': ['url-scheme', 'meta-base-link', 'dom-clobbering'],
  'parser tricks: namespaces, mutation, comments, attribute breaking, escapes': [
    'namespace-confusion', 'mutation', 'comment-cdata', 'attribute-breaking', 'unicode-escape',
  ],
};
/**
 * Pages working through a group side by side: much of a vector's time is the settle wait, which overlaps
 * across pages. Each page is its own document, so a finding on one never leaks into another.
 */
const LANES = 3;

test('every vector category belongs to a test group', () => {
  const grouped = Object.values(GROUPS).flat();
  expect(categories.filter((c) => !grouped.includes(c)), 'categories no test runs').toEqual([]);
});

for (const [group, groupCategories] of Object.entries(GROUPS)) {
  const vectors = VECTORS.filter((v) => groupCategories.includes(v.category));
  test(`content_html vectors stay inert: ${group} (${vectors.length})`, async ({ page, context }) => {
    test.skip(vectors.length === 0, 'no vectors in these categories');
    test.setTimeout(Math.max(30_000, vectors.length * 1_500));
    const lanes = Math.min(LANES, vectors.length);
    const pages = [page, ...(await Promise.all(Array.from({ length: lanes - 1 }, () => context.newPage())))];
    const failures = new Array(vectors.length).fill(null);
    const errorCollectors = [];
    await Promise.all(
      pages.map(async (lanePage, lane) => {
        const native = await trapDialogs(lanePage);
        errorCollectors.push(collectErrors(lanePage, { console: false }));
        let fresh = true;
        for (let i = lane; i < vectors.length; i += lanes) {
          const vector = vectors[i];
          const before = native.length;
          const findings = await checkArticle(lanePage, `xss-${vector.id}`, `XSS ${vector.id}`, {
            fresh: fresh || needsFreshDocument(vector),
          });
          findings.push(...native.slice(before).map((d) => `native dialog: ${d}`));
          if (findings.length) {
            failures[i] = `[${vector.category}] ${vector.id}  ${vector.html}\n    - ${findings.join('\n    - ')}`;
          }
          fresh = findings.length > 0;
        }
      }),
    );
    const found = failures.filter(Boolean);
    expect(found, `vectors that got through (${found.length}/${vectors.length}):\n${found.join('\n')}`).toEqual([]);
    for (const errors of errorCollectors) errors.assertNone(`while rendering the ${group} vectors`);
  });
}

test('vectors in titles, summaries, authors, tags and URLs render as text or not at all', async ({ page }) => {
  const native = await trapDialogs(page);
  const errors = collectErrors(page, { console: false });
  const failures = [];
  for (const item of FIELD_ITEMS) {
    const title = item.shows?.title ?? item.title;
    const findings = await checkArticle(page, `xss-${item.id}`, title);
    const main = page.getByRole('main');
    const literal = async (what, text) => {
      const count = await main.getByText(text, { exact: true }).count();
      if (count === 0) findings.push(`${what} is not shown literally as ${JSON.stringify(text)}`);
    };
    if (item.shows?.author) await literal('the author', new RegExp(escapeRegExp(item.shows.author)));
    if (item.shows?.body) await literal('content_text', item.shows.body);
    if (item.shows?.attachment) {
      const link = main.getByRole('link', { name: item.shows.attachment });
      if ((await link.count()) !== 1) findings.push('the safe attachment is not listed with its title as text');
    }
    if (item.id === 'field-urls') {
      const attachmentHrefs = await page
        .locator('main a[href]')
        .evaluateAll((links) => links.filter((a) => /\.pdf$|attachment/i.test(a.href + a.textContent)).map((a) => a.href));
      for (const href of attachmentHrefs) {
        if (!/^https?:/.test(href)) findings.push(`attachment link with href ${href}`);
      }
      const titleTag = await page.title();
      if (!titleTag.startsWith('XSS field-urls')) findings.push(`document.title is ${JSON.stringify(titleTag)}`);
      // The sanitizer did run here (the checks above are not passing on an empty body): the harmless relative
      // link survives, resolved to an http(s) URL since the javascript: item url was refused.
      const relative = await main.getByRole('link', { name: 'tương đối', exact: true }).getAttribute('href').catch(() => null);
      if (!/^https?:\/\/[^/]+\/.*relative\/page$/.test(relative ?? '')) findings.push(`relative link href is ${relative}`);
    }
    if (item.id === 'field-title-img') {
      const titleTag = await page.title();
      if (!titleTag.startsWith(IMG)) findings.push(`document.title does not start with the literal title: ${titleTag}`);
    }
    findings.push(...native.splice(0).map((d) => `native dialog: ${d}`));
    if (findings.length) failures.push(`${item.id}\n    - ${findings.join('\n    - ')}`);
  }
  expect(failures, `field items that got through:\n${failures.join('\n')}`).toEqual([]);
  errors.assertNone();
});

test('the home page lists every item, vector titles and summaries as literal text', async ({ page }) => {
  test.setTimeout(60_000);
  const native = await trapDialogs(page);
  const errors = collectErrors(page, { console: false });
  await page.goto(urlFor(server, '/'));
  const main = page.getByRole('main');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const more = main.getByRole('button', { name: 'Xem thêm' });
  const total = VECTORS.length + FIELD_ITEMS.length;
  for (let shown = 0; (await more.count()) > 0 && shown < total; shown += 10) await more.click();
  await expect(more).toHaveCount(0);

  const titles = await main.locator('h2 a[href]').allTextContents();
  expect(titles, 'one teaser link per item').toHaveLength(total);
  const missing = [
    ...VECTORS.map((v) => `XSS ${v.id}`),
    ...FIELD_ITEMS.map((item) => item.shows?.title ?? item.title),
  ].filter((title) => !titles.includes(title));
  expect(missing, 'titles shown exactly, as text').toEqual([]);

  for (const item of FIELD_ITEMS.filter((i) => i.shows?.summary)) {
    const teaser = main
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: item.shows.title ?? item.title, exact: true }) });
    await expect(teaser.getByText(item.shows.summary, { exact: true }), `summary of ${item.id} as text`).toHaveCount(1);
  }
  // The footer shows feed-level fields as text too.
  await expect(page.locator('footer').getByText(IMG, { exact: true }).first()).toBeVisible();

  await page.waitForTimeout(SETTLE_MS);
  const findings = await page.evaluate(inspectPage, { expectedPath: sitePath('/'), article: false });
  findings.push(...native.map((d) => `native dialog: ${d}`));
  expect(findings, 'the home page stays inert').toEqual([]);
  errors.assertNone();
});

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
