// A minimal W3C WebDriver (classic) client over HTTP, for the Firefox and WebKit journeys
// (tests/engines/journey.mjs). Classic WebDriver is the one protocol both drivers here speak:
// geckodriver (Firefox ESR) and WebKitGTK's WebKitWebDriver (Safari's engine; it has no WebDriver BiDi),
// so one client drives both and a step reads the same in each engine. It needs nothing from npm: Node's
// fetch is the transport.
//
//   const driver = await startDriver('firefox');         // spawns geckodriver on a free loopback port
//   const session = await driver.newSession();
//   await session.get(url);
//   const link = await session.byRole('link', 'Trang chủ');
//   await session.click(link);
//   await session.quit(); await driver.stop();

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** What each engine needs: the driver binary, how to find it, the capabilities of a session. */
export const ENGINES = {
  firefox: {
    name: 'Firefox',
    driver: () => process.env.GECKODRIVER || 'geckodriver',
    // A page load returns at DOMContentLoaded, so a resource held back cannot stall the driver.
    pageLoadStrategy: 'eager',
    args: (port) => [`--port=${port}`, '--host=127.0.0.1', '--log=error'],
    capabilities: () => ({
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: process.env.FIREFOX_BINARY || '/usr/bin/firefox-esr',
        args: ['-headless'],
        prefs: { 'intl.accept_languages': 'vi-VN, vi', 'browser.shell.checkDefaultBrowser': false },
      },
    }),
  },
  webkit: {
    name: 'WebKit',
    // WebKitWebDriver starts WebKitGTK's MiniBrowser (--automation); it needs a display: run under xvfb-run.
    driver: () => process.env.WEBKITWEBDRIVER || 'WebKitWebDriver',
    args: (port) => [`--port=${port}`],
    capabilities: () => ({ browserName: 'MiniBrowser' }),
    // WebKitWebDriver holds every command, scripts too, until the page's load event, even under 'eager':
    // with a resource still loading (the journey holds the wasm back) it never answered. Under 'none' a
    // command runs at once; the journey waits for what it needs by polling.
    pageLoadStrategy: 'none',
  },
};

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** A free loopback TCP port (the driver binds it right after; drivers cannot report a port 0 choice). */
async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Spawns the engine's driver and resolves once it answers /status. */
export async function startDriver(engineId) {
  const engine = ENGINES[engineId];
  if (!engine) throw new Error(`unknown engine ${engineId}; one of ${Object.keys(ENGINES).join(', ')}`);
  const port = await freePort();
  const binary = engine.driver();
  const child = spawn(binary, engine.args(port), { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let spawnError;
  child.once('error', (error) => (spawnError = error));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (spawnError) throw new Error(`${engine.name}: cannot start ${binary}: ${spawnError.message}`);
    if (child.exitCode !== null) throw new Error(`${engine.name}: ${binary} exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${base}/status`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`${engine.name}: ${binary} did not answer on ${base} within 20 s:\n${output}`);
    }
    await sleep(100);
  }
  return {
    engine,
    url: base,
    log: () => output,
    async newSession(extra = {}) {
      const body = { capabilities: { alwaysMatch: { ...engine.capabilities(), ...extra } } };
      const value = await call(base, 'POST', '/session', body, engine.name);
      // The strategy asked for, unless the driver says which one it took.
      const capabilities = { pageLoadStrategy: extra.pageLoadStrategy, ...value.capabilities };
      return new Session(base, value.sessionId, engine.name, capabilities);
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(5_000)]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
}

/** No WebDriver command may take longer than this: a driver that never answers fails the step, naming it. */
const COMMAND_TIMEOUT_MS = 60_000;

async function call(base, method, path, body, engineName) {
  let res;
  try {
    res = await fetch(base + path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(COMMAND_TIMEOUT_MS),
    });
  } catch (error) {
    const what = error.name === 'TimeoutError' ? `no answer within ${COMMAND_TIMEOUT_MS / 1000} s` : error.message;
    throw new Error(`${engineName}: ${method} ${path}${body?.script ? ` (${body.script.slice(0, 60)})` : ''}: ${what}`);
  }
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${engineName}: ${method} ${path}: HTTP ${res.status}, not JSON: ${text.slice(0, 300)}`);
  }
  if (!res.ok || json.value?.error) {
    const v = json.value ?? {};
    const error = new Error(`${engineName}: ${method} ${path}: ${v.error ?? res.status}: ${v.message ?? text.slice(0, 300)}`);
    error.webdriverError = v.error;
    throw error;
  }
  return json.value;
}

/** In-page lookup by ARIA role and accessible name (the few roles the journeys use), visible elements only. */
const BY_ROLE = `
const [role, name, options, scope] = arguments;
const collapse = (s) => String(s ?? '').replace(/[\\u200b\\u00ad]/g, '').replace(/\\s+/g, ' ').trim();
const selectors = {
  link: 'a[href]',
  button: 'button, [role="button"], input[type="submit"], input[type="button"]',
  heading: options.level ? 'h' + options.level : 'h1, h2, h3, h4, h5, h6',
  searchbox: 'input[type="search"], [role="searchbox"]',
  region: 'section[aria-label], section[aria-labelledby], aside[aria-label], aside[aria-labelledby], [role="region"]',
  navigation: 'nav, [role="navigation"]',
  main: 'main, [role="main"]',
  article: 'article, [role="article"]',
};
const textOf = (ids) => ids.split(/\\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
const accessibleName = (el) => {
  if (el.getAttribute('aria-labelledby')) return collapse(textOf(el.getAttribute('aria-labelledby')));
  if (el.getAttribute('aria-label')) return collapse(el.getAttribute('aria-label'));
  if (el.labels && el.labels.length) return collapse(el.labels[0].textContent);
  if (el.matches('input')) return collapse(el.value || el.getAttribute('title'));
  if (/^(section|aside|nav|main|article)$/i.test(el.tagName)) return '';
  return collapse(el.textContent) || collapse(el.getAttribute('title'));
};
const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
const root = scope ?? document;
const all = [...root.querySelectorAll(selectors[role])].filter((el) => visible(el) && !el.closest('[hidden], [aria-hidden="true"], [inert]'));
const found = name == null ? all : all.filter((el) => options.exact === false ? accessibleName(el).includes(name) : accessibleName(el) === name);
return options.all ? found : found[0] ?? null;
`;

export class Session {
  constructor(base, id, engineName, capabilities) {
    this.base = base;
    this.id = id;
    this.engineName = engineName;
    this.capabilities = capabilities;
  }

  cmd(method, suffix, body) {
    return call(this.base, method, `/session/${this.id}${suffix}`, body, this.engineName);
  }

  /** Navigates to `url`; returns once the new document is parsed (DOMContentLoaded), whatever the strategy. */
  async get(url) {
    const before = await this.documentId();
    await this.cmd('POST', '/url', { url });
    await this.parsedSince(before);
  }
  /**
   * Under pageLoadStrategy 'none' (WebKit) navigation commands return at once: wait, as 'eager' does, for
   * a document other than `before` that is past parsing. A document is known by its `performance.timeOrigin`.
   */
  async parsedSince(before) {
    if (this.capabilities.pageLoadStrategy !== 'none') return;
    await until(
      () => this.execute('return { id: performance.timeOrigin, state: document.readyState };'),
      (d) => d.id !== before && d.state !== 'loading',
      `${this.engineName}: a new document parsed`,
      { timeout: 30_000 },
    );
  }
  async documentId() {
    try {
      return await this.execute('return performance.timeOrigin;');
    } catch {
      return null; // no document yet (a new session)
    }
  }
  async url() {
    return new URL(await this.cmd('GET', '/url'));
  }
  /**
   * The browser's Back. WebKitWebDriver (WebKitGTK 2.50) answers POST /back only after a page load, and a
   * same-document entry (the app's pushState routes) never loads one: the command times out although the
   * page went back. There the journey calls `history.back()`, which fires the same `popstate` the Back
   * button does; the caller checks the URL and the page that follow either way.
   */
  back() {
    if (this.engineName === 'WebKit') return this.execute('history.back();');
    return this.cmd('POST', '/back', {});
  }
  async refresh() {
    const before = await this.documentId();
    await this.cmd('POST', '/refresh', {});
    await this.parsedSince(before);
  }
  setWindowRect(rect) {
    return this.cmd('POST', '/window/rect', rect);
  }
  setTimeouts(timeouts) {
    return this.cmd('POST', '/timeouts', timeouts);
  }
  /** Runs `script` (a function body; `arguments` holds args) in the page; elements come back as references. */
  execute(script, ...args) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }
  /** Like execute, for a script that calls `arguments[arguments.length - 1](result)` when done. */
  executeAsync(script, ...args) {
    return this.cmd('POST', '/execute/async', { script, args });
  }
  /** The first visible element with that role and accessible name (exact unless { exact: false }), or null. */
  byRole(role, name, options = {}, scope = null) {
    return this.execute(BY_ROLE, role, name ?? null, options, scope);
  }
  css(selector) {
    return this.execute('return document.querySelector(arguments[0]);', selector);
  }
  click(element) {
    return this.cmd('POST', `/element/${ref(element)}/click`, {});
  }
  clear(element) {
    return this.cmd('POST', `/element/${ref(element)}/clear`, {});
  }
  type(element, text) {
    return this.cmd('POST', `/element/${ref(element)}/value`, { text });
  }
  text(element) {
    return this.cmd('GET', `/element/${ref(element)}/text`);
  }
  screenshot() {
    return this.cmd('GET', '/screenshot');
  }
  quit() {
    return this.cmd('DELETE', '');
  }
}

function ref(element) {
  const id = element?.[ELEMENT];
  if (!id) throw new Error(`not an element reference: ${JSON.stringify(element)}`);
  return id;
}

/**
 * Polls `probe` (async, returns a value) until `accept(value)` holds; throws `message` with the last value
 * after `timeout` ms. Errors thrown by the probe (e.g. a stale element mid-navigation) count as "not yet".
 */
export async function until(probe, accept, message, { timeout = 15_000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastError ? `error: ${lastError.message}` : `last value: ${JSON.stringify(last)}`;
      throw new Error(`${message} (waited ${timeout} ms; ${seen})`);
    }
    await sleep(interval);
  }
}
