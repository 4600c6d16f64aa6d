// Scale benchmark: the app on a 10,000-item (≈ 15 MB) JSON Feed, in headless Chromium (Playwright).
//
//   node tests/bench/big-feed.mjs --dist DIST [--runs 5] [--items 10000] [--json out.json]
//
// Builds a temporary copy of DIST with the generated feed (tests/bench/gen-big-feed.mjs) as
// feed-10k.json (+ .br, brotli 9: quality 11 takes a minute on 15 MB for ~10 % less) and index.html's
// data-feed pointing at it, serves it with tests/bench/serve-br.mjs (brotli, cache headers), and per run,
// in a fresh browser context (cold cache), without CPU or network throttling:
// - first page: navigation start → the home page's h1 and first teaser in the DOM ("dom"), and → the
//   frame after that ("rendered": requestAnimationFrame + setTimeout 0, i.e. once that frame is painted);
// - the split: the wasm and feed responses (Resource Timing, relative to navigation start), and every
//   `performance.mark`/`measure` the app records (names starting with "np"), if any;
// - memory after load (after a forced GC): JS heap (CDP Performance.getMetrics JSHeapUsedSize) and the wasm
//   linear memory (the wasm-bindgen module's `memory.buffer.byteLength`), where the app's model lives;
// - search, if the app has a /tim-kiem page (its h1 differs from the 404 page's): full navigation to
//   /tim-kiem?q=dan%20van → results rendered, and in-page queries (type into the search box, Enter →
//   results for that query rendered), the first one building the index, the later ones using it.
import { chromium } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { bigFeed } from './gen-big-feed.mjs';
import { startBenchServer } from './serve-br.mjs';
import { opt } from './cli.mjs';
import { unprerender } from '../e2e/prerendered.mjs';

const dist = opt('--dist', 'dist');
const runs = Number(opt('--runs', '5'));
const items = Number(opt('--items', '10000'));
const jsonOut = opt('--json');
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const FEED = 'feed-10k.json';

const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

// --- the site under test -------------------------------------------------------------------------
const root = mkdtempSync(join(tmpdir(), 'np-bench-10k-'));
cpSync(dist, root, { recursive: true });
// The prerendered pages show the bundled feed: this site is the app's shell on the big feed.
unprerender(root);
const feed = bigFeed({ items });
const json = Buffer.from(JSON.stringify(feed));
writeFileSync(join(root, FEED), json);
writeFileSync(join(root, `${FEED}.br`), brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } }));
const indexPath = join(root, 'index.html');
const index = readFileSync(indexPath, 'utf8');
// An operator serving this feed preloads it as index.html preloads the sample feed.
const rewritten = index
  .replace(/data-feed="[^"]*"/, `data-feed="${FEED}"`)
  .replace(/<link rel="preload" href="\/feed\.json"/, `<link rel="preload" href="/${FEED}"`);
if (rewritten === index) throw new Error('big-feed: no data-feed attribute in index.html');
if (!rewritten.includes(`<link rel="preload" href="/${FEED}"`)) throw new Error('big-feed: no feed preload in index.html');
writeFileSync(indexPath, rewritten);
// The build's precompressed copies of index.html are stale now.
for (const ext of ['.br', '.gz']) if (existsSync(indexPath + ext)) unlinkSync(indexPath + ext);
writeFileSync(`${indexPath}.br`, brotliCompressSync(Buffer.from(rewritten)));
writeFileSync(`${indexPath}.gz`, gzipSync(Buffer.from(rewritten), { level: 9 }));

const server = await startBenchServer({ root });
const browser = await chromium.launch({
  executablePath: chromePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

// Records, in the page, when the selectors first match (MutationObserver) and the frame after.
const WATCH = `
  window.__npBench = { dom: null, rendered: null };
  (() => {
    const ready = () => document.querySelector('main h1') && document.querySelector('main .np-list__item, main .np-teaser');
    const check = () => {
      if (window.__npBench.dom !== null || !ready()) return;
      window.__npBench.dom = performance.now();
      obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => { window.__npBench.rendered = performance.now(); }, 0));
    };
    const obs = new MutationObserver(check);
    obs.observe(document, { subtree: true, childList: true });
  })();
`;

async function timings(page) {
  return page.evaluate((feedName) => {
    const res = performance.getEntriesByType('resource');
    const pick = (pred) => {
      const e = res.find(pred);
      return e ? { start: e.startTime, responseStart: e.responseStart, end: e.responseEnd, transfer: e.transferSize, decoded: e.decodedBodySize } : null;
    };
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      html: nav ? { end: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd } : null,
      wasm: pick((e) => e.name.endsWith('.wasm')),
      feed: pick((e) => e.name.split('?')[0].endsWith(feedName)),
      marks: performance
        .getEntriesByType('mark')
        .concat(performance.getEntriesByType('measure'))
        .filter((e) => /^np/i.test(e.name))
        .map((e) => ({ name: e.name, type: e.entryType, start: e.startTime, duration: e.duration })),
    };
  }, FEED);
}

async function memory(page, cdp) {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const wasm = await page.evaluate(async () => {
    const glue = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .find((n) => /-[0-9a-f]{12,16}\.js$/.test(n.split('?')[0]));
    if (!glue) return null;
    try {
      const mod = await import(glue);
      const exports = await mod.default(); // already initialised: returns the instance's exports
      return exports?.memory?.buffer?.byteLength ?? null;
    } catch {
      return null;
    }
  });
  return { jsHeapUsed: m.JSHeapUsedSize, jsHeapTotal: m.JSHeapTotalSize, wasmMemory: wasm, nodes: m.Nodes };
}

async function h1Of(page, path) {
  await page.goto(server.url + path.replace(/^\//, ''));
  try {
    await page.waitForSelector('main h1', { timeout: 30_000 });
    await page.waitForTimeout(200);
    return (await page.textContent('main h1'))?.trim() ?? null;
  } catch {
    return null;
  }
}

/** Type a query into the page's search box and press Enter: time until results for it are painted. */
async function searchQuery(page, q) {
  const box = page.locator('main input[type="search"], input[type="search"]').first();
  await box.fill(q);
  await page.evaluate((query) => {
    window.__npSearch = new Promise((resolve) => {
      let t0 = null;
      addEventListener('keydown', (e) => { if (e.key === 'Enter' && t0 === null) t0 = performance.now(); }, { capture: true, once: true });
      const main = document.querySelector('main');
      const obs = new MutationObserver(() => {
        const text = main.textContent;
        // The count line or the no-result line quote the query; the heading is there.
        if (t0 !== null && text.includes(`“${query}”`) && !main.querySelector('[aria-busy="true"]')) {
          obs.disconnect();
          const dom = performance.now() - t0;
          requestAnimationFrame(() => setTimeout(() => resolve({ dom, rendered: performance.now() - t0 }), 0));
        }
      });
      obs.observe(main, { subtree: true, childList: true, characterData: true });
      setTimeout(() => resolve(null), 20_000);
    });
  }, q);
  await box.press('Enter');
  return page.evaluate(() => window.__npSearch);
}

const result = {
  items,
  feedBytes: json.length,
  feedBrotliBytes: readFileSync(join(root, `${FEED}.br`)).length,
  runs: [],
  search: null,
  chromium: browser.version(),
};

try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(WATCH);
    const cdp = await context.newCDPSession(page);
    await page.goto(server.url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__npBench?.rendered !== null, null, { timeout: 120_000, polling: 50 });
    const first = await page.evaluate(() => window.__npBench);
    const t = await timings(page);
    await page.waitForTimeout(1000);
    const mem = await memory(page, cdp);
    result.runs.push({ dom: first.dom, rendered: first.rendered, ...t, memory: mem, errors });
    await context.close();
  }

  // Search: present when its page is not the 404 page.
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const notFound = await h1Of(page, '/trang-khong-ton-tai-bench');
  const searchH1 = await h1Of(page, '/tim-kiem');
  const hasSearch = searchH1 !== null && searchH1 !== notFound && (await page.locator('input[type="search"]').count()) > 0;
  if (hasSearch) {
    // Full load of a results page (feed fetch + parse + index build + first results).
    const nav = [];
    for (let i = 0; i < Math.max(1, Math.min(runs, 3)); i++) {
      const c = await browser.newContext({ viewport: { width: 412, height: 823 } });
      const p = await c.newPage();
      await p.addInitScript(`
        window.__npBench = { rendered: null };
        const obs = new MutationObserver(() => {
          const main = document.querySelector('main');
          if (!main || !main.textContent.includes('“dan van”') || main.querySelector('[aria-busy="true"]')) return;
          obs.disconnect();
          requestAnimationFrame(() => setTimeout(() => { window.__npBench.rendered = performance.now(); }, 0));
        });
        obs.observe(document, { subtree: true, childList: true, characterData: true });
      `);
      await p.goto(`${server.url}tim-kiem?q=dan%20van`, { waitUntil: 'commit' });
      await p.waitForFunction(() => window.__npBench?.rendered !== null, null, { timeout: 120_000, polling: 50 });
      nav.push(await p.evaluate(() => window.__npBench.rendered));
      await c.close();
    }
    // In-page queries on a loaded 10k feed: the first builds the index (unless the app built it already).
    await page.goto(`${server.url}tim-kiem`);
    await page.waitForSelector('main input[type="search"]', { timeout: 120_000 });
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('feed-10k')), null, { timeout: 120_000 });
    await page.waitForTimeout(500);
    const queries = ['nông thôn mới', 'an ninh trật tự', 'cây keo', 'long sơn', 'hộ nghèo', 'thiên tai'];
    const inPage = [];
    for (const q of queries) inPage.push({ q, ...(await searchQuery(page, q)) });
    result.search = {
      notFoundH1: notFound,
      searchH1,
      navigation: nav,
      navigationMedian: median(nav),
      firstQuery: inPage[0],
      laterQueries: inPage.slice(1),
      laterMedian: median(inPage.slice(1).map((x) => x.rendered)),
    };
  } else {
    result.search = { absent: true, notFoundH1: notFound, searchH1 };
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
  rmSync(root, { recursive: true, force: true });
}

const med = (f) => median(result.runs.map(f));
const parsedMark = (r) => r.marks.find((m) => m.type === 'mark' && m.name === 'np-first-page-parsed')?.start;
result.median = {
  dom: med((r) => r.dom),
  rendered: med((r) => r.rendered),
  wasmEnd: med((r) => r.wasm?.end),
  feedStart: med((r) => r.feed?.start),
  feedEnd: med((r) => r.feed?.end),
  feedDuration: med((r) => (r.feed ? r.feed.end - r.feed.start : undefined)),
  afterFeed: med((r) => (r.feed ? r.rendered - r.feed.end : undefined)),
  // The app marks 'np-first-page-parsed' once the feed is in the model: splits parse from render.
  parse: med((r) => parsedMark(r) - r.feed?.end),
  render: med((r) => r.rendered - parsedMark(r)),
  jsHeapUsed: med((r) => r.memory.jsHeapUsed),
  wasmMemory: med((r) => r.memory.wasmMemory),
};
const markNames = [...new Set(result.runs.flatMap((r) => r.marks.map((m) => `${m.type}:${m.name}`)))];
result.median.marks = Object.fromEntries(
  markNames.map((key) => {
    const [type, name] = key.split(/:(.*)/s);
    const pickOne = (r) => r.marks.find((m) => m.type === type && m.name === name);
    return [key, { start: med((r) => pickOne(r)?.start), duration: med((r) => pickOne(r)?.duration) }];
  }),
);

const ms = (x) => (x == null ? 'n/a' : `${x.toFixed(0)} ms`);
const mb = (x) => (x == null ? 'n/a' : `${(x / 1048576).toFixed(1)} MB`);
console.log(`10k feed: ${items} items, ${mb(result.feedBytes)} (${mb(result.feedBrotliBytes)} brotli), ${runs} runs, Chromium ${result.chromium}`);
console.log(`  first page rendered: ${ms(result.median.rendered)} (in DOM ${ms(result.median.dom)}); runs: ${result.runs.map((r) => ms(r.rendered)).join(', ')}`);
console.log(`  wasm response end ${ms(result.median.wasmEnd)}; feed request ${ms(result.median.feedStart)} → ${ms(result.median.feedEnd)}; feed end → rendered ${ms(result.median.afterFeed)}`);
console.log(`  of which: feed end → parsed into the model ${ms(result.median.parse)}, parsed → first page rendered ${ms(result.median.render)}`);
console.log(`  memory after load (GC): JS heap ${mb(result.median.jsHeapUsed)}, wasm memory ${mb(result.median.wasmMemory)}`);
if (result.search.absent) console.log('  search: n/a: no search page yet');
else {
  console.log(`  search page load /tim-kiem?q=dan%20van: ${ms(result.search.navigationMedian)}`);
  console.log(`  search query (Enter → results painted): first ${ms(result.search.firstQuery?.rendered)}, later median ${ms(result.search.laterMedian)}`);
}
const errs = result.runs.flatMap((r) => r.errors);
if (errs.length) console.log(`  page errors: ${errs.slice(0, 3).join(' | ')}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(result, null, 2));
