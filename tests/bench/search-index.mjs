// The search index on a large feed (issue 16 item 10): the main thread's long tasks while the index
// is built after the first page shows, and the first search's latency and longest task.
// (40,000 generated items are ≈ 60 MB of JSON, under the 64 MB body limit; 50,000 are over it.)
//
//   node tests/bench/search-index.mjs --dist DIST [--items 40000] [--runs 3] [--json out.json]
//
// A copy of DIST (the app's shell, no prerendered pages) reads a generated feed (gen-big-feed.mjs) of
// --items items. Per run, a fresh browser context, no throttling:
// - "index": the home page is opened and left alone until the app reports the index built (the
//   `[news-portal] chỉ mục tìm kiếm …` console line), or 20 s; the long tasks (PerformanceObserver
//   'longtask') that start after the first teaser is in the DOM, i.e. the work done while the reader
//   reads (for a build that makes the index on the first search, none);
// - "first search": focus in the menu bar's field, a query typed and Enter → its results in the DOM:
//   the latency and the longest task in that span (where a build without idle indexing does the work).
import { chromium } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bigFeed } from './gen-big-feed.mjs';
import { startBenchServer } from './serve-br.mjs';
import { opt } from './cli.mjs';
import { shellHtml, unprerender } from '../e2e/prerendered.mjs';

const dist = opt('--dist', 'dist');
const items = Number(opt('--items', '40000'));
const runs = Number(opt('--runs', '3'));
const jsonOut = opt('--json');
const FEED = 'feed-big.json';

const root = mkdtempSync(join(tmpdir(), 'np-bench-index-'));
cpSync(dist, root, { recursive: true });
unprerender(root);
writeFileSync(join(root, FEED), JSON.stringify(bigFeed({ items })));
const shell = shellHtml(root);
const page0 = shell.replace(/data-feed="[^"]*"/, `data-feed="${FEED}"`);
if (page0 === shell) throw new Error('search-index: no data-feed attribute in the shell');
writeFileSync(join(root, 'index.html'), page0);
for (const ext of ['.br', '.gz']) rmSync(join(root, `index.html${ext}`), { force: true });

const OBSERVE = `
  window.__npLong = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__npLong.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.__npFirstTeaser = null;
  const obs = new MutationObserver(() => {
    if (window.__npFirstTeaser === null && document.querySelector('main .np-teaser')) {
      window.__npFirstTeaser = performance.now();
      obs.disconnect();
    }
  });
  obs.observe(document, { subtree: true, childList: true });
`;

const server = await startBenchServer({ root });
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const results = [];
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(OBSERVE);
    let indexAt = null;
    let indexLine = null;
    page.on('console', async (m) => {
      if (m.text().startsWith('[news-portal] chỉ mục tìm kiếm') && indexAt === null) {
        indexLine = m.text();
        indexAt = await page.evaluate(() => performance.now()).catch(() => null);
      }
    });
    await page.goto(server.url);
    await page.waitForFunction(() => window.__npFirstTeaser !== null, null, { timeout: 120_000 });
    const deadline = Date.now() + 20_000;
    while (indexLine === null && Date.now() < deadline) await page.waitForTimeout(100);
    const firstTeaser = await page.evaluate(() => window.__npFirstTeaser);
    const whileReading = await page.evaluate((t) => window.__npLong.filter((e) => e.start >= t), firstTeaser);

    const field = page.getByRole('search', { name: 'Tìm kiếm tin bài' }).getByRole('searchbox');
    // From the focus on: a build that indexes on focus or on the keystroke does its work there.
    const t0 = await page.evaluate(() => performance.now());
    await field.fill('hoi nghi dan van');
    await field.press('Enter');
    await page.getByText(/kết quả cho|Không tìm thấy kết quả nào cho/).first().waitFor({ timeout: 120_000 });
    const t1 = await page.evaluate(() => performance.now());
    const duringSearch = await page.evaluate(({ t0, t1 }) => window.__npLong.filter((e) => e.start + e.duration >= t0 && e.start <= t1), { t0, t1 });

    const longest = (tasks) => Math.max(0, ...tasks.map((e) => e.duration));
    const row = {
      run: run + 1,
      firstTeaserMs: Math.round(firstTeaser),
      indexReadyMs: indexAt === null ? null : Math.round(indexAt),
      indexLine,
      whileReading: { longTasks: whileReading.length, longestMs: Math.round(longest(whileReading)) },
      firstSearch: { latencyMs: Math.round(t1 - t0), longTasks: duringSearch.length, longestMs: Math.round(longest(duringSearch)) },
    };
    console.log(JSON.stringify(row));
    results.push(row);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(root, { recursive: true, force: true });
}
const median = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : null;
};
const summary = {
  items,
  runs,
  indexReadyMs: median(results.map((r) => r.indexReadyMs)),
  whileReadingLongestMs: median(results.map((r) => r.whileReading.longestMs)),
  firstSearchLatencyMs: median(results.map((r) => r.firstSearch.latencyMs)),
  firstSearchLongestMs: median(results.map((r) => r.firstSearch.longestMs)),
};
console.log('median', JSON.stringify(summary));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ summary, results }, null, 2));
