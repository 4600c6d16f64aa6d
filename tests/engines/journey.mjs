// The reader's journey in an engine Playwright cannot drive here: Firefox ESR (geckodriver) and WebKitGTK
// (WebKitWebDriver, Safari's engine), through classic WebDriver (webdriver.mjs). Against the built site
// (dist/, or E2E_DIST) and the fake portal API (tests/e2e/fake-api.mjs):
//   1. the prerendered article is what the reader sees while the wasm is held back, then the app takes it over
//   2. a related article opens client-side (same document), A+ enlarges its text, Back returns in-app
//   3. search "dan van" finds the seed article "dân vận" (diacritic folding), matches marked
//   4. against the portal API: one visit and one view counted, whatever the reader does (reload, back)
//   5. offline: the service worker serves an article read before, once the server is gone
// Every page carries a recorder (first script in <head>) of uncaught errors, rejections and console.error
// (a Rust panic logs there), kept in sessionStorage across page loads; any entry fails the journey.
//
//   node tests/engines/journey.mjs firefox            (geckodriver and firefox-esr on PATH or GECKODRIVER=…)
//   xvfb-run -a node tests/engines/journey.mjs webkit  (WebKitWebDriver on PATH or WEBKITWEBDRIVER=…)
// Exit status 0 when every step passed; otherwise 1, with the engine and step named on stderr.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mimeType, startServer } from '../e2e/server.mjs';
import { attr, prepareSite, startFakeApi } from '../e2e/fake-api.mjs';
import { ENGINES, startDriver, until } from './webdriver.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const distDir = path.resolve(repoRoot, process.env.E2E_DIST ?? 'dist');

const SEED_TITLE =
  'Hội nghị trực báo công tác dân vận, mặt trận, các tổ chức chính trị- xã hội ,lực lượng vũ trang quý I năm 2022.';
const SEED_SLUG = 'hoi-nghi-truc-bao-cong-tac-dan-van-quy-i-nam-2022';
const ARTICLE_PATH = `/tin-tuc/${SEED_SLUG}`;
const NOTICE = /Đang xem bản đã lưu trên máy \(tải lúc \d\d:\d\d \d\d\/\d\d\/\d{4}\)/;
const ERRORS_KEY = 'np-engine-errors';

/**
 * Where an engine's headless mode runs the offline worker. WebKitGTK and Firefox both do (checked by the
 * offline step itself, which fails if the worker never controls the page); an engine listed here with
 * `false` would run the step's other checks and say why it skips the worker.
 */
const SERVICE_WORKER = { firefox: true, webkit: true };

const engineId = process.argv[2];
if (!ENGINES[engineId]) {
  console.error(`usage: node tests/engines/journey.mjs <${Object.keys(ENGINES).join('|')}>`);
  process.exit(2);
}
const ENGINE = ENGINES[engineId].name;
const say = (line) => console.log(`[${ENGINE}] ${line}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Recorder of page errors: uncaught errors and rejections, console.error (a Rust panic ends there). */
const RECORDER = `<script>(function(){var K=${JSON.stringify(ERRORS_KEY)};function push(m){var line=location.pathname+': '+m;try{var a=JSON.parse(sessionStorage.getItem(K)||'[]');a.push(line);sessionStorage.setItem(K,JSON.stringify(a))}catch(e){(window.__npEngineErrors=window.__npEngineErrors||[]).push(line)}}addEventListener('error',function(e){if(e instanceof ErrorEvent)push('uncaught error: '+((e.error&&e.error.stack)||e.message))});addEventListener('unhandledrejection',function(e){var r=e.reason;push('unhandled rejection: '+((r&&r.stack)||r))});var ce=console.error;console.error=function(){push('console.error: '+Array.prototype.map.call(arguments,String).join(' '));return ce.apply(console,arguments)}})();</script>`;

/** A copy of the build whose every HTML page starts its <head> with the recorder. */
function recordedCopy() {
  if (!fs.existsSync(path.join(distDir, 'index.html'))) {
    throw new Error(`no built site in ${distDir}: run \`trunk build --release\` first (or set E2E_DIST)`);
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `engines-${engineId}-`));
  fs.cpSync(distDir, root, { recursive: true });
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile() && entry.name.endsWith('.html')) {
        const html = fs.readFileSync(file, 'utf8');
        if (!/<head>/.test(html)) throw new Error(`${file}: no <head> to put the error recorder in`);
        fs.writeFileSync(file, html.replace('<head>', `<head>${RECORDER}`));
      }
    }
  };
  walk(root);
  return root;
}

/** A route answering the app's wasm only once `release()` is called, so the prerendered page shows first. */
function heldWasm(root) {
  // The app's wasm, not the widgets' (portal-widgets-<hash>_bg.wasm, for pages of widgets only).
  const wasm = fs.readdirSync(root).filter((name) => /^minh-long-portal-[0-9a-f]+_bg\.wasm$/.test(name));
  if (wasm.length !== 1) throw new Error(`expected one app .wasm in ${root}, found ${wasm.join(', ') || 'none'}`);
  let release;
  const released = new Promise((resolve) => (release = resolve));
  let requested = false;
  const route = async (req, res) => {
    requested = true;
    await released;
    const body = fs.readFileSync(path.join(root, wasm[0]));
    res.writeHead(200, { 'Content-Type': mimeType(wasm[0]), 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  return { routes: { [`/${wasm[0]}`]: route }, release, requested: () => requested };
}

const cleanup = [];
let session;
let driver;
let current = 'starting';

async function step(name, run) {
  current = name;
  const started = Date.now();
  await run();
  await noPageErrors();
  say(`ok  ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

async function noPageErrors() {
  const errors = await session.execute(
    `try { return JSON.parse(sessionStorage.getItem(arguments[0]) || '[]').concat(window.__npEngineErrors || []); }
     catch (e) { return window.__npEngineErrors || []; }`,
    ERRORS_KEY,
  );
  if (errors.length) throw new Error(`page errors:\n  ${errors.join('\n  ')}`);
}

const h1Text = () => session.execute(`return [...document.querySelectorAll('h1')].filter((h) => h.getClientRects().length).map((h) => h.textContent.replace(/\\s+/g, ' ').trim());`);
const pathOf = async () => (await session.url()).pathname;
const sameDocument = () => session.execute('return window.__npJourney === true;');
const takenOver = () =>
  session.execute(`return !!document.querySelector('[data-news-portal-mounted]') && !document.querySelector('[data-np-prerendered]');`);
const bodyFontPx = () =>
  session.execute(`const b = [...document.querySelectorAll('.np-article__body')].find((e) => e.getClientRects().length);
    return b ? parseFloat(getComputedStyle(b).fontSize) : null;`);
const oneH1 = (title) => until(h1Text, (t) => t.length === 1 && t[0] === title, `one visible h1 reading "${title}"`);

async function main() {
  const started = Date.now();
  const root = recordedCopy();
  cleanup.push(() => fs.rmSync(root, { recursive: true, force: true }));
  const held = heldWasm(root);
  const site = await startServer({ root, routes: held.routes });
  cleanup.push(() => site.close());

  driver = await startDriver(engineId);
  cleanup.push(() => driver.stop());
  session = await driver.newSession({ pageLoadStrategy: ENGINES[engineId].pageLoadStrategy });
  cleanup.push(() => session.quit());
  say(`${session.capabilities.browserName} ${session.capabilities.browserVersion}`);
  await session.setWindowRect({ width: 1280, height: 900 });
  const url = (server, p) => new URL(p.replace(/^\//, ''), server.url).href;

  await step('the prerendered article reads before the wasm, then the app takes it over', async () => {
    await session.get(url(site, ARTICLE_PATH));
    await oneH1(SEED_TITLE);
    const prerendered = await session.execute(`return {
      marked: document.querySelectorAll('[data-np-prerendered]').length,
      paragraphs: [...document.querySelectorAll('.np-article__body p')].filter((p) => p.getClientRects().length).length,
    };`);
    if (prerendered.marked !== 1 || prerendered.paragraphs < 1) {
      throw new Error(`expected the prerendered article on screen, got ${JSON.stringify(prerendered)}`);
    }
    await until(async () => held.requested(), Boolean, 'the page asks for the wasm');
    held.release();
    await until(takenOver, Boolean, 'the app takes the prerendered page over', { timeout: 30_000 });
    await oneH1(SEED_TITLE);
  });

  await step('a related article opens client-side', async () => {
    await session.execute('window.__npJourney = true;');
    const related = await until(() => session.byRole('region', 'Tin liên quan'), Boolean, 'a "Tin liên quan" section');
    const link = await until(() => session.byRole('link', null, {}, related), Boolean, 'a link under "Tin liên quan"');
    const target = await session.execute('return { title: arguments[0].textContent.trim(), path: new URL(arguments[0].href).pathname };', link);
    await session.click(link);
    await oneH1(target.title);
    const now = await pathOf();
    if (now !== target.path) throw new Error(`URL path ${now}, expected ${target.path}`);
    if (!(await sameDocument())) throw new Error('the click loaded a new document instead of routing in the app');
  });

  await step('A+ enlarges the article text', async () => {
    const before = await until(bodyFontPx, (px) => px > 0, 'the article body has a font size');
    await session.click(await until(() => session.byRole('button', 'Tăng cỡ chữ'), Boolean, 'the A+ button'));
    await until(bodyFontPx, (px) => px > before, `the body text grows from ${before} px`);
  });

  await step('Back returns to the first article in the app', async () => {
    await session.back();
    await until(pathOf, (p) => p === ARTICLE_PATH, `URL path ${ARTICLE_PATH}`);
    await oneH1(SEED_TITLE);
    if (!(await sameDocument())) throw new Error('Back loaded a new document instead of routing in the app');
  });

  await step('search "dan van" finds the seed article, "dân vận" marked', async () => {
    const field = await until(() => session.byRole('searchbox', 'Tìm kiếm'), Boolean, 'the "Tìm kiếm" search box');
    await session.clear(field);
    await session.type(field, 'dan van');
    await session.click(await session.byRole('button', 'Tìm'));
    await until(pathOf, (p) => p === '/tim-kiem', 'URL path /tim-kiem');
    const q = (await session.url()).searchParams.get('q');
    if (q !== 'dan van') throw new Error(`query ${JSON.stringify(q)}, expected "dan van"`);
    await oneH1('Kết quả tìm kiếm');
    const marks = await until(
      async () => {
        const main = await session.byRole('main');
        const link = await session.byRole('link', SEED_TITLE, {}, main);
        return link ? session.execute('return [...arguments[0].querySelectorAll("mark")].map((m) => m.textContent.toLowerCase());', link) : null;
      },
      (m) => m && m.length > 0,
      'the seed article among the results',
    );
    if (marks.join(' ') !== 'dân vận') throw new Error(`marked ${JSON.stringify(marks)}, expected ["dân", "vận"]`);
    if (!(await sameDocument())) throw new Error('the search loaded a new document instead of routing in the app');
  });

  await step('the counter counts one visit and one view against the portal API', async () => {
    const api = await startFakeApi();
    cleanup.push(() => api.close());
    const apiSite = prepareSite({ distDir: root, mount: `data-api="${attr(api.url)}"`, prefix: `engines-${engineId}-api-` });
    cleanup.push(() => apiSite.remove());
    const server = await startServer({ root: apiSite.root });
    cleanup.push(() => server.close());
    const counter = async () => {
      const region = await session.byRole('region', 'Thống kê truy cập');
      return region ? (await session.text(region)).replace(/\s*:\s*/g, ': ').replace(/\s+/g, ' ') : '';
    };
    await session.get(url(server, '/'));
    await until(counter, (t) => t.includes('Số lượt truy cập: 1.791'), 'the widget shows the counted visit (1.791)');
    const main = await until(() => session.byRole('main'), Boolean, 'main');
    const link = await until(() => session.byRole('link', SEED_TITLE, {}, main), Boolean, 'the seed article on the home page');
    await session.click(link);
    await oneH1(SEED_TITLE);
    await session.back();
    await until(pathOf, (p) => p === '/', 'back on the home page');
    await session.refresh();
    await until(counter, (t) => t.includes('Số lượt truy cập: 1.791'), 'after a reload the widget still shows 1.791');
    await quiet(api);
    const visits = api.requests({ method: 'POST', route: 'visits' }).length;
    const views = api.requests({ method: 'POST', route: 'views', path: `/articles/${SEED_SLUG}/views` }).length;
    if (visits !== 1 || views !== 1) throw new Error(`POST /stats/visits ×${visits}, POST views of the seed ×${views}; expected 1 and 1`);
  });

  await step(`offline reading${SERVICE_WORKER[engineId] ? '' : ' (no service worker in this engine: skipped)'}`, async () => {
    if (!SERVICE_WORKER[engineId]) return;
    let server = await startServer({ root });
    cleanup.push(() => server?.close());
    await session.get(url(server, '/'));
    await until(takenOver, Boolean, 'the app runs the home page', { timeout: 30_000 });
    await until(
      () => session.execute('return !!(navigator.serviceWorker && navigator.serviceWorker.controller);'),
      Boolean,
      'the service worker controls the page',
      { timeout: 30_000 },
    );
    await session.get(url(server, ARTICLE_PATH));
    await until(takenOver, Boolean, 'the app runs the article', { timeout: 30_000 });
    await oneH1(SEED_TITLE);
    const articleUrl = url(server, ARTICLE_PATH);
    await until(
      () => session.executeAsync(`const done = arguments[arguments.length - 1];
        caches.open('np-pages-v1').then((c) => c.keys()).then((keys) => done(keys.map((r) => r.url)), (e) => done(['error ' + e]));`),
      (urls) => urls.includes(articleUrl),
      'the worker saved the article page',
    );
    await until(
      () => session.executeAsync(`const done = arguments[arguments.length - 1];
        caches.open('np-data-v1').then((c) => c.keys()).then((keys) => done(keys.map((r) => r.url)), (e) => done(['error ' + e]));`),
      (urls) => urls.some((u) => new URL(u).pathname === '/feed.json'),
      'the worker saved the feed',
    );
    await server.close();
    server = null;
    await session.get(articleUrl);
    await until(takenOver, Boolean, 'the app runs the saved article offline', { timeout: 30_000 });
    await oneH1(SEED_TITLE);
    await until(
      () => session.execute('return [...document.querySelectorAll("[role=status]")].map((s) => s.textContent).join(" | ");'),
      (t) => NOTICE.test(t),
      'the "Đang xem bản đã lưu" notice',
    );
  });

  say(`journey passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Resolves once the fake API has had no request for `ms`, at most `max`. */
async function quiet(api, ms = 1_200, max = 15_000) {
  const end = Date.now() + max;
  let seen = api.log.length;
  let since = Date.now();
  while (Date.now() < end) {
    await sleep(100);
    if (api.log.length !== seen) {
      seen = api.log.length;
      since = Date.now();
    } else if (Date.now() - since >= ms) return;
  }
  throw new Error(`the app kept sending requests for ${max} ms`);
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error(`[${ENGINE}] FAILED at "${current}": ${error.message}`);
  if (session) {
    try {
      const png = await session.screenshot();
      const file = path.join(os.tmpdir(), `engines-${engineId}-failure.png`);
      fs.writeFileSync(file, Buffer.from(png, 'base64'));
      console.error(`[${ENGINE}] screenshot: ${file}`);
    } catch {
      // the session itself may be what failed
    }
  }
  if (driver && process.env.ENGINES_DRIVER_LOG) console.error(driver.log());
} finally {
  for (const undo of cleanup.reverse()) {
    try {
      await undo();
    } catch (error) {
      console.error(`[${ENGINE}] cleanup: ${error.message}`);
    }
  }
}
process.exit(failed ? 1 : 0);
