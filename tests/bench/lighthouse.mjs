// Lighthouse benchmark: the app's article page against the same article as static HTML, served side by
// side by the same server (tests/bench/serve-br.mjs: precompressed brotli, production cache headers),
// plus the accessibility score of every page type.
//
//   node tests/bench/lighthouse.mjs --dist DIST [--runs 3] [--json out.json] [--reports DIR]
//
// Lighthouse 12.2.3 (npm, the CLI in node_modules/.bin) with CHROME_PATH (default /usr/bin/chromium), mobile
// form factor and its default throttling (simulated: 150 ms RTT, 1.6 Mbit/s, 4× CPU slowdown), a fresh
// Chromium per run. Performance runs alternate app / static so that machine noise hits both alike; each
// metric's median is reported. Accessibility runs once per page (axe-based, deterministic); the category
// and search pages are included when the app has them (their h1 is not the 404 page's).
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROME_FLAGS, startBenchServer } from './serve-br.mjs';
import { writeStaticBaseline, SEED_SLUG } from './static-baseline.mjs';
import { opt } from './cli.mjs';

const run = promisify(execFile);
const dist = opt('--dist', 'dist');
const runs = Math.max(3, Number(opt('--runs', '3')));
const jsonOut = opt('--json');
const reportsDir = opt('--reports');
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const LIGHTHOUSE = resolve('node_modules/.bin/lighthouse');

const APP_ARTICLE = `tin-tuc/${SEED_SLUG}`;
const STATIC_ARTICLE = `bench-static/${SEED_SLUG}.html`;
const PAGES = [
  { name: 'home', path: '' },
  { name: 'article', path: APP_ARTICLE },
  { name: '404', path: 'trang-khong-ton-tai' },
  { name: 'category', path: 'chuyen-muc/dan-van', optional: true },
  { name: 'search', path: 'tim-kiem?q=dan%20van', optional: true },
];

const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

async function lighthouse(url, category, tag) {
  const out = join(work, `${tag}.json`);
  for (let attempt = 1; ; attempt++) {
    try {
      await run(
        LIGHTHOUSE,
        [url, '--output=json', `--output-path=${out}`, `--only-categories=${category}`, '--quiet', `--chrome-flags=${CHROME_FLAGS.join(' ')}`],
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

function perfFigures(report) {
  const a = report.audits;
  const n = (id) => a[id]?.numericValue ?? null;
  return {
    score: report.categories.performance.score === null ? null : Math.round(report.categories.performance.score * 100),
    fcp: n('first-contentful-paint'),
    lcp: n('largest-contentful-paint'),
    tbt: n('total-blocking-time'),
    cls: n('cumulative-layout-shift'),
    si: n('speed-index'),
    tti: n('interactive'),
    transfer: n('total-byte-weight'),
    requests: a['network-requests']?.details?.items?.length ?? null,
    warnings: report.runWarnings ?? [],
    // Diagnostics Lighthouse 12.2 could not compute with this Chromium (its trace format moved on);
    // the metrics and the score do not depend on them.
    errored: Object.values(a).filter((x) => x.scoreDisplayMode === 'error').map((x) => x.id),
  };
}

function a11yFigures(report) {
  const cat = report.categories.accessibility;
  const failing = cat.auditRefs
    .filter((r) => r.weight > 0)
    .map((r) => report.audits[r.id])
    .filter((a) => a.score !== null && a.score < 1)
    .map((a) => ({ id: a.id, title: a.title, nodes: a.details?.items?.length ?? 0 }));
  return { score: cat.score === null ? null : Math.round(cat.score * 100), failing };
}

// --- the site: the build + the static baseline, one server -------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'np-bench-lh-'));
const root = join(work, 'site');
cpSync(dist, root, { recursive: true });
writeStaticBaseline({ dist: root, out: join(root, STATIC_ARTICLE) });
// The same build less the article's prerendered page (an article published after the last prerender):
// the server answers with shell.html, as the README's configuration does, and the app alone renders it.
const spaRoot = join(work, 'spa');
cpSync(dist, spaRoot, { recursive: true });
rmSync(join(spaRoot, APP_ARTICLE), { recursive: true, force: true });
if (reportsDir) mkdirSync(reportsDir, { recursive: true });
const server = await startBenchServer({ root });
const spaServer = await startBenchServer({ root: spaRoot });
const result = { runs, url: server.url, perf: { app: [], static: [], spa: [] }, a11y: {}, lighthouse: null, chromium: null };

try {
  // Which optional pages exist: an unknown route renders the 404 page's h1.
  const browser = await chromium.launch({ executablePath: chromePath, args: ['--no-sandbox'] });
  result.chromium = browser.version();
  const page = await browser.newPage();
  const h1 = async (path) => {
    await page.goto(server.url + path);
    try {
      await page.waitForSelector('main h1', { timeout: 30_000 });
      await page.waitForTimeout(300);
      return (await page.textContent('main h1'))?.trim();
    } catch {
      return null;
    }
  };
  const notFoundH1 = await h1('trang-khong-ton-tai');
  const present = {};
  for (const p of PAGES) present[p.name] = !p.optional || ((await h1(p.path)) ?? notFoundH1) !== notFoundH1;
  await browser.close();

  for (let i = 0; i < runs; i++) {
    for (const [kind, url] of [['app', server.url + APP_ARTICLE], ['static', server.url + STATIC_ARTICLE], ['spa', spaServer.url + APP_ARTICLE]]) {
      const report = await lighthouse(url, 'performance', `perf-${kind}-${i + 1}`);
      result.lighthouse ??= report.lighthouseVersion;
      const f = perfFigures(report);
      result.perf[kind].push(f);
      console.error(`  perf ${kind} #${i + 1}: score ${f.score}, LCP ${f.lcp?.toFixed(0)} ms, CLS ${f.cls?.toFixed(3)}`);
    }
  }
  for (const p of PAGES) {
    if (!present[p.name]) {
      result.a11y[p.name] = { absent: true, path: `/${p.path}` };
      continue;
    }
    const f = a11yFigures(await lighthouse(server.url + p.path, 'accessibility', `a11y-${p.name}`));
    result.a11y[p.name] = { ...f, path: `/${p.path}` };
    console.error(`  a11y ${p.name}: ${f.score}${f.failing.length ? ` (failing: ${f.failing.map((x) => x.id).join(', ')})` : ''}`);
  }
} finally {
  result.served = { byEncoding: server.stats.byEncoding, acceptEncoding: [...server.stats.acceptEncoding] };
  await server.close();
  await spaServer.close();
  rmSync(work, { recursive: true, force: true });
}

result.median = {};
for (const kind of ['app', 'static', 'spa']) {
  const rows = result.perf[kind];
  result.median[kind] = Object.fromEntries(
    ['score', 'fcp', 'lcp', 'tbt', 'cls', 'si', 'tti', 'transfer', 'requests'].map((k) => [k, median(rows.map((r) => r[k]))]),
  );
}
result.lcpRatio = result.median.app.lcp && result.median.static.lcp ? result.median.app.lcp / result.median.static.lcp : null;

const f0 = (x) => (x == null ? 'n/a' : x.toFixed(0));
console.log(`Lighthouse ${result.lighthouse} (mobile, simulated throttling), median of ${runs} runs, Chromium ${result.chromium}`);
console.log(`${''.padEnd(8)}${'perf'.padStart(6)}${'FCP'.padStart(8)}${'LCP'.padStart(8)}${'TBT'.padStart(7)}${'CLS'.padStart(7)}${'SI'.padStart(8)}${'KB'.padStart(8)}`);
for (const kind of ['app', 'static', 'spa']) {
  const m = result.median[kind];
  console.log(`${kind.padEnd(8)}${f0(m.score).padStart(6)}${f0(m.fcp).padStart(8)}${f0(m.lcp).padStart(8)}${f0(m.tbt).padStart(7)}${(m.cls ?? 0).toFixed(3).padStart(7)}${f0(m.si).padStart(8)}${(m.transfer / 1024).toFixed(1).padStart(8)}`);
}
console.log(`LCP app / static: ${result.lcpRatio?.toFixed(2) ?? 'n/a'}`);
console.log(`accessibility: ${PAGES.map((p) => [p.name, result.a11y[p.name]]).map(([k, v]) => `${k} ${v.absent ? 'n/a' : v.score}`).join(', ')}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(result, null, 2));
