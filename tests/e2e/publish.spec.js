// Publishing (issue 25) on the REAL portal server: a CMS puts an article through the publish API and its
// prerendered page is served at once — its own <title>, og:title and JSON-LD, readable with JavaScript off;
// deleting it makes its address the 404 page; the app's search (API mode) finds an article that is not on
// the first list page, through the server's whole-archive search.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startPortalServer } from './portal-server.mjs';
import { NOT_FOUND_TEXT, distDir } from './support.mjs';

const TOKEN = 'e2e-publish-token-0123456789';
const KEY = 'duong-giao-thong-xa-long-son-thong-xe';
const TITLE = 'Đường giao thông xã Long Sơn thông xe';

/** One JSON Feed item with `_portal`, as a CMS's save hook sends it. */
const item = {
  id: `https://minhlong.example.gov.vn/tin/${KEY}`,
  title: TITLE,
  content_html: '<p>Sáng nay, tuyến <strong>đường giao thông</strong> nối trung tâm xã Long Sơn với thôn Dư Hạ được đưa vào sử dụng.</p>',
  summary: 'Tuyến đường nối trung tâm xã với thôn Dư Hạ được đưa vào sử dụng.',
  // Older than every article of the bundled feed: the search must find it beyond the first list page.
  date_published: '2019-05-02T08:00:00+07:00',
  _portal: { slug: KEY, category: 'Kinh tế' },
};

let portal;
let dist;

test.beforeAll(async () => {
  // The server writes pages into the dist it serves: a copy, not the shared build.
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-publish-dist-'));
  fs.cpSync(distDir, dist, { recursive: true });
  const tokenFile = path.join(dist, '..', `${path.basename(dist)}.token`);
  fs.writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
  portal = await startPortalServer({ dist, extraArgs: ['--publish-token-file', tokenFile] });
});

test.afterAll(async () => {
  await portal?.close();
  if (dist) fs.rmSync(dist, { recursive: true, force: true });
});

const publish = (method, body, token = TOKEN) =>
  fetch(`${portal.url}/api/articles/${KEY}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });

test('a published article is live prerendered, with JavaScript off too; deleted, its address is the 404 page', async ({ browser }) => {
  expect((await publish('PUT', item, 'not-the-token-at-all')).status).toBe(403);
  const put = await publish('PUT', item);
  expect(put.status).toBe(201);
  const answer = await put.json();
  expect(answer.pages.written).toContain(`tin-tuc/${KEY}/index.html`);

  // The file as served: prerendered, its own head tags.
  const html = await (await fetch(`${portal.url}/tin-tuc/${KEY}`)).text();
  expect(html).toContain(`data-np-prerendered="/tin-tuc/${KEY}"`);
  expect(html).toContain(`<title>${TITLE} | `);
  expect(html).toContain(`<meta property="og:title" content="${TITLE}" data-np-head>`);
  const ld = JSON.parse(/<script type="application\/ld\+json" data-np-head>([\s\S]*?)<\/script>/.exec(html)[1]);
  expect(ld['@type']).toBe('NewsArticle');
  expect(ld.headline).toBe(TITLE);

  // Without JavaScript: the article is there to read.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const page = await noJs.newPage();
  await page.goto(`${portal.url}/tin-tuc/${KEY}`);
  await expect(page).toHaveTitle(new RegExp(`^${TITLE} \\| `));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(page.getByRole('main')).toContainText('nối trung tâm xã Long Sơn với thôn Dư Hạ');

  // Deleted: its page goes, the address answers 404 with the not-found page.
  expect((await publish('DELETE')).status).toBe(200);
  const gone = await page.goto(`${portal.url}/tin-tuc/${KEY}`);
  expect(gone.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(NOT_FOUND_TEXT);
  await noJs.close();
});

test('the app searches the whole archive: an article beyond the first list page is found, without diacritics', async ({ page }) => {
  expect((await publish('PUT', item)).status).toBe(201);
  // Not among the news list's first page (10 newest), so not in what the app has loaded.
  const first = await (await fetch(`${portal.url}/api/articles?page=1&per_page=10`)).json();
  expect(first.items.map((i) => i._portal.slug)).not.toContain(KEY);

  await page.goto(`${portal.url}/tim-kiem?q=${encodeURIComponent('duong giao thong long son')}`);
  const result = page.getByRole('main').getByRole('link', { name: TITLE });
  await expect(result).toBeVisible();
  await result.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
});
