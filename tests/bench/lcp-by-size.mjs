// How the simulated LCP of an article the app renders alone (not prerendered: the server answers with
// shell.html, as the README's configuration does) depends on the wasm's size: Lighthouse loads the page once
// (`-G`, saving its artifacts), then its audits run again on copies of those artifacts in which
// only the wasm response's transfer size differs (`-A`). Same page, same trace, same CPU work: the
// figures isolate what the wasm's bytes cost under Lighthouse's simulated mobile network.
//
//   node tests/bench/lcp-by-size.mjs --dist DIST [--sizes 230,210,200,180,175,150,125,100] [--json out.json]
//
// Sizes are brotli KB on the wire; the build's own wasm size is always included.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CHROME_FLAGS, startBenchServer } from './serve-br.mjs';
import { SEED_SLUG } from './static-baseline.mjs';
import { opt } from './cli.mjs';

const run = promisify(execFile);
const dist = opt('--dist', 'dist');
const sizes = opt('--sizes', '230,210,200,180,175,150,125,100').split(',').map(Number).filter((n) => n > 0);
const jsonOut = opt('--json');
const LIGHTHOUSE = resolve('node_modules/.bin/lighthouse');
const env = { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' };
const work = mkdtempSync(join(tmpdir(), 'lcp-by-size-'));
const LOG = 'defaultPass.devtoolslog.json';

// A prerendered page's LCP does not wait for the wasm: the article's page is removed from a copy.
const site = join(work, 'spa');
cpSync(resolve(dist), site, { recursive: true });
rmSync(join(site, 'tin-tuc', SEED_SLUG), { recursive: true, force: true });
const server = await startBenchServer({ root: site });
const gathered = join(work, 'gathered');
try {
  await run(
    LIGHTHOUSE,
    [`${server.url}tin-tuc/${SEED_SLUG}`, `-G=${gathered}`, '--only-categories=performance', '--quiet', `--chrome-flags=${CHROME_FLAGS.join(' ')}`],
    { env, timeout: 240_000, maxBuffer: 64 << 20 },
  );
} finally {
  await server.close?.();
}

const log = JSON.parse(readFileSync(join(gathered, LOG), 'utf8'));
const wasmId = log.find((e) => e.method === 'Network.requestWillBeSent' && e.params.request.url.endsWith('.wasm'))?.params.requestId;
if (!wasmId) throw new Error('lcp-by-size: no wasm request in the devtools log');
const finished = log.find((e) => e.method === 'Network.loadingFinished' && e.params.requestId === wasmId);
const actualKb = finished.params.encodedDataLength / 1024;

/** The audits on the gathered artifacts with the wasm's transfer size set to `kb`. */
async function replay(kb) {
  const dir = join(work, `kb-${kb}`);
  cpSync(gathered, dir, { recursive: true });
  const edited = log.map((e) => {
    if (e.params?.requestId !== wasmId) return e;
    const params = structuredClone(e.params);
    if (e.method === 'Network.loadingFinished') params.encodedDataLength = Math.round(kb * 1024);
    // The body's bytes are counted at loadingFinished only.
    if (e.method === 'Network.dataReceived') params.encodedDataLength = 0;
    return { ...e, params };
  });
  writeFileSync(join(dir, LOG), JSON.stringify(edited));
  const { stdout } = await run(LIGHTHOUSE, [`-A=${dir}`, '--output=json', '--quiet', '--only-categories=performance'], {
    env,
    timeout: 240_000,
    maxBuffer: 64 << 20,
  });
  const r = JSON.parse(stdout);
  const ms = (id) => Math.round(r.audits[id].numericValue);
  return { kb: Math.round(kb * 10) / 10, lcp: ms('largest-contentful-paint'), fcp: ms('first-contentful-paint'), tbt: ms('total-blocking-time'), score: Math.round(r.categories.performance.score * 100) };
}

const rows = [];
for (const kb of [actualKb, ...sizes.filter((s) => Math.abs(s - actualKb) > 0.5)].sort((a, b) => b - a)) {
  const row = await replay(kb);
  row.actual = kb === actualKb;
  rows.push(row);
  console.log(`  wasm ${row.kb.toFixed(1).padStart(6)} KB${row.actual ? ' (this build)' : '             '}  LCP ${row.lcp} ms  FCP ${row.fcp} ms  TBT ${row.tbt} ms  perf ${row.score}`);
}
rmSync(work, { recursive: true, force: true });
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ rows }, null, 2));
process.exit(0);
