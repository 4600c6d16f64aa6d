// Size budgets, deterministic: brotli quality 11 and gzip -9 of the files in dist/.
// 1. The first-load app shell: wasm + JS + CSS of the build (not the feed), less the files only
//    widget-only pages load; fails past `shell_brotli_bytes` in size-budget.json.
// 2. The counter-only page (README, "Widget-only pages"): embed.js, the counter script and the widgets'
//    stylesheet, the files embed.js names for it; fails past `counter_page_brotli_bytes`, or when those
//    files plus the bundled feed (a counter in feed mode reads the whole feed; in API mode its data is
//    one stats answer of ≈ 100 bytes) pass `counter_page_target_brotli_bytes` (issue 29: 30 KB).
// 3. The latest-list page (and a page of counters and lists): embed.js, the latest script (the counter
//    script with the list's code) and the widgets' stylesheet; fails past `latest_page_brotli_bytes`,
//    or when those files plus the bundled feed (the list's data in feed mode; in API mode one page of
//    10 items) pass `latest_page_target_brotli_bytes` (issue 29: 40 KB).
// 4. The article-widget page (and any page of widgets the scripts leave to the wasm): embed.js, the widgets'
//    wasm with its glue and the app's stylesheet; fails past `article_page_brotli_bytes`.
// Lower a budget whenever what it measures shrinks.
//   node scripts/size-budget.mjs [DIST] [--json] [--markdown]
// --markdown prints the tables as Markdown (for BENCHMARKS.md); the budget checks run either way.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const args = process.argv.slice(2);
const dist = args.find((a) => !a.startsWith('--')) ?? 'dist';
const markdown = args.includes('--markdown');
const budget = JSON.parse(readFileSync('size-budget.json', 'utf8'));

const walk = (dir) =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const measure = (files) => {
  const rows = files.map((f) => {
    const buf = readFileSync(f);
    return { file: relative(dist, f), raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length, brotli: br(buf) };
  });
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return { rows, total };
};

// What embed.js loads on a page of counters only (scripts/post-build.mjs writes both names into it).
const embed = readFileSync(join(dist, 'embed.js'), 'utf8');
const counterScript = embed.match(/"\.\/(widget-counter-[0-9a-f]{16}\.js)"/)?.[1];
const latestScript = embed.match(/"\.\/(widget-latest-[0-9a-f]{16}\.js)"/)?.[1];
const widgetCss = embed.match(/"(widgets-[0-9a-f]{16}\.css)"/)?.[1];
if (!counterScript || !latestScript || !widgetCss) {
  console.error('size-budget: embed.js names no counter script, latest script or widgets stylesheet (scripts/post-build.mjs)');
  process.exit(1);
}
// The widgets' wasm (src/bin/widgets.rs): its glue, named in embed.js, and its wasm beside it.
const widgetsGlue = embed.match(/"\.\/(portal-widgets-[0-9a-f]{16}\.js)"/)?.[1];
const appCss = embed.match(/"(main-[0-9a-f]+\.css)"/)?.[1];
if (!widgetsGlue || !appCss) {
  console.error('size-budget: embed.js names no widgets\' wasm or app stylesheet (scripts/post-build.mjs)');
  process.exit(1);
}
const widgetsWasm = widgetsGlue.replace(/\.js$/, '_bg.wasm');
const widgetOnly = new Set([counterScript, latestScript, widgetCss, widgetsGlue, widgetsWasm]);

// The files themselves only: the build's precompressed siblings (x.wasm.br, x.js.gz) end in .br/.gz
// and are not counted again.
const isShell = (p) => /\.(wasm|js|css)$/.test(p) && !/\.(br|gz)$/.test(p) && !widgetOnly.has(relative(dist, p));
const shell = measure(walk(dist).filter(isShell).sort());
const counterPage = measure(['embed.js', counterScript, widgetCss].map((f) => join(dist, f)));
const feed = measure([join(dist, 'feed.json')]);
const withFeed = counterPage.total.brotli + feed.total.brotli;
const latestPage = measure(['embed.js', latestScript, widgetCss].map((f) => join(dist, f)));
const latestWithFeed = latestPage.total.brotli + feed.total.brotli;
// 4. The article-widget page: embed.js, the widgets' wasm and its glue, the app's stylesheet (the
//    article's rules), plus the article's data: one item of the portal API, or the feed in feed mode.
const articlePage = measure(['embed.js', widgetsGlue, widgetsWasm, appCss].map((f) => join(dist, f)));

const kb = (n) => (n / 1024).toFixed(1);
const table = (title, { rows, total }, label) => {
  if (markdown) {
    console.log(`${title}\n\n| file | raw KB | gzip -9 KB | brotli 11 KB |\n|---|---:|---:|---:|`);
    for (const r of rows) console.log(`| \`${r.file}\` | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
    console.log(`| **${label}** | **${kb(total.raw)}** | **${kb(total.gzip)}** | **${kb(total.brotli)}** |\n`);
  } else {
    console.log(`${title}\n${'file'.padEnd(58)}${'raw KB'.padStart(8)}${'gzip KB'.padStart(9)}${'br KB'.padStart(8)}`);
    for (const r of rows) console.log(`${r.file.padEnd(58)}${kb(r.raw).padStart(8)} ${kb(r.gzip).padStart(8)}${kb(r.brotli).padStart(8)}`);
    console.log(`${label.padEnd(58)}${kb(total.raw).padStart(8)} ${kb(total.gzip).padStart(8)}${kb(total.brotli).padStart(8)}\n`);
  }
};
table('App shell (pages with an app, latest or article mount point):', shell, 'total shell');
table('Counter-only page (no wasm):', counterPage, 'total counter page');
table('Latest-list page, or counters and latest lists (no wasm):', latestPage, 'total latest page');
table('Article-widget page (the widgets\' wasm, not the app):', articlePage, 'total article page');
console.log(`budget: shell ${kb(budget.shell_brotli_bytes)} KB brotli (target ${kb(budget.target_brotli_bytes)} KB)`);
console.log(
  `budget: counter page ${kb(budget.counter_page_brotli_bytes)} KB brotli; with the bundled feed (feed mode) ` +
    `${kb(withFeed)} KB of at most ${kb(budget.counter_page_target_brotli_bytes)} KB`,
);
console.log(
  `budget: latest page ${kb(budget.latest_page_brotli_bytes)} KB brotli; with the bundled feed (feed mode) ` +
    `${kb(latestWithFeed)} KB of at most ${kb(budget.latest_page_target_brotli_bytes)} KB`,
);
console.log(`budget: article page ${kb(budget.article_page_brotli_bytes)} KB brotli`);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({
    ...shell,
    counterPage: { ...counterPage, feed: feed.total, withFeed },
    latestPage: { ...latestPage, feed: feed.total, withFeed: latestWithFeed },
    articlePage,
  }));
}
const failures = [];
if (shell.total.brotli > budget.shell_brotli_bytes) {
  failures.push(`shell is ${shell.total.brotli} B brotli, budget ${budget.shell_brotli_bytes} B`);
}
if (counterPage.total.brotli > budget.counter_page_brotli_bytes) {
  failures.push(`counter page is ${counterPage.total.brotli} B brotli, budget ${budget.counter_page_brotli_bytes} B`);
}
if (withFeed > budget.counter_page_target_brotli_bytes) {
  failures.push(`counter page with the bundled feed is ${withFeed} B brotli, target ${budget.counter_page_target_brotli_bytes} B`);
}
if (latestPage.total.brotli > budget.latest_page_brotli_bytes) {
  failures.push(`latest page is ${latestPage.total.brotli} B brotli, budget ${budget.latest_page_brotli_bytes} B`);
}
if (latestWithFeed > budget.latest_page_target_brotli_bytes) {
  failures.push(`latest page with the bundled feed is ${latestWithFeed} B brotli, target ${budget.latest_page_target_brotli_bytes} B`);
}
if (articlePage.total.brotli > budget.article_page_brotli_bytes) {
  failures.push(`article page is ${articlePage.total.brotli} B brotli, budget ${budget.article_page_brotli_bytes} B`);
}
for (const f of failures) console.error(`SIZE BUDGET EXCEEDED: ${f}`);
if (failures.length) process.exit(1);
