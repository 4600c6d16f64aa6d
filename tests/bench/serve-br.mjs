// Static server for the benchmarks: serves a built site the way a production static host should, so
// the app and the static-HTML baseline are measured under the same, realistic conditions.
//
//   import { startBenchServer } from './serve-br.mjs';
//   const s = await startBenchServer({ root: '/tmp/bench-root' });   // port 0 = any free port
//   ... s.url ('http://127.0.0.1:PORT/'), s.stats (requests, bytes by encoding) ...
//   await s.close();
//
// CLI: node tests/bench/serve-br.mjs --root dist [--port 8080] [--host 127.0.0.1] [--verbose]
//
// Same routing rules as tests/e2e/server.mjs (whose MIME table it reuses), base '/' only:
// - SPA fallback: a missing path whose last segment has no extension gets shell.html (`fallback` when
//   given, else index.html when there is no shell) with 200; a missing path with an extension is a 404.
//   Paths are decoded, NUL/.. refused, and must stay inside root.
// - Content negotiation: when the client's Accept-Encoding allows br (or gzip) and the file has a
//   precompressed sibling (x.wasm.br / x.wasm.gz, written by scripts/precompress.mjs), that sibling is
//   sent with Content-Encoding; `Vary: Accept-Encoding` always.
// - Cache headers: hashed assets (name-<16 hex>.js/.wasm/.css, and files under snippets/<crate>-<hash>/)
//   `public, max-age=31536000, immutable`; index.html, embed.js, boot.js and every other file
//   `no-cache` (revalidate: ETag + If-None-Match → 304).
import { createServer } from 'node:http';
import { createReadStream, promises as fsp, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileFinder, findFallback, listen, mimeType, send } from '../e2e/server.mjs';
import { opt, flag } from './cli.mjs';

/** Chromium's flags for every benchmark run (as root, on a machine with a closed network). */
export const CHROME_FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** Cache-Control for a path relative to the site root ('/'-separated). */
export function cacheControl(rel) {
  const name = rel.split('/').pop();
  if (/^(index\.html|embed\.js|boot\.js)$/.test(name)) return REVALIDATE;
  if (/-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css)$/.test(name)) return IMMUTABLE;
  if (/^snippets\/[^/]+-[0-9a-f]{12,16}\//.test(rel)) return IMMUTABLE;
  return REVALIDATE;
}

/** Parses Accept-Encoding into the set of codings with q > 0. */
export function acceptedEncodings(header = '') {
  const ok = new Set();
  for (const part of String(header).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    ok.add(name);
  }
  return ok;
}

/** `latencyMs`: every answer waits this long first (a slow network's round trip, seen by the page and its worker alike). */
export async function startBenchServer({ root, port = 0, host = '127.0.0.1', log, latencyMs = 0, fallback } = {}) {
  if (!root) throw new Error('startBenchServer: `root` is required');
  const rootDir = realpathSync(path.resolve(root));
  const findFile = fileFinder(rootDir);
  const stats = { requests: 0, bytes: 0, byEncoding: { br: 0, gzip: 0, identity: 0 }, acceptEncoding: new Set() };

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy(error);
    });
  });

  async function handle(req, res) {
    stats.requests += 1;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    // Errors are not cached; sendFile sets the real Cache-Control of a file.
    res.setHeader('Cache-Control', 'no-store');
    if (req.headers['accept-encoding'] !== undefined) stats.acceptEncoding.add(req.headers['accept-encoding']);
    if (log) res.on('close', () => log(`${res.statusCode} ${req.method} ${req.url} ${res.getHeader('Content-Encoding') ?? ''}`));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'Method Not Allowed\n');
    }
    const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0];
    let relative;
    try {
      relative = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname).replace(/^\/+/, '');
      if (decodeURIComponent(rawPath).split(/[\\/]/).includes('..') || relative.includes('\0')) {
        return send(res, 400, 'Bad Request\n');
      }
    } catch {
      return send(res, 400, 'Bad Request\n');
    }
    let file = await findFile(path.resolve(rootDir, '.' + path.posix.sep + relative));
    if (!file) {
      const last = relative.split('/').filter(Boolean).pop() ?? '';
      if (path.extname(last) !== '') return send(res, 404, 'Not Found\n');
      file = await findFallback(rootDir, findFile, fallback);
      if (!file) return send(res, 404, 'Not Found\n');
    }
    return sendFile(req, res, file);
  }

  async function sibling(file, ext) {
    try {
      const stat = await fsp.stat(file.path + ext);
      return stat.isFile() ? { path: file.path + ext, size: stat.size } : null;
    } catch {
      return null;
    }
  }

  async function sendFile(req, res, file) {
    const rel = path.relative(rootDir, file.path).split(path.sep).join('/');
    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    let body = file;
    let encoding = 'identity';
    for (const [coding, ext] of [['br', '.br'], ['gzip', '.gz']]) {
      const pre = accepted.has(coding) ? await sibling(file, ext) : null;
      if (pre) {
        body = pre;
        encoding = coding;
        break;
      }
    }
    const etag = `"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}-${encoding}"`;
    res.setHeader('Content-Type', mimeType(file.path));
    res.setHeader('Cache-Control', cacheControl(rel));
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('ETag', etag);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      return void res.end();
    }
    res.statusCode = 200;
    if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body.size);
    if (req.method === 'HEAD') return void res.end();
    stats.bytes += body.size;
    stats.byEncoding[encoding] += 1;
    const stream = createReadStream(body.path);
    stream.on('error', (error) => res.destroy(error));
    stream.pipe(res);
  }

  return { ...(await listen(server, port, host)), stats };
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const running = await startBenchServer({
    root: opt('--root', 'dist'),
    port: Number(opt('--port', '8080')),
    host: opt('--host', '127.0.0.1'),
    log: flag('--verbose') ? (line) => console.log(line) : undefined,
  });
  console.log(`Serving ${path.resolve(opt('--root', 'dist'))} at ${running.url} (precompressed br/gzip, cache headers)`);
  const stop = () => running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
