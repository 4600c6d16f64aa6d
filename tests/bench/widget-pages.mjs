// Issue 29: what the visit counter and latest-news widgets cost an operator's page. The seed article as the operator's own
// static page (its own small stylesheet, no script), measured alone, with the counter widget in its sidebar
// (one mount element, one script tag, as README "Embedding" shows; feed mode: the counter reads the bundled
// feed's figures), with the same counter through the widgets' wasm (a `data-base` on the mount point,
// which the counter script leaves to the wasm; the whole app before the widgets' wasm existed, plus the
// counter script and stylesheet it fetches before handing over), with an article widget (the widgets'
// wasm), and with an empty module script (the floor of anything loaded by a script tag). One server
// (tests/bench/serve-br.mjs: precompressed brotli, production cache headers), runs alternated.
//
//   node tests/bench/widget-pages.mjs --dist DIST [--runs 3] [--json out.json] [--reports DIR] [--api]
//
// --api: served by the portal server (target/debug/portal-server, as the e2e tier builds it) instead,
// which points every mount point at its own /api: the counter then counts a visit (one POST) and reads
// no feed; the app's counter reads the API's first page as well.
//
// Lighthouse 12.2.3 (npm), CHROME_PATH (default /usr/bin/chromium), mobile, default simulated throttling;
// medians. The machine is shared: compare the rows of one run only.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompressSync, constants } from 'node:zlib';
import { CHROME_FLAGS, startBenchServer } from './serve-br.mjs';
import { SEED_SLUG } from './static-baseline.mjs';
import { flag, opt } from './cli.mjs';
import { startPortalServer } from '../e2e/portal-server.mjs';

const run = promisify(execFile);
const dist = opt('--dist', 'dist');
const runs = Math.max(3, Number(opt('--runs', '3')));
const jsonOut = opt('--json');
const reportsDir = opt('--reports');
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const LIGHTHOUSE = resolve('node_modules/.bin/lighthouse');

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const feed = JSON.parse(readFileSync(join(dist, 'feed.json'), 'utf8'));
const item = feed.items.find((i) => i._portal?.slug === SEED_SLUG);

/** The operator's article page; `widget` goes into its sidebar, `script` into its head. */
const hostPage = ({ widget = '', script = '' }) => `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${esc(item.title)}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/operator/site.css">
  ${script}
</head>
<body>
  <header class="site-header"><p class="site-name">ỦY BAN NHÂN DÂN HUYỆN MINH LONG</p></header>
  <div class="columns">
    <main class="article"><h1>${esc(item.title)}</h1>${item.content_html}</main>
    <aside class="sidebar" aria-label="Cột bên">${widget}</aside>
  </div>
  <footer class="site-footer"><p>Ủy ban nhân dân huyện Minh Long, tỉnh Quảng Ngãi</p></footer>
</body>
</html>
`;
const SITE_CSS = `body { margin: 0; font: 16px/1.6 system-ui, sans-serif; color: #1a1a1a; }
.site-header, .site-footer { background: #0b3d7a; color: #fff; padding: 1rem; }
.site-name { margin: 0; font-weight: 700; }
.columns { display: flex; flex-wrap: wrap; gap: 1rem; max-width: 75rem; margin: 0 auto; padding: 1rem; }
.article { flex: 3 1 20rem; } .sidebar { flex: 1 1 14rem; }
`;
const SCRIPT = '<script type="module" src="/embed.js"></script>';
const PAGES = {
  alone: hostPage({}),
  // The floor of any widget loaded by a script tag: Lighthouse's simulation counts a script evaluated
  // before the first paint (on an unthrottled loopback, every one is) into the simulated FCP and LCP,
  // hence TTI, even an empty one.
  'empty-script': hostPage({ script: '<script type="module" src="/operator/empty.js"></script>' }),
  counter: hostPage({ script: SCRIPT, widget: '<div data-news-portal="counter" data-feed="/feed.json"></div>' }),
  // A counter the script leaves to the wasm (a `data-base`, which a counter does not read but the app
  // checks): the widgets' wasm since it exists, the whole app before (BENCHMARKS history).
  'counter-wasm': hostPage({ script: SCRIPT, widget: '<div data-news-portal="counter" data-feed="/feed.json" data-base="/"></div>' }),
  // The latest-news list (issue 29's 40 KB target): by the latest script, with a counter (one script,
  // one feed request), and through the app (a `data-timeout`, which the script leaves to the app: what
  // every latest page loaded before, plus the latest script it fetches before handing over).
  latest: hostPage({ script: SCRIPT, widget: '<div data-news-portal="latest" data-feed="/feed.json"></div>' }),
  'counter-latest': hostPage({
    script: SCRIPT,
    widget: '<div data-news-portal="counter" data-feed="/feed.json"></div><div data-news-portal="latest" data-feed="/feed.json"></div>',
  }),
  // A list with `data-timeout`, which only the wasm reads: embed.js loads the widgets' wasm at once.
  'latest-wasm': hostPage({ script: SCRIPT, widget: '<div data-news-portal="latest" data-feed="/feed.json" data-timeout="15"></div>' }),
  // The article widget: the widgets' wasm (src/bin/widgets.rs) and the app's stylesheet, not the app.
  article: hostPage({ script: SCRIPT, widget: `<div data-news-portal="article" data-feed="/feed.json" data-slug="${SEED_SLUG}"></div>` }),
};

const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

const work = mkdtempSync(join(tmpdir(), 'np-bench-widgets-'));
const root = join(work, 'site');
cpSync(dist, root, { recursive: true });
mkdirSync(join(root, 'operator'));
const write = (rel, text) => {
  writeFileSync(join(root, rel), text);
  writeFileSync(join(root, `${rel}.br`), brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
};
write('operator/site.css', SITE_CSS);
write('operator/empty.js', '');
for (const [name, html] of Object.entries(PAGES)) write(`operator/${name}.html`, html);

async function lighthouse(url, tag) {
  const out = join(work, `${tag}.json`);
  for (let attempt = 1; ; attempt++) {
    try {
      await run(
        LIGHTHOUSE,
        [url, '--output=json', `--output-path=${out}`, '--only-categories=performance', '--quiet', `--chrome-flags=${CHROME_FLAGS.join(' ')}`],
        { env: { ...process.env, CHROME_PATH: chromePath }, timeout: 240_000, maxBuffer: 64 << 20 },
      );
      const report = JSON.parse(readFileSync(out, 'utf8'));
      if (report.runtimeError) throw new Error(`${report.runtimeError.code}: ${report.runtimeError.message}`);
      if (reportsDir) cpSync(out, join(reportsDir, `${tag}.json`));
      return report;
    } catch (error) {
      if (attempt >= 2) throw error;
      console.error(`lighthouse ${tag}: ${error.message.split('\n')[0]} — retrying`);
    }
  }
}

if (reportsDir) mkdirSync(reportsDir, { recursive: true });
const apiMode = flag('--api');
const server = apiMode ? await startPortalServer({ dist: root }) : await startBenchServer({ root });
const site = apiMode ? `${server.url}/` : server.url;
const result = { runs, api: apiMode, lighthouse: null, perf: Object.fromEntries(Object.keys(PAGES).map((k) => [k, []])) };
try {
  for (let i = 0; i < runs; i++) {
    for (const name of Object.keys(PAGES)) {
      const report = await lighthouse(`${site}operator/${name}.html`, `${name}-${i + 1}`);
      result.lighthouse ??= report.lighthouseVersion;
      const a = report.audits;
      const n = (id) => a[id]?.numericValue ?? null;
      const requests = a['network-requests']?.details?.items ?? [];
      const f = {
        fcp: n('first-contentful-paint'), lcp: n('largest-contentful-paint'), tbt: n('total-blocking-time'),
        cls: n('cumulative-layout-shift'), tti: n('interactive'), transfer: n('total-byte-weight'),
        files: requests.map((r) => `${new URL(r.url).pathname} ${r.transferSize}`),
      };
      result.perf[name].push(f);
      console.error(`  ${name} #${i + 1}: ${(f.transfer / 1024).toFixed(1)} KB, TTI ${f.tti?.toFixed(0)} ms, TBT ${f.tbt?.toFixed(0)} ms, LCP ${f.lcp?.toFixed(0)} ms`);
    }
  }
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}

result.median = Object.fromEntries(Object.entries(result.perf).map(([name, rows]) => [
  name, Object.fromEntries(['fcp', 'lcp', 'tbt', 'cls', 'tti', 'transfer'].map((k) => [k, median(rows.map((r) => r[k]))])),
]));
const kb = (n) => (n / 1024).toFixed(1);
const ms = (n) => (n == null ? 'n/a' : n.toFixed(0));
const alone = result.median.alone;
console.log(`Lighthouse ${result.lighthouse} (mobile, simulated throttling), median of ${runs} runs${apiMode ? ', portal server (API mode)' : ''}`);
console.log('| page | bytes (KB) | TTI (ms) | TBT (ms) | LCP (ms) | CLS |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [name, m] of Object.entries(result.median)) {
  const extra = name === 'alone' ? '' : ` (+${kb(m.transfer - alone.transfer)})`;
  console.log(`| ${name} | ${kb(m.transfer)}${extra} | ${ms(m.tti)} | ${ms(m.tbt)} | ${ms(m.lcp)} | ${(m.cls ?? 0).toFixed(3)} |`);
}
console.log(`files of one counter run: ${result.perf.counter[0]?.files.join(', ')}`);
console.log(`files of one latest run: ${result.perf.latest[0]?.files.join(', ')}`);
console.log(`files of one article run: ${result.perf.article[0]?.files.join(', ')}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(result, null, 2));
