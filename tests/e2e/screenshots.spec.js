// Full-page screenshots for review (not compared against baselines): home, the seed article, a section, search
// results and the 404 page, desktop and narrow phone, written to tests/screenshots/{name}-{1280,360}.png.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startServer } from './server.mjs';
import { ARTICLE_PATH, BASE, appReady, collectErrors, distDir, readSeed, screenshotsDir, urlFor } from './support.mjs';

const PAGES = [
  { name: 'home', path: '/', title: null },
  { name: 'article', path: ARTICLE_PATH, title: readSeed().title },
  { name: 'category', path: 'chuyen-muc/dan-van', title: 'Dân vận' },
  { name: 'search', path: 'tim-kiem?q=dan%20van', title: 'Kết quả tìm kiếm' },
  { name: 'not-found', path: 'khong-co-trang-nay', title: 'Không tìm thấy trang' },
];
const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 360, height: 780 },
];

let server;
test.beforeAll(async () => {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  server = await startServer({ root: distDir, base: BASE });
});
test.afterAll(async () => {
  await server?.close();
});

for (const viewport of VIEWPORTS) {
  test.describe(`${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    for (const shot of PAGES) {
      const file = path.join(screenshotsDir, `${shot.name}-${viewport.width}.png`);
      test(`${shot.name} → ${path.relative(process.cwd(), file)}`, async ({ page }) => {
        const errors = collectErrors(page);
        await page.goto(urlFor(server, shot.path));
        // The app's page, not the prerendered one it takes over.
        await appReady(page);
        const h1 = page.getByRole('heading', { level: 1 });
        if (shot.title) await expect(h1).toHaveText(shot.title);
        else await expect(h1).toBeVisible();

        // Let images and web fonts settle so the picture shows the finished page.
        await page.waitForLoadState('networkidle');
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
        expect(fs.statSync(file).size).toBeGreaterThan(0);
        errors.assertNone();
      });
    }
  });
}
