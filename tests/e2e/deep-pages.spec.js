// Articles on pages after the first (issue 15): a feed paged with next_url, 10 items a page. The article
// route must find an article wherever the list found it — after "Xem thêm", on a reload, on a deep link —
// and a slug repeated on a later page must open that page's article, not the earlier one.
import { test, expect } from '@playwright/test';
import { NOT_FOUND_TEXT, collapse, collectErrors, urlFor, withFeedSite } from './support.mjs';

const main = (page) => page.getByRole('main');
const h1 = (page) => page.getByRole('heading', { level: 1 });
const teasers = (page) => main(page).getByRole('list').first().getByRole('listitem');
const moreButton = (page) => main(page).getByRole('button', { name: 'Xem thêm' });

const feedDoc = (title, items, extra = {}) => ({ version: 'https://jsonfeed.org/version/1.1', title, ...extra, items });

/** 25 items, newest first: 10 on page1.json, 10 on page2.json, 5 on page3.json. */
const items = Array.from({ length: 25 }, (_, i) => ({
  id: `p${i + 1}`,
  title: `Tin số ${i + 1}`,
  content_text: `Nội dung tin số ${i + 1}.`,
  date_published: new Date(Date.UTC(2022, 3, 30 - i, 1)).toISOString(),
}));

/** Feed files split 10 a page, chained by relative next_url. */
function pagedFeeds(list = items) {
  const pages = {};
  for (let p = 0; p * 10 < list.length; p++) {
    const more = (p + 1) * 10 < list.length;
    pages[`page${p + 1}.json`] = feedDoc(`Trang ${p + 1}`, list.slice(p * 10, p * 10 + 10), more ? { next_url: `page${p + 2}.json` } : {});
  }
  return pages;
}

let errors;
test.beforeEach(({ page }) => {
  errors = collectErrors(page);
});
test.afterEach(() => errors.assertNone());

test('item 15, shown after "Xem thêm" twice, opens — and again on reload', async ({ page }) => {
  await withFeedSite(pagedFeeds(), 'page1.json', async (server) => {
    await page.goto(urlFor(server, '/'));
    await expect(teasers(page)).toHaveCount(10);
    await moreButton(page).click();
    await expect(teasers(page)).toHaveCount(20);
    await moreButton(page).click();
    await expect(teasers(page)).toHaveCount(25);

    await main(page).getByRole('link', { name: 'Tin số 15', exact: true }).click();
    await expect(h1(page)).toHaveText('Tin số 15');
    await expect(main(page).getByText('Nội dung tin số 15.')).toBeVisible();

    await page.reload();
    await expect(h1(page)).toHaveText('Tin số 15');
    await expect(h1(page)).not.toContainText(NOT_FOUND_TEXT);
  });
});

test('a deep link to an item of page 3 reads page 2 and 3, each once', async ({ page }) => {
  await withFeedSite(pagedFeeds(), 'page1.json', async (server, requests) => {
    // An item without _portal.slug is addressed by its id.
    await page.goto(urlFor(server, 'tin-tuc/p23'));
    await expect(h1(page)).toHaveText('Tin số 23');
    const pageReads = (n) => requests.filter((l) => l.endsWith(`/feeds/page${n}.json`) && l.startsWith('200 GET'));
    expect(pageReads(2)).toHaveLength(1);
    expect(pageReads(3)).toHaveLength(1);
  });
});

test('an unknown slug reads the pages once and is "not found"', async ({ page }) => {
  await withFeedSite(pagedFeeds(), 'page1.json', async (server, requests) => {
    await page.goto(urlFor(server, 'tin-tuc/khong-co-bai-nay'));
    await expect(h1(page)).toContainText(NOT_FOUND_TEXT);
    expect(requests.filter((l) => /\/feeds\/page\d\.json$/.test(l)).map((l) => l.replace(/^.*\//, ''))).toEqual([
      'page1.json',
      'page2.json',
      'page3.json',
    ]);
  });
});

test('a slug repeated on a later page opens that page\'s article, in the list and on reload', async ({ page }) => {
  const list = items.map((it) => ({ ...it }));
  // Two different articles with the same explicit slug: item 3 (page 1) and item 14 (page 2).
  list[2] = { ...list[2], title: 'Bài trang một', _portal: { slug: 'trung-ten' } };
  list[13] = { ...list[13], title: 'Bài trang hai', content_text: 'Nội dung bài trang hai.', _portal: { slug: 'trung-ten' } };
  await withFeedSite(pagedFeeds(list), 'page1.json', async (server) => {
    await page.goto(urlFor(server, '/'));
    await expect(teasers(page)).toHaveCount(10);
    await moreButton(page).click();
    await expect(teasers(page)).toHaveCount(20);

    const first = main(page).getByRole('link', { name: 'Bài trang một', exact: true });
    const second = main(page).getByRole('link', { name: 'Bài trang hai', exact: true });
    const [a, b] = [await first.getAttribute('href'), await second.getAttribute('href')];
    expect(a, 'two articles, two addresses').not.toBe(b);

    await second.click();
    await expect(h1(page)).toHaveText('Bài trang hai');
    await expect(main(page).getByText('Nội dung bài trang hai.')).toBeVisible();
    await page.reload();
    await expect(h1(page)).toHaveText('Bài trang hai');

    await page.goto(new URL(a, page.url()).href);
    await expect(h1(page)).toHaveText('Bài trang một');
    expect(collapse(await h1(page).innerText())).toBe('Bài trang một');
  });
});
