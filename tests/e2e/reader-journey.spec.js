// The reader's walk through the portal, against the built site with its sample feed: home → seed article,
// deep links, the skip link, the not-found pages. Elements are found by role and text, never by position or
// CSS class. Any uncaught page error or console error fails the test it happens in.
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import {
  ARTICLE_PATH,
  BASE,
  COUNTER_HEADING,
  HOME_LINK_NAME,
  NOT_FOUND_TEXT,
  RELATED_HEADING,
  SEED_TITLE,
  SKIP_LINK_NAME,
  collapse,
  groupDigitsVi,
  readSeed,
  sectionLinkPaths,
  sectionText,
  servedSite,
  seedFixturePath,
  sharedSeedPath,
  sitePath,
} from './support.mjs';

const seed = readSeed();

test.describe('seed fixture', () => {
  test('tests/fixtures/seed-article.txt parses into the seed article', () => {
    expect(seed.title).toBe(SEED_TITLE);
    expect(seed.date).toBe('13/04/2022');
    expect(seed.views).toBe('131');
    expect(seed.paragraphs).toHaveLength(4);
    expect(seed.attachment).toBe('Công tác dân vận năm 2022.jpg');
  });

  test('is a byte-for-byte copy of the shared seed', () => {
    test.skip(!fs.existsSync(sharedSeedPath), `no shared seed at ${sharedSeedPath} in this checkout`);
    const same = fs.readFileSync(seedFixturePath).equals(fs.readFileSync(sharedSeedPath));
    expect(same, `${seedFixturePath} differs from ${sharedSeedPath}; copy it again`).toBe(true);
  });
});

test.describe('reader journey', () => {
  const { open } = servedSite(test);
  const h1 = (page) => page.getByRole('heading', { level: 1 });

  test('home → seed article', async ({ page }) => {
    await test.step('home lists the news, newest first', async () => {
      await open(page, '/');
      await expect(h1(page)).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

      const seedLink = page.getByRole('main').getByRole('link', { name: seed.title, exact: true });
      await expect(seedLink).toBeVisible();

      const datetimes = await seedLink.evaluate((link) => {
        const list = link.closest('ul, ol, [role="list"], [role="feed"]');
        return list ? [...list.querySelectorAll('time')].map((t) => t.getAttribute('datetime')) : null;
      });
      expect(datetimes, 'the seed link sits in a list of news items (ul/ol/role=list)').not.toBeNull();
      expect(datetimes.length, 'the news list has <time datetime> on its items').toBeGreaterThanOrEqual(2);
      const stamps = datetimes.map((value) => {
        const stamp = Date.parse(value ?? '');
        expect(Number.isNaN(stamp), `<time datetime="${value}"> is a machine-readable date`).toBe(false);
        return stamp;
      });
      const newestFirst = [...stamps].sort((a, b) => b - a);
      expect(stamps, `items newest first, got ${datetimes.join(', ')}`).toEqual(newestFirst);
    });

    await test.step('home shows the visit counter', async () => {
      await expectVisitCounter(page);
    });

    await test.step('the seed title opens the article', async () => {
      await page.getByRole('main').getByRole('link', { name: seed.title, exact: true }).click();
      await expect(page).toHaveURL((url) => url.pathname === sitePath(ARTICLE_PATH));
      await expectSeedArticle(page);
    });
  });

  test('deep link to the article survives a reload', async ({ page }) => {
    await open(page, ARTICLE_PATH);
    await expect(h1(page)).toHaveText(seed.title);
    await page.reload();
    await expect(h1(page)).toHaveText(seed.title);
    await expect(page).toHaveURL((url) => url.pathname === sitePath(ARTICLE_PATH));
  });

  test('skip link is the first Tab stop and moves focus into main', async ({ page }) => {
    await open(page, ARTICLE_PATH);
    await expect(h1(page)).toHaveText(seed.title);

    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: SKIP_LINK_NAME, exact: true })).toBeFocused();

    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('main') != null), {
        message: 'after Enter on the skip link, focus is on or inside <main>',
      })
      .toBe(true);
    // Following the in-page link must not navigate away from the article.
    await expect(page).toHaveURL((url) => url.pathname === sitePath(ARTICLE_PATH));
    await expect(h1(page)).toHaveText(seed.title);
  });

  test('unknown route shows the not-found page with a way home', async ({ page }) => {
    await open(page, 'khong-co-trang-nay');
    await expect(h1(page)).toContainText(NOT_FOUND_TEXT);

    const home = page.getByRole('link', { name: HOME_LINK_NAME });
    await expect(home).toBeVisible();
    await home.click();
    await expect(page).toHaveURL((url) => url.pathname === BASE);
    await expect(page.getByRole('main').getByRole('link', { name: seed.title, exact: true })).toBeVisible();
  });

  test('unknown article slug shows the not-found page', async ({ page }) => {
    await open(page, 'tin-tuc/khong-ton-tai');
    await expect(h1(page)).toContainText(NOT_FOUND_TEXT);
  });
});

/** Everything the seed article page must show; the page is already on the article URL. */
async function expectSeedArticle(page) {
  const main = page.getByRole('main');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(seed.title);

  const article = main.getByRole('article').filter({ has: heading });
  await expect(article, 'the article is an <article> (role article) containing the h1').toBeVisible();

  await expect(article.getByText(seed.date).visible(), `date ${seed.date} in the article`).not.toHaveCount(0);
  const views = new RegExp(`(?<![\\d.,])${seed.views}(?![\\d.,])`);
  await expect(article.getByText(views).visible(), `view count ${seed.views} in the article`).not.toHaveCount(0);

  for (const [index, paragraph] of seed.paragraphs.entries()) {
    const expected = collapse(paragraph);
    const rendered = main.getByRole('paragraph').filter({ hasText: expected });
    await expect(rendered, `body paragraph ${index + 1} is one <p>`).toHaveCount(1);
    await expect(rendered).toBeVisible();
    await expect(rendered).toHaveText(expected);
  }

  await expect(main.getByText(seed.author).visible(), `author ${seed.author}`).not.toHaveCount(0);
  await expect(main.getByRole('link', { name: seed.attachment })).toBeVisible();

  const related = page.getByRole('heading', { level: 2, name: RELATED_HEADING, exact: true });
  await expect(related).toBeVisible();
  const here = sitePath(ARTICLE_PATH);
  await expect
    .poll(async () => (await sectionLinkPaths(related)).filter((p) => p !== here), {
      message: `"${RELATED_HEADING}" links to at least one other article`,
    })
    .not.toHaveLength(0);

  await expectVisitCounter(page);
}

/** The "Thống kê truy cập" widget with the seed's two counters, Vietnamese digit grouping. */
async function expectVisitCounter(page) {
  const heading = page.getByRole('heading', { level: 2, name: COUNTER_HEADING, exact: true });
  await expect(heading).toBeVisible();
  // The numbers may sit in their own elements (dd, strong…): compare the block's text, one space after ':'.
  const text = async () => (await sectionText(heading)).replace(/\s*:\s*/g, ': ');
  await expect.poll(text).toContain(`Số lượt truy cập: ${groupDigitsVi(seed.visits)}`);
  await expect.poll(text).toContain(`Tổng số lượt xem: ${groupDigitsVi(seed.pageViews)}`);
}
