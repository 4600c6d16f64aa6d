// When the wasm is requested relative to the first contentful paint, on the prerendered seed article
// opened clean and from a shared link (?fbclid=…, ?utm_source=zalo), and whether a loading skeleton
// shows (README, "Prerendered pages"). Throttled as a slow phone: 150 ms RTT, 1.6 Mbit/s, 4× CPU.
//   node tests/bench/shared-link.mjs [dist] [runs]
import { chromium } from '@playwright/test';
import { startServer } from '../e2e/server.mjs';
import { ARTICLE_PATH, CHROMIUM_PATH, distDir } from '../e2e/support.mjs';

const root = process.argv[2] ?? distDir;
const runs = Number(process.argv[3] ?? 5);
const server = await startServer({ root });
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const query of ['', '?fbclid=IwAR2x7Qm9kLc0Z', '?utm_source=zalo']) {
  const rows = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(() => {
      window.__skeleton = 0;
      const tick = () => {
        if ([...document.querySelectorAll('.np-loading')].some((e) => e.checkVisibility({ visibilityProperty: true }))) window.__skeleton += 1;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.goto(new URL(ARTICLE_PATH, server.url).href + query);
    await page.waitForFunction(() => !document.querySelector('[data-np-prerendered]') && document.querySelector('[data-news-portal-mounted]'), null, { timeout: 60_000 });
    rows.push(await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      wasm: performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'))?.startTime,
      skeleton: window.__skeleton,
    })));
    await context.close();
  }
  const after = rows.map((r) => Math.round(r.wasm - r.fcp));
  console.log(`${query || '(clean)'}: wasm requested ${median(after)} ms after FCP (median; runs: ${after.join(', ')}), FCP ${Math.round(median(rows.map((r) => r.fcp)))} ms, skeleton frames ${rows.map((r) => r.skeleton).join(', ')}`);
}
await browser.close();
await server.close();
