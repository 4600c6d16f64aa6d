// Trunk post-build hook: writes precompressed siblings next to every text/wasm asset of the build, so a
// static host can serve them as they are (`Content-Encoding: br` / `gzip`) instead of compressing on
// every request:  x.wasm → x.wasm.br (brotli quality 11) + x.wasm.gz (gzip level 9).
// Files: .wasm .js .css .html .json .svg, in every folder of the staging dir.
//
//   Trunk hook (Trunk.toml):  TRUNK_STAGING_DIR is set by Trunk; release builds only.
//   By hand:                  node scripts/precompress.mjs dist
//
// Trunk starts the hooks of one stage all at once (trunk 0.21 spawns them concurrently), and
// scripts/post-build.mjs rewrites index.html and writes the external loader script in that same stage.
// Under Trunk this hook therefore waits until that rewrite is done before it compresses anything;
// everything else is final when post_build starts.
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync, unlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const underTrunk = Boolean(process.env.TRUNK_STAGING_DIR);
const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error('usage: node scripts/precompress.mjs DIR   (or as a Trunk hook, with TRUNK_STAGING_DIR set)');
  process.exit(2);
}

const COMPRESSIBLE = /\.(wasm|js|css|html|json|svg)$/;
const walk = (d) =>
  readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Done when index.html is complete, no longer holds Trunk's inline module loader (the script
// post-build.mjs replaces), and every same-origin <script src> it names exists in the staging dir.
function postBuildDone() {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const html = readFileSync(index, 'utf8');
  if (!html.trimEnd().endsWith('</html>')) return false;
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  const inlineLoader = scripts.some((m) => /type=["']?module/.test(m[1]) && !/\ssrc=/.test(m[1]) && /\binit\b/.test(m[2]));
  if (inlineLoader) return false;
  const local = scripts
    .map((m) => m[1].match(/\ssrc=["']([^"']+)["']/)?.[1])
    .filter((src) => src && !/^[a-z]+:|^\/\//i.test(src));
  return local.length > 0 && local.every((src) => existsSync(join(dir, src.split('/').pop())));
}
async function waitForPostBuild(timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!postBuildDone()) {
    if (Date.now() > deadline) {
      throw new Error('precompress.mjs: scripts/post-build.mjs did not finish (Trunk loader still inline in index.html)');
    }
    await sleep(50);
  }
}

// `trunk serve` / `trunk build` without --release: a debug wasm is several MB and brotli 11 would slow
// every rebuild by seconds for files no server will send precompressed.
if (underTrunk && process.env.TRUNK_PROFILE !== 'release') {
  console.log('precompress: skipped (not a release build)');
  process.exit(0);
}
if (underTrunk) await waitForPostBuild();

const brotli = (buf) =>
  brotliCompressSync(buf, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_GENERIC,
    },
  });

let count = 0;
let raw = 0;
let br = 0;
for (const file of walk(dir).sort()) {
  if (!COMPRESSIBLE.test(file)) {
    // A stale sibling of a file that no longer exists must not be served.
    const m = file.match(/^(.*)\.(br|gz)$/);
    if (m && COMPRESSIBLE.test(m[1]) && !existsSync(m[1])) unlinkSync(file);
    continue;
  }
  const buf = readFileSync(file);
  const b = brotli(buf);
  writeFileSync(`${file}.br`, b);
  writeFileSync(`${file}.gz`, gzipSync(buf, { level: 9 }));
  count += 1;
  raw += buf.length;
  br += b.length;
}
console.log(
  `precompress: ${count} files in ${relative(process.cwd(), dir) || '.'} → .br (q11) + .gz (-9); ` +
    `${(raw / 1024).toFixed(1)} KB raw → ${(br / 1024).toFixed(1)} KB brotli`,
);
