// Trunk post-build hook: replaces Trunk's inline module loader with `embed.js`, the portal's one entry
// point. index.html loads it like any host page does:
//
//   <script type="module" src="https://cdn.example/np/embed.js"></script>
//
// embed.js has a stable, unhashed name next to the hashed assets and loads everything relative to its own
// URL (import.meta.url), so the assets can live on any path or CDN:
// - the stylesheet(s), unless the page already links them (index.html does, with SRI): the <link> goes
//   inside the first mount point, never into the host's <head>;
// - the wasm download starts at once, alongside the glue JS (not after it), with the integrity Trunk
//   computed, so it is the same request as index.html's <link rel=preload> and a tampered copy is refused;
// - the glue JS, which mounts every [data-news-portal] element.
// It also keeps index.html free of inline script (strict CSP: script-src 'self' 'wasm-unsafe-eval').
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { buildServiceWorker } from './build-sw.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('post-build.mjs runs as a Trunk hook (TRUNK_STAGING_DIR unset)');
const indexPath = join(staging, 'index.html');
let html = readFileSync(indexPath, 'utf8');

const scriptTag = /<script\b([^>]*)>([\s\S]*?)<\/script>/g;
const loader = [...html.matchAll(scriptTag)].find(
  (m) => /type=["']?module/.test(m[1]) && !/\ssrc=/.test(m[1]) && /\binit\b/.test(m[2]),
);
if (!loader) throw new Error('post-build.mjs: Trunk loader script not found in index.html');

const js = loader[2].match(/from\s+['"]([^'"]+\.js)['"]/)?.[1];
const wasm = loader[2].match(/['"]([^'"]+_bg\.wasm)['"]/)?.[1];
if (!js || !wasm) throw new Error('post-build.mjs: cannot find the glue JS / wasm names in the loader');
const name = (p) => p.split('/').pop();
const publicUrl = js.slice(0, js.length - name(js).length);

const attr = (tag, key) => tag.match(new RegExp(`\\s${key}=["']([^"']*)["']`))?.[1];
const links = [...html.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]);
// Trunk's own stylesheets (hashed, under the public URL); the host's or a CDN font's are not ours.
const styles = links
  .filter((l) => /\srel=["']?stylesheet/.test(l) && attr(l, 'href')?.startsWith(publicUrl))
  .map((l) => name(attr(l, 'href')));
if (styles.length === 0) throw new Error('post-build.mjs: no Trunk stylesheet <link> in index.html');
const wasmPreload = links.find((l) => /\srel=["']?preload/.test(l) && attr(l, 'href') === wasm);
const integrity = wasmPreload ? attr(wasmPreload, 'integrity') : undefined;
const fetchOptions = integrity ? `, { integrity: ${JSON.stringify(integrity)} }` : '';

// The reader's text size (A−, A, A+) as src/components/article_tools.rs keeps it: read from that file,
// so that embed.js, which shows it on a prerendered article before the wasm runs, cannot disagree.
const tools = readFileSync(new URL('../src/components/article_tools.rs', import.meta.url), 'utf8');
const rustConst = (key) => {
  const found = tools.match(new RegExp(`pub const ${key}: [^=]+= ([^;]+);`));
  if (!found) throw new Error(`post-build.mjs: ${key} not found in src/components/article_tools.rs`);
  return JSON.parse(found[1]);
};
const textSize = {
  steps: rustConst('STEPS'),
  normal: rustConst('DEFAULT_STEP'),
  key: rustConst('STORAGE_KEY'),
  property: rustConst('FONT_PROPERTY'),
};

// The one query a route reads (src/routing/table.rs: the search page's `q`): any other query (`?fbclid=…`,
// `?utm_source=zalo`) leaves a prerendered page the page of its path, as is_current in src/takeover.rs.
const routes = readFileSync(new URL('../src/routing/table.rs', import.meta.url), 'utf8');
const searchRoute = routes.match(/"(\/[a-z-]+)" => \{\s*let query = [^;]*\.query\("(\w+)"\)/);
if (!searchRoute) throw new Error('post-build.mjs: the search route and its query key not found in src/routing/table.rs');
const queryRead = { path: searchRoute[1], key: searchRoute[2] };

// Widget-only pages (README, "Widget-only pages"): a page whose mount points are all counters gets the
// counter script and a stylesheet of the widgets' rules instead of the wasm; one with latest-news lists
// too (and no other mount point) the latest script, which is the counter script with
// src/widgets/latest.js after it, so a page of both loads one script. The scripts' markup and constants
// come from the app's own views and modules, rendered natively (`prerender --widget-kit`,
// src/prerender/widgets.rs); the stylesheet from the same SCSS partials as main.css.
const release = process.env.TRUNK_PROFILE === 'release';
const profile = release ? 'prerender' : 'dev';
const kit = execFileSync('cargo', ['run', '--quiet', '--profile', profile, '--bin', 'prerender', '--', '--widget-kit'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
}).trim();
const fullKit = JSON.parse(kit); // fails the build on anything but the kit
// The counter script carries only what the counter reads.
const counterKit = Object.fromEntries(Object.entries(fullKit).filter(([key]) => !['latest', 'text', 'errors'].includes(key)));
const hashed = (stem, ext, text) => `${stem}-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.${ext}`;
const widgetSource = (name) => readFileSync(new URL(`../src/widgets/${name}`, import.meta.url), 'utf8');
const widgetScript = async (stem, sources, scriptKit) => {
  let script = `// Generated by scripts/post-build.mjs from src/widgets/{${sources.join(',')}} and src/prerender/widgets.rs.\nconst KIT = ${
    JSON.stringify(scriptKit)};\n${sources.map(widgetSource).join('\n')}`;
  if (release) {
    const { minify } = await import('terser');
    script = (await minify(script, { module: true, compress: { passes: 2 } })).code;
  }
  const file = hashed(stem, 'js', script);
  writeFileSync(join(staging, file), script);
  return file;
};
// A latest list with an attribute only the app reads (src/widgets/latest.js, LEFT_TO_APP): embed.js
// loads the app for it at once instead of the latest script that would hand it over.
const leftToApp = widgetSource('latest.js').match(/^const LEFT_TO_APP = (\[[^\]]*\]);$/m);
if (!leftToApp) throw new Error('post-build.mjs: LEFT_TO_APP not found in src/widgets/latest.js');
const latestLeftToApp = JSON.parse(leftToApp[1].replaceAll("'", '"'));
const counterFile = await widgetScript('widget-counter', ['counter.js'], counterKit);
const latestFile = await widgetScript('widget-latest', ['counter.js', 'latest.js'], fullKit);
// The widgets' wasm (src/bin/widgets.rs): the views of the widgets without the app's router, search,
// offline reading and pages, for a page of widgets that the scripts above do not show whole (an
// article, a WordPress list). Built as Trunk builds the app's (same profile, the same wasm-opt passes
// as index.html gives it), under a hashed name, and fetched with its SRI hash as the app's wasm is.
const widgetsWasm = (() => {
  const out = execFileSync('cargo', ['build', '--quiet', '--target', 'wasm32-unknown-unknown', '--bin', 'widgets',
    ...(release ? ['--release'] : []), '--message-format=json-render-diagnostics'], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 * 1024 * 1024,
  });
  const built = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l))
    .find((m) => m.reason === 'compiler-artifact' && m.target?.name === 'widgets')?.filenames.find((f) => f.endsWith('.wasm'));
  if (!built) throw new Error('post-build.mjs: cargo built no widgets.wasm');
  const tmp = mkdtempSync(join(tmpdir(), 'np-widgets-'));
  try {
    execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', tmp, '--out-name', 'widgets', built], { stdio: 'inherit' });
    const wasmPath = join(tmp, 'widgets_bg.wasm');
    if (release) {
      const index = readFileSync(new URL('../index.html', import.meta.url), 'utf8');
      const appWasm = index.match(/<link data-trunk rel="rust"[^>]*>/)?.[0] ?? '';
      const level = attr(appWasm, 'data-wasm-opt');
      const params = attr(appWasm, 'data-wasm-opt-params')?.split(/\s+/).filter(Boolean) ?? [];
      if (!level) throw new Error('post-build.mjs: no data-wasm-opt on the rust <link> of index.html');
      execFileSync('wasm-opt', [`-O${level}`, ...params, wasmPath, '-o', wasmPath], { stdio: 'inherit' });
    }
    const wasmBytes = readFileSync(wasmPath);
    const glue = readFileSync(join(tmp, 'widgets.js'), 'utf8');
    const stem = `portal-widgets-${createHash('sha256').update(wasmBytes).update(glue).digest('hex').slice(0, 16)}`;
    writeFileSync(join(staging, `${stem}_bg.wasm`), wasmBytes);
    writeFileSync(join(staging, `${stem}.js`), glue);
    // The glue's inline snippets: the same crate's as the app's, in the same directory.
    if (existsSync(join(tmp, 'snippets'))) cpSync(join(tmp, 'snippets'), join(staging, 'snippets'), { recursive: true });
    return { js: `${stem}.js`, wasm: `${stem}_bg.wasm`, integrity: `sha384-${createHash('sha384').update(wasmBytes).digest('base64')}` };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
})();

const widgetCss = execFileSync('sass', ['--no-source-map', `--style=${release ? 'compressed' : 'expanded'}`, 'style/widget-page.scss'], {
  encoding: 'utf8',
});
const widgetCssFile = hashed('widgets', 'css', widgetCss);
writeFileSync(join(staging, widgetCssFile), widgetCss);

const embed = `// Generated by scripts/post-build.mjs: the news portal's entry point, for index.html and any host page.
// Everything loads relative to this file's own URL. See README.md, "Embedding".
const here = import.meta.url;
const appStyles = ${JSON.stringify(styles)};
const linked = (file) => [...document.querySelectorAll('link[rel~="stylesheet"]')].find((l) => l.href === new URL(file, here).href);
/** Links the stylesheets the page does not link yet, inside the first mount point; resolves once they load. */
const addStyles = (files) => Promise.all(files.filter((file) => !linked(file)).map((file) => new Promise((resolve) => {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL(file, here).href;
  link.setAttribute('data-news-portal-css', '');
  link.addEventListener('load', resolve);
  link.addEventListener('error', resolve);
  const first = document.querySelector('[data-news-portal]');
  if (first) first.prepend(link);
  else document.body.append(link);
})));
// A page whose mount points are all widgets (README, "Widget-only pages") never loads the app. Counters
// and latest-news lists need neither wasm nor the app's stylesheet: the counter script (the latest script
// when there is a list: the counter script and the list's code) shows them. Any other widget (an article,
// a WordPress list) is shown by the widgets' wasm, without the app's router, search and offline code. The
// app loads only for an app mount point, there at the start or added later.
const mounts = [...document.querySelectorAll('[data-news-portal]')];
const modeOf = (el) => el.getAttribute('data-news-portal')?.trim();
/** As Mode::of in src/config.rs: an empty mode is the app. */
const isApp = (el) => modeOf(el) === 'app' || modeOf(el) === '';
const latestLeftToApp = ${JSON.stringify(latestLeftToApp)};
const scriptShows = (el) => modeOf(el) === 'counter'
  || (modeOf(el) === 'latest' && !latestLeftToApp.some((name) => el.getAttribute(name)?.trim()));
const widgetsOnly = mounts.length > 0 && mounts.every(scriptShows);
const wasmWidgets = !widgetsOnly && mounts.length > 0 && !mounts.some(isApp);
const counterFile = ${JSON.stringify('./' + counterFile)};
const latestFile = ${JSON.stringify('./' + latestFile)};
const widgetFile = mounts.some((el) => modeOf(el) === 'latest') ? latestFile : counterFile;
if (!widgetsOnly) addStyles(appStyles);
// A prerendered page is complete without the wasm: its download starts after the first paint,
// never competing with it (README, "Prerendered pages"). Not so a prerendered page of another address
// (a server answering with the home page instead of shell.html): the app replaces it at once.
const prerendered = document.querySelector('[data-np-prerendered]')?.getAttribute('data-np-prerendered');
// A prerendered article in the reader's own text size from its first frames, not from the takeover on
// (the text would grow under the reader's eyes, seconds later on a slow network): as apply() and
// saved_step() in src/components/article_tools.rs do it.
const textSize = ${JSON.stringify(textSize)};
let savedSize = null;
try {
  savedSize = localStorage.getItem(textSize.key);
} catch {
  // Storage blocked: the normal size, as in the app.
}
const sizeStep = textSize.steps.indexOf(savedSize?.trim().replace(/(rem)+$/, ''));
const showSize = (step) => {
  for (const article of document.querySelectorAll('[data-np-prerendered] .np-article')) {
    article.style.setProperty(textSize.property, textSize.steps[step] + 'rem');
    for (const button of article.querySelectorAll('[data-step]')) {
      const which = button.getAttribute('data-step');
      if (which === '-') button.setAttribute('aria-disabled', String(step === 0));
      else if (which === '+') button.setAttribute('aria-disabled', String(step === textSize.steps.length - 1));
      else button.setAttribute('aria-pressed', String(step === textSize.normal));
    }
  }
};
if (sizeStep >= 0) showSize(sizeStep);
// The controls the app runs, working on the prerendered page before it does (a slow phone takes
// seconds to get the wasm): the menu's disclosure button and A−, A, A+, as nav_menu.rs and
// article_tools.rs do it. The takeover keeps what they did (src/takeover.rs). Once the app has the
// page, the mount point is no longer marked prerendered and these handlers do nothing.
let shownStep = sizeStep >= 0 ? sizeStep : textSize.normal;
const prerenderedControl = (event, selector) => {
  const control = event.target instanceof Element ? event.target.closest(selector) : null;
  return control && control.closest('[data-np-prerendered]') ? control : null;
};
// On the prerendered mount point itself: a host page's window gets no listener of ours.
const prerenderedRoot = document.querySelector('[data-np-prerendered]');
prerenderedRoot?.addEventListener('click', (event) => {
  const toggle = prerenderedControl(event, '.np-nav__toggle');
  if (toggle) {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    toggle.closest('.np-nav')?.classList.toggle('np-nav--open', open);
    return;
  }
  const size = prerenderedControl(event, '.np-article [data-step]');
  if (!size) return;
  const which = size.getAttribute('data-step');
  const next = which === '-' ? Math.max(0, shownStep - 1)
    : which === '+' ? Math.min(textSize.steps.length - 1, shownStep + 1) : textSize.normal;
  if (next === shownStep) return;
  shownStep = next;
  showSize(next);
  try {
    if (next === textSize.normal) localStorage.removeItem(textSize.key);
    else localStorage.setItem(textSize.key, textSize.steps[next]);
  } catch {
    // Storage blocked: shown, not remembered, as in the app.
  }
});
prerenderedRoot?.addEventListener('keydown', (event) => {
  const nav = event.key === 'Escape' ? prerenderedControl(event, '.np-nav') : null;
  const toggle = nav?.querySelector('.np-nav__toggle');
  if (!toggle || toggle.getAttribute('aria-expanded') !== 'true') return;
  event.preventDefault();
  toggle.setAttribute('aria-expanded', 'false');
  nav.classList.remove('np-nav--open');
  toggle.focus();
});
// The same comparison as is_current in src/takeover.rs, which decides the takeover once the wasm runs.
const trimmed = (p) => p.replace(/index\\.html$/, '').replace(/\\/+$/, '');
const queryRead = ${JSON.stringify(queryRead)};
const readsQuery = trimmed(location.pathname).endsWith(queryRead.path)
  && (new URLSearchParams(location.search).getAll(queryRead.key).at(-1) ?? '').trim() !== '';
/** Resolves at the first contentful paint; after 3 s at the latest: a page that never paints (a
 * background tab) still gets its app or its counters. */
const firstPaint = () => new Promise((resolve) => {
  const done = () => { clearTimeout(timer); resolve(); };
  const timer = setTimeout(done, 3000);
  try {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName('first-contentful-paint').length) { observer.disconnect(); done(); }
    }).observe({ type: 'paint', buffered: true });
  } catch { done(); }
});
if (prerendered != null && trimmed(prerendered) === trimmed(location.pathname) && !readsQuery) await firstPaint();
/** The app: the wasm download (with Trunk's SRI hash), the glue JS, then every mount point mounted. */
let appStarted = false;
async function startApp() {
  if (appStarted) return;
  appStarted = true;
  addStyles(appStyles);
  const wasm = fetch(new URL('./${name(wasm)}', here)${fetchOptions});
  const { default: init } = await import('./${name(js)}');
  await init({ module_or_path: wasm });
}
/** The widgets' wasm (src/bin/widgets.rs), with its SRI hash; it loads the app for an app mount point. */
let widgetsStarted = false;
async function startWidgets() {
  if (widgetsStarted || appStarted) return;
  widgetsStarted = true;
  addStyles(appStyles);
  const wasm = fetch(new URL(${JSON.stringify('./' + widgetsWasm.wasm)}, here), { integrity: ${JSON.stringify(widgetsWasm.integrity)} });
  const { default: init, start } = await import(${JSON.stringify('./' + widgetsWasm.js)});
  await init({ module_or_path: wasm });
  start(startApp);
}
/** For what a widget script does not show: the app if the page has an app mount point, else the widgets' wasm. */
const startWasm = () => ([...document.querySelectorAll('[data-news-portal]')].some(isApp) ? startApp() : startWidgets());
if (widgetsOnly || wasmWidgets) {
  // The host page first: the widgets' files are asked for after its first paint, so they never
  // compete with what the reader waits for (as the wasm of a prerendered page).
  await firstPaint();
}
if (wasmWidgets) {
  await startWidgets();
} else if (widgetsOnly) {
  // The widgets' rules, unless the page links the app's stylesheet (which has them); the counters
  // show once their rules apply, so they do not move when the stylesheet arrives.
  const styled = appStyles.some(linked) ? null : addStyles([${JSON.stringify(widgetCssFile)}]);
  const [{ start }] = await Promise.all([import(widgetFile), styled]);
  // The counter script loads the latest script for a list the page adds later.
  start(new URL('./', here).href, startWasm, { more: widgetFile === counterFile ? () => import(latestFile) : null });
} else {
  await startApp();
}
// Offline reading (README, "Offline reading"): on the bundled site (the app on a page under this file's
// directory) or on a host page whose mount point opts in with data-offline="true"; data-offline="false"
// turns it off and removes a worker registered before. Registered once the app runs, the page has loaded
// and the browser is idle: the worker's precache never competes with what the reader waits for.
if ('serviceWorker' in navigator) {
  const dir = new URL('./', here);
  const optIn = document.querySelector('[data-news-portal][data-offline="true"]');
  const ownSite = location.origin === dir.origin && location.pathname.startsWith(dir.pathname)
    && document.querySelector('[data-news-portal="app"]');
  const script = new URL(ownSite ? 'sw.js' : 'sw.js?shell=0', here);
  if (document.querySelector('[data-news-portal][data-offline="false"]')) {
    navigator.serviceWorker.getRegistrations().then((all) => all
      .filter((r) => (r.active || r.waiting || r.installing)?.scriptURL.startsWith(new URL('sw.js', here).href))
      .forEach((r) => r.unregister()));
  } else if (ownSite || optIn) {
    const scope = optIn?.getAttribute('data-offline-scope') || undefined;
    if (document.readyState !== 'complete') await new Promise((r) => addEventListener('load', r, { once: true }));
    await new Promise((r) => (window.requestIdleCallback ? requestIdleCallback(r, { timeout: 5000 }) : setTimeout(r, 1000)));
    navigator.serviceWorker.register(script, scope ? { scope } : undefined)
      .catch((e) => console.warn('[news-portal] offline reading unavailable:', e.message));
  }
}
`;
// Minified in release builds as the widget scripts are: every page loads it first (its comments are
// for the readers of this file).
const embedOut = release ? (await (await import('terser')).minify(embed, { module: true, compress: { passes: 2 } })).code : embed;
writeFileSync(join(staging, 'embed.js'), embedOut);
// The scripts are fetched at low priority, the wasm and the feed (preloads, high) are not: module
// scripts never block the first paint, but a high-priority script before it makes Chrome hold
// the stylesheet's bandwidth share and Lighthouse count the script as render-blocking (its
// simulated FCP was 1104 ms with them, 760 ms without; BENCHMARKS.md).
// Without JavaScript (a prerendered page read as it is) a few rules differ: public/nojs.css.
html = html.replace('</head>', `  <noscript><link rel="stylesheet" href="${publicUrl}nojs.css"></noscript>\n</head>`);
// Installable (README, "Offline reading"): the manifest's URLs are relative to it, so it works under any base.
html = html.replace('</head>', `  <link rel="manifest" href="${publicUrl}manifest.webmanifest">\n</head>`);
html = html.replace(loader[0], `<script type="module" src="${publicUrl}embed.js" fetchpriority="low"></script>`);
html = html.replace(/<link rel="modulepreload"(?![^>]*fetchpriority)/g, '<link rel="modulepreload" fetchpriority="low"');
// Trunk also injects a live-reload script under `trunk serve`; it is inline too, and only for
// development, so it is left as is.
writeFileSync(indexPath, html);
console.log(`post-build: loader moved to ${publicUrl}embed.js (styles: ${styles.join(', ')}; widget-only pages: ${counterFile}, ${latestFile}, ${widgetCssFile}, ${widgetsWasm.js})`);

// Every page of the bundled feed as HTML (README, "Prerendered pages"): the site URL of the
// canonical/og tags comes from NP_SITE_URL (operators prerender again with their own --site-url).
const siteUrl = process.env.NP_SITE_URL || 'http://127.0.0.1:8080';
const base = publicUrl.replace(/\/$/, '');
execFileSync(
  'cargo',
  ['run', '--quiet', '--profile', profile, '--bin', 'prerender', '--',
    '--feed', join(staging, 'feed.json'), '--dist', staging, '--site-url', siteUrl, ...(base ? ['--base', base] : [])],
  { stdio: 'inherit' },
);
await buildServiceWorker(staging, { release });
if (release) execFileSync('node', ['scripts/precompress.mjs', staging], { stdio: 'inherit' });
