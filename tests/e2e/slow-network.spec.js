// Slow connections (issue 15): a data request fails when no byte arrived for the silence limit
// (data-timeout, README "Limits"), never because the whole download takes long. The feed is served by a
// route of the test server that trickles it, or sends the headers and then nothing.
import { test, expect } from '@playwright/test';
import { startServer } from './server.mjs';
import { BASE, RETRY_BUTTON_NAME, collectErrors, distDir, sitePath, urlFor } from './support.mjs';
import { prepareSite } from './fake-api.mjs';

const main = (page) => page.getByRole('main');
const teasers = (page) => main(page).getByRole('list').first().getByRole('listitem');
const alertOf = (page) => page.getByRole('alert').filter({ hasText: /\S/ });

const feed = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Chậm',
  items: Array.from({ length: 12 }, (_, i) => ({
    id: `s${i + 1}`,
    title: `Tin chậm số ${i + 1}`,
    content_text: `Nội dung ${i + 1}.`,
    date_published: new Date(Date.UTC(2022, 3, 30 - i, 1)).toISOString(),
  })),
});

/**
 * A site whose feed is the route `feeds/slow.json`, answered by `handler(req, res)`; `timeout` is the
 * mount element's data-timeout (seconds), or none.
 */
async function withSlowFeed({ timeout, handler }, run) {
  const mount = `data-feed="feeds/slow.json"${timeout ? ` data-timeout="${timeout}"` : ''}`;
  const site = prepareSite({ distDir, mount, prefix: 'e2e-slow-' });
  const timers = new Set();
  const server = await startServer({
    root: site.root,
    base: BASE,
    routes: { [sitePath('feeds/slow.json')]: (req, res) => handler(req, res, timers) },
  });
  try {
    return await run(server);
  } finally {
    for (const t of timers) clearInterval(t);
    await server.close();
    site.remove();
  }
}

let errors;
test.beforeEach(({ page }) => {
  errors = collectErrors(page, { console: false });
});
test.afterEach(() => errors.assertNone());

test('a feed trickling for longer than 15 s, a chunk every second, loads (limit 3 s of silence)', async ({ page }) => {
  test.setTimeout(60_000);
  const CHUNKS = 18;
  const size = Math.ceil(feed.length / CHUNKS);
  const handler = (req, res, timers) => {
    res.writeHead(200, { 'Content-Type': 'application/feed+json', 'Cache-Control': 'no-store' });
    let sent = 0;
    const timer = setInterval(() => {
      res.write(feed.slice(sent * size, (sent + 1) * size));
      sent += 1;
      if (sent === CHUNKS) {
        clearInterval(timer);
        res.end();
      }
    }, 1_000);
    timers.add(timer);
    req.on('close', () => clearInterval(timer));
  };
  await withSlowFeed({ timeout: 3, handler }, async (server) => {
    const started = Date.now();
    await page.goto(urlFor(server, '/'));
    await expect(teasers(page)).toHaveCount(10, { timeout: 40_000 });
    const elapsed = Date.now() - started;
    expect(elapsed, 'the download took longer than the old 15 s total limit').toBeGreaterThan(15_000);
    await expect(alertOf(page)).toHaveCount(0);
  });
});

test('headers, then silence: "không phản hồi kịp thời" after the 2 s limit, and "Thử lại" loads', async ({ page }) => {
  test.setTimeout(40_000);
  let stall = true;
  const handler = (req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/feed+json', 'Cache-Control': 'no-store' });
    if (stall) {
      // Headers and the first bytes, then nothing.
      res.write(feed.slice(0, 40));
      return; // never ends; the server's close() drops it
    }
    res.end(feed);
  };
  await withSlowFeed({ timeout: 2, handler }, async (server) => {
    const started = Date.now();
    await page.goto(urlFor(server, '/'));
    await expect(alertOf(page)).toContainText('không phản hồi kịp thời', { timeout: 12_000 });
    const elapsed = Date.now() - started;
    expect(elapsed, 'well before the old 15 s limit').toBeLessThan(9_000);
    stall = false;
    await page.getByRole('button', { name: RETRY_BUTTON_NAME }).click();
    await expect(teasers(page)).toHaveCount(10);
  });
});

test('a data-timeout out of range is a configuration error', async ({ page }) => {
  const site = prepareSite({ distDir, mount: 'data-feed="feed.json" data-timeout="0"', prefix: 'e2e-slow-' });
  const server = await startServer({ root: site.root, base: BASE });
  try {
    await page.goto(urlFor(server, '/'));
    await expect(page.getByText(/data-timeout/)).toBeVisible();
  } finally {
    await server.close();
    site.remove();
  }
});
