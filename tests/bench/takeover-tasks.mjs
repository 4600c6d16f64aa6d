// Long tasks of the takeover (README, "Prerendered pages"): the prerendered seed article, 4× CPU
// throttling (CDP), service worker blocked, a fresh context per load:
//   node tests/bench/takeover-tasks.mjs [--dist dist] [--runs 7]
// Prints each load's long tasks after the first contentful paint ([start, duration] ms) and the median
// over the loads of Σ (duration − 50 ms): Total Blocking Time as the browser saw it, not simulated.
import { chromium } from '@playwright/test';
import path from 'node:path';
import { startBenchServer, CHROME_FLAGS } from './serve-br.mjs';
import { opt } from './cli.mjs';

const dist = path.resolve(opt('--dist', 'dist'));
const runs = Number(opt('--runs', '7'));
const server = await startBenchServer({ root: dist });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROME_FLAGS.filter((f) => !f.startsWith('--headless')),
});
const blocking = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(new URL('tin-tuc/hoi-nghi-truc-bao-cong-tac-dan-van-quy-i-nam-2022', server.url).href);
    await page.waitForFunction(() => !document.querySelector('[data-np-prerendered]'), null, { timeout: 30_000 });
    await page.waitForTimeout(2000);
    const { tasks, fcp } = await page.evaluate(() => ({
      tasks: window.__longTasks,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
    }));
    const after = tasks.filter(([start]) => start > fcp);
    blocking.push(after.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0));
    console.log(`load ${i + 1}: long tasks after FCP ${JSON.stringify(after)}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const sorted = [...blocking].sort((a, b) => a - b);
console.log(`blocking time after FCP (4x CPU): median ${sorted[Math.floor(sorted.length / 2)]} ms; all ${sorted.join(' ')}`);
