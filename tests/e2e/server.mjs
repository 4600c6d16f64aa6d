// Dependency-free static server for the browser tests: serves a built site (dist/) the way a static host
// would, with an SPA fallback so deep links such as /tin-tuc/<slug> load the app's shell.
//
//   import { startServer } from './server.mjs';
//   const server = await startServer({ root: 'dist' });           // port 0 = any free port
//   await page.goto(new URL('tin-tuc/abc', server.url).href);     // server.url ends with the base, e.g. http://127.0.0.1:41234/
//   await server.close();
//
// CLI: node tests/e2e/server.mjs --root dist --port 8080 [--base /tin-huyen/] [--host 127.0.0.1]
//                                [--header 'Content-Security-Policy: default-src self'] [--verbose]
//
// Rules:
// - Files are served from `root` under the URL prefix `base` ('/' or e.g. '/tin-huyen/'). A request for the
//   base without its trailing slash (/tin-huyen) is redirected to /tin-huyen/; anything outside base is 404.
// - SPA fallback: a GET/HEAD under base that matches no file and whose last segment has no extension gets
//   root/shell.html (the app's shell the prerender keeps; README, "Server configuration") with 200, or
//   root/index.html when there is no shell.html or `fallback: 'index.html'` is given. A missing path WITH
//   an extension (/nope.json) is a plain-text 404.
// - `routes` maps exact URL pathnames (as requested, base included, no query string) to handlers
//   `(req, res) => void`; they are checked before static files and may handle any method.
// - `headers` are set on every response, routes and errors included (e.g. a Content-Security-Policy).
// - Paths are decoded, NUL bytes rejected, and the resolved file must stay inside root (symlinks included),
//   so `/../../etc/passwd` or `/%2e%2e/%2e%2e/etc/passwd` cannot escape.
// - Responses carry `Cache-Control: no-store` so one test's copy of a file never leaks into the next.
// - Logs nothing unless `log` is given (the CLI logs its address, and each request with --verbose).

import { createServer } from 'node:http';
import { createReadStream, promises as fsp, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export function mimeType(filePath) {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** '/', 'tin-huyen', '/tin-huyen', '/tin-huyen/' → '/' or '/tin-huyen/'. */
export function normalizeBase(base = '/') {
  const trimmed = String(base).replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/**
 * Starts the server. Resolves to { url, origin, base, port, server, close() } once listening.
 * @param {object} options
 * @param {string} options.root directory to serve (must contain shell.html or index.html for the SPA fallback)
 * @param {string} [options.fallback] the fallback file, relative to root (default: shell.html, else index.html)
 * @param {number} [options.port=0] 0 picks a free port
 * @param {string} [options.host='127.0.0.1']
 * @param {string} [options.base='/'] URL prefix the site lives under
 * @param {Record<string,string>} [options.headers] added to every response
 * @param {Record<string,(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => unknown>} [options.routes]
 * @param {(line: string) => void} [options.log] request logger; silent when absent
 */
export async function startServer({
  root,
  port = 0,
  host = '127.0.0.1',
  base = '/',
  headers = {},
  routes = {},
  fallback,
  log,
} = {}) {
  if (!root) throw new Error('startServer: `root` is required');
  const rootDir = realpathSync(path.resolve(root));
  const prefix = normalizeBase(base);
  const findFile = fileFinder(rootDir);

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy(error);
    });
  });

  async function handle(req, res) {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader('Cache-Control', 'no-store');
    // 'close', not 'finish': a client that hangs up once it has Content-Length bytes skips 'finish'.
    if (log) res.on('close', () => log(`${res.statusCode} ${req.method} ${req.url}`));

    let pathname;
    try {
      // Only the path is used; the host part is a placeholder so relative and odd request targets parse.
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return send(res, 400, 'Bad Request\n');
    }
    // `new URL` resolves dot segments; keep the raw target too so a traversal attempt is refused, not rewritten.
    const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0];

    const route = routes[pathname];
    if (typeof route === 'function') return void (await route(req, res));

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'Method Not Allowed\n');
    }

    if (prefix !== '/' && pathname === prefix.slice(0, -1)) {
      const query = (req.url ?? '').slice(rawPath.length);
      res.setHeader('Location', prefix + query);
      return send(res, 301, `Moved to ${prefix}\n`);
    }
    if (!pathname.startsWith(prefix)) return send(res, 404, 'Not Found\n');

    let relative;
    try {
      relative = decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      return send(res, 400, 'Bad Request\n');
    }
    let rawRelative = '';
    try {
      rawRelative = decodeURIComponent(rawPath);
    } catch {
      return send(res, 400, 'Bad Request\n');
    }
    if (relative.includes('\0') || rawRelative.split(/[\\/]/).includes('..')) {
      return send(res, 400, 'Bad Request\n');
    }

    const candidate = path.resolve(rootDir, '.' + path.posix.sep + relative);
    if (!isInside(rootDir, candidate)) return send(res, 404, 'Not Found\n');

    const file = await findFile(candidate);
    if (file) return sendFile(req, res, file);

    const lastSegment = relative.split('/').filter(Boolean).pop() ?? '';
    if (path.extname(lastSegment) === '') {
      const index = await findFallback(rootDir, findFile, fallback);
      if (index) return sendFile(req, res, index);
    }
    return send(res, 404, 'Not Found\n');
  }

  return { ...(await listen(server, port, host, prefix)), base: prefix };
}

/** The SPA fallback: `fallback` when given, else the prerender's shell.html, else index.html.
 * Shared with tests/bench/serve-br.mjs. */
export async function findFallback(rootDir, findFile, fallback) {
  for (const name of fallback ? [fallback] : ['shell.html', 'index.html']) {
    const file = await findFile(path.join(rootDir, name));
    if (file) return file;
  }
  return null;
}

/** A lookup of regular files inside `rootDir` (a directory stands for its index.html): resolves to
 * { path, size, mtimeMs } or null; symlinks may not lead outside. Shared with tests/bench/serve-br.mjs. */
export function fileFinder(rootDir) {
  return async (candidate) => {
    try {
      let real = await fsp.realpath(candidate);
      if (!isInside(rootDir, real)) return null;
      let stat = await fsp.stat(real);
      if (stat.isDirectory()) {
        real = await fsp.realpath(path.join(real, 'index.html'));
        if (!isInside(rootDir, real)) return null;
        stat = await fsp.stat(real);
      }
      return stat.isFile() ? { path: real, size: stat.size, mtimeMs: stat.mtimeMs } : null;
    } catch {
      return null;
    }
  };
}

/** Listens, then resolves to the handle both servers return: { url, origin, port, server, close() }. */
export async function listen(server, port, host, prefix = '/') {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${urlHost}:${address.port}`;
  let closing;
  return {
    url: origin + prefix,
    origin,
    port: address.port,
    server,
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
      return closing;
    },
  };
}

export function isInside(rootDir, target) {
  const rel = path.relative(rootDir, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function send(res, status, body) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(res.req?.method === 'HEAD' ? undefined : body);
}

function sendFile(req, res, file) {
  res.statusCode = 200;
  res.setHeader('Content-Type', mimeType(file.path));
  res.setHeader('Content-Length', file.size);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (req.method === 'HEAD') return void res.end();
  const stream = createReadStream(file.path);
  stream.on('error', (error) => res.destroy(error));
  stream.pipe(res);
}

function parseCliArgs(argv) {
  const options = { root: 'dist', port: 8080, base: '/', host: '127.0.0.1', headers: {}, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    switch (flag) {
      case '--root': options.root = value(); break;
      case '--port': options.port = Number(value()); break;
      case '--base': options.base = value(); break;
      case '--host': options.host = value(); break;
      case '--header': {
        const header = value();
        const colon = header.indexOf(':');
        if (colon < 1) throw new Error(`--header expects "Name: value", got ${JSON.stringify(header)}`);
        options.headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
        break;
      }
      case '--verbose': options.verbose = true; break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      default:
        throw new Error(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error(`--port must be an integer 0..65535`);
  }
  return options;
}

const USAGE = `usage: node tests/e2e/server.mjs [--root dist] [--port 8080] [--base /] [--host 127.0.0.1]
                                [--header 'Name: value']... [--verbose]`;

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`server.mjs: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    process.exit(0);
  }
  try {
    const running = await startServer({
      ...options,
      log: options.verbose ? (line) => console.log(line) : undefined,
    });
    console.log(`Serving ${path.resolve(options.root)} at ${running.url}`);
    const stop = () => running.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(`server.mjs: ${error.message}`);
    process.exit(1);
  }
}
