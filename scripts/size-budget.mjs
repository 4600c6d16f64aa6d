// Size budget of the first-load app shell (wasm + JS + CSS that index.html loads; not the feed).
// Deterministic: brotli quality 11 and gzip -9 of the files in dist/. Fails when the shell grows
// past the budget in size-budget.json; lower the budget whenever the shell shrinks.
//   node scripts/size-budget.mjs [DIST] [--json] [--markdown]
// --markdown prints the table as Markdown (for BENCHMARKS.md); the budget check runs either way.
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
// The files themselves only: the build's precompressed siblings (x.wasm.br, x.js.gz) end in .br/.gz
// and are not counted again.
const isShell = (p) => /\.(wasm|js|css)$/.test(p) && !/\.(br|gz)$/.test(p);
const files = walk(dist).filter(isShell).sort();

const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const rows = files.map((f) => {
  const buf = readFileSync(f);
  return { file: relative(dist, f), raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length, brotli: br(buf) };
});
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const kb = (n) => (n / 1024).toFixed(1).padStart(8);
if (markdown) {
  const k = (n) => (n / 1024).toFixed(1);
  console.log('| file | raw KB | gzip -9 KB | brotli 11 KB |\n|---|---:|---:|---:|');
  for (const r of rows) console.log(`| \`${r.file}\` | ${k(r.raw)} | ${k(r.gzip)} | ${k(r.brotli)} |`);
  console.log(`| **total shell** | **${k(total.raw)}** | **${k(total.gzip)}** | **${k(total.brotli)}** |`);
} else {
  console.log(`${'file'.padEnd(58)}${'raw KB'.padStart(8)}${'gzip KB'.padStart(9)}${'br KB'.padStart(8)}`);
  for (const r of rows) console.log(`${r.file.padEnd(58)}${kb(r.raw)} ${kb(r.gzip)}${kb(r.brotli)}`);
  console.log(`${'TOTAL shell'.padEnd(58)}${kb(total.raw)} ${kb(total.gzip)}${kb(total.brotli)}`);
}
console.log(`budget: ${(budget.shell_brotli_bytes / 1024).toFixed(1)} KB brotli (target ${(budget.target_brotli_bytes / 1024).toFixed(0)} KB)`);
if (process.argv.includes('--json')) console.log(JSON.stringify({ rows, total }));
if (total.brotli > budget.shell_brotli_bytes) {
  console.error(`SIZE BUDGET EXCEEDED: shell is ${total.brotli} B brotli, budget ${budget.shell_brotli_bytes} B`);
  process.exit(1);
}
