// The second visit, with and without the offline service worker (README, "Offline reading"):
//   node tests/bench/repeat-visit.mjs [--dist dist] [--runs 5] [--latency 300]
// Each run has a fresh browser profile: visit 1 opens the home page (and, with the worker, waits until it
// controls the page); visit 2 opens the seed article. The server (tests/bench/serve-br.mjs: brotli,
// production cache headers) delays every answer by --latency ms, so the page and the worker see the same
// slow network. Printed per case, median of the runs: the requests and bytes the server sent for visit 2,
// its largest contentful paint and the time until the app runs the page; then visit 2 with the server
// stopped (no network): whether the article shows at all.
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBenchServer, CHROME_FLAGS } from './serve-br.mjs';
import { opt } from './cli.mjs';

const dist = path.resolve(opt('--dist', 'dist'));
const runs = Number(opt('--runs', '5'));
const latencyMs = Number(opt('--latency', '300'));
const ARTICLE = 'tin-tuc/hoi-nghi-truc-bao-cong-tac-dan-van-quy-i-nam-2022';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function run(withWorker, offline) {
  const server = await startBenchServer({ root: dist, latencyMs });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-repeat-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROME_FLAGS.filter((f) => !f.startsWith('--headless')),
    serviceWorkers: withWorker ? 'allow' : 'block',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('[data-news-portal-mounted]') && !document.querySelector('[data-np-prerendered]'));
    if (withWorker) await page.waitForFunction(() => navigator.serviceWorker.controller, null, { timeout: 60_000 });
    await page.waitForTimeout(500);
    const before = { requests: server.stats.requests, bytes: server.stats.bytes };
    const url = new URL(ARTICLE, server.url).href;
    if (offline) await server.close();
    const start = Date.now();
    const shown = await page.goto(url, { waitUntil: 'load' }).then(() => true, () => false);
    const h1 = shown ? await page.locator('h1').first().textContent({ timeout: 5000 }).catch(() => null) : null;
    let ready = NaN;
    let lcp = NaN;
    if (h1) {
      await page.waitForFunction(() => document.querySelector('[data-news-portal-mounted]') && !document.querySelector('[data-np-prerendered]'), null, { timeout: 30_000 }).catch(() => {});
      ready = Date.now() - start;
      lcp = await page.evaluate(() => new Promise((resolve) => {
        new PerformanceObserver((list) => resolve(list.getEntries().at(-1).startTime)).observe({ type: 'largest-contentful-paint', buffered: true });
        setTimeout(() => resolve(NaN), 3000);
      }));
    }
    return { requests: server.stats.requests - before.requests, bytes: server.stats.bytes - before.bytes, lcp, ready, shown: !!h1 };
  } finally {
    await context.close();
    if (!offline) await server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

console.log(`repeat visit: ${runs} runs, ${latencyMs} ms per answer, dist ${dist}`);
console.log('| case | requests | bytes sent | LCP (ms) | app runs the page (ms) | article shown |');
console.log('|---|---:|---:|---:|---:|---|');
for (const [label, withWorker, offline] of [
  ['HTTP cache only (worker blocked)', false, false],
  ['with the service worker', true, false],
  ['no network, HTTP cache only', false, true],
  ['no network, with the service worker', true, true],
]) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await run(withWorker, offline));
  const m = (k) => median(results.map((r) => r[k]));
  const shown = results.filter((r) => r.shown).length;
  console.log(`| ${label} | ${m('requests')} | ${m('bytes')} | ${Math.round(m('lcp'))} | ${Math.round(m('ready'))} | ${shown}/${runs} |`);
}
