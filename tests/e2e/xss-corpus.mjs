// The XSS corpus as a feed, and the in-page checks, shared by the app's (xss.spec.js) and the
// prerendered pages' (prerender.spec.js) runs through it.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './support.mjs';

export const VECTORS = JSON.parse(fs.readFileSync(path.join(repoRoot, 'tests/fixtures/xss-vectors.json'), 'utf8'));
export const PAYLOAD = 'window.__xss=1;alert(1)';
export const JS_URL = `javascript:${PAYLOAD}`;
export const IMG = `<img src=x onerror="${PAYLOAD}">`;
export const SVG = `<svg onload="${PAYLOAD}">`;
export const SCRIPT_ENTITIES = `&lt;script&gt;${PAYLOAD}&lt;/script&gt;`;
/** How long a vector gets to fire after the article heading shows (image errors, autofocus, animations). */
export const SETTLE_MS = 150;

/** Items whose vectors sit in fields other than content_html; `shows` is text the page must show literally. */
export const FIELD_ITEMS = [
  {
    id: 'field-title-img',
    title: IMG,
    summary: SVG,
    content_html: '<p>Tiêu đề là thẻ img.</p>',
    shows: { title: IMG, summary: SVG },
  },
  {
    // Titles are plain text and entities in them are decoded once, for display only.
    id: 'field-title-entities',
    title: SCRIPT_ENTITIES,
    summary: `&lt;img src=x onerror=&quot;${PAYLOAD}&quot;&gt;`,
    content_html: '<p>Tiêu đề có thực thể HTML.</p>',
    shows: { title: `<script>${PAYLOAD}</script>`, summary: IMG },
  },
  {
    id: 'field-authors',
    title: 'XSS field-authors',
    content_html: '<p>Tác giả là mã độc.</p>',
    authors: [
      { name: IMG, url: JS_URL, avatar: JS_URL },
      { name: `</p><script>${PAYLOAD}</script>`, url: 'vbscript:msgbox(1)' },
    ],
    author: { name: SVG, url: JS_URL },
    shows: { author: IMG },
  },
  {
    id: 'field-urls',
    title: 'XSS field-urls',
    url: JS_URL,
    external_url: `  JaVa\tScRiPt:${PAYLOAD}`,
    image: `javascript:${PAYLOAD}`,
    banner_image: `data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="${PAYLOAD}"/>`).toString('base64')}`,
    // With item.url refused, relative links resolve against the feed; they must stay http(s).
    content_html: '<p><a href="relative/page">tương đối</a> <img src="anh.png" alt="ảnh"></p>',
    attachments: [
      { url: JS_URL, mime_type: 'application/pdf', title: 'javascript attachment' },
      { url: `data:text/html,<script>${PAYLOAD}</script>`, mime_type: 'text/html', title: 'data attachment' },
      { url: 'vbscript:msgbox(1)', mime_type: 'application/pdf', title: 'vbscript attachment' },
      { url: 'files/ok.pdf', mime_type: `application/pdf" onclick="${PAYLOAD}`, title: `<script>${PAYLOAD}</script>` },
    ],
    shows: { attachment: `<script>${PAYLOAD}</script>` },
  },
  {
    id: 'field-tags',
    title: 'XSS field-tags',
    content_html: '<p>Thẻ và chuyên mục là mã độc.</p>',
    tags: [IMG, JS_URL, SCRIPT_ENTITIES],
    _portal: { category: SVG },
  },
  {
    // No content_html: the text fields become paragraphs, as text.
    id: 'field-content-text',
    title: 'XSS field-content-text',
    content_text: `${IMG}\n\n<script>${PAYLOAD}</script>`,
    summary: `<iframe src="${JS_URL}"></iframe>`,
    tags: [IMG],
    shows: { body: IMG },
  },
];

/** Feed-level strings the layout shows (footer, document title): vectors too. */
export const FEED_FIELDS = {
  version: 'https://jsonfeed.org/version/1.1',
  title: IMG,
  home_page_url: JS_URL,
  feed_url: JS_URL,
  description: SVG,
  icon: JS_URL,
  favicon: JS_URL,
  authors: [{ name: IMG, url: JS_URL }],
  _portal: {
    site_name: `<script>${PAYLOAD}</script>`,
    contact: {
      agency: IMG,
      address: SVG,
      phone: `<a href="${JS_URL}">0255</a>`,
      email: `"><img src=x onerror=${PAYLOAD}>@x.vn`,
      responsible: SCRIPT_ENTITIES,
      licence: `<iframe srcdoc="<script>${PAYLOAD}</script>">`,
    },
  },
};

export function buildFeed() {
  const items = VECTORS.map((vector) => ({
    id: `https://example.invalid/xss/${vector.id}`,
    title: `XSS ${vector.id}`,
    content_html: vector.html,
    _portal: { slug: `xss-${vector.id}` },
  }));
  for (const { id, shows, _portal, ...fields } of FIELD_ITEMS) {
    items.push({ id: `https://example.invalid/xss/${id}`, ...fields, _portal: { ..._portal, slug: `xss-${id}` } });
  }
  return { ...FEED_FIELDS, items };
}

/**
 * Traps every dialog the page (or any frame in it) could open, before any page script runs: the calls are
 * recorded in window.__dialogs instead of blocking. page.on('dialog') catches any that slip past the trap.
 */
export function trapDialogs(page) {
  const native = [];
  page.on('dialog', async (dialog) => {
    native.push(`${dialog.type()}(${JSON.stringify(dialog.message())}) on ${page.url()}`);
    await dialog.dismiss().catch(() => {});
  });
  return page
    .addInitScript(() => {
      window.__dialogs = [];
      for (const name of ['alert', 'confirm', 'prompt', 'print']) {
        const trap = (...args) => {
          window.__dialogs.push(`${name}(${args.map(String).join(', ')})`);
          return name === 'confirm' ? false : name === 'prompt' ? null : undefined;
        };
        try {
          Object.defineProperty(window, name, { value: trap, writable: false, configurable: false });
        } catch {
          window[name] = trap;
        }
      }
    })
    .then(() => native);
}

/**
 * Runs in the page after an article (or the home page) has rendered. Returns a list of findings; empty means
 * the content stayed inert. `expectedPath` is where the page must still be (no meta refresh, no base trick).
 */
export function inspectPage({ expectedPath, article }) {
  const findings = [];
  const describe = (el) => el.outerHTML.replace(/\s+/g, ' ').slice(0, 160);
  // What the WHATWG URL parser ignores: leading/trailing C0 controls and spaces, tabs and newlines anywhere.
  const cleanUrl = (value) =>
    value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '').toLowerCase();

  if (window.__dialogs?.length) findings.push(`dialog called: ${window.__dialogs.join('; ')}`);
  if (!Array.isArray(window.__dialogs)) findings.push('the dialog trap is gone (window.__dialogs replaced)');
  if (typeof window.__xss !== 'undefined') findings.push(`window.__xss is defined (${String(window.__xss)})`);
  if (location.pathname !== expectedPath) findings.push(`navigated away: ${location.href}`);
  if (document.head.querySelector('base')) findings.push(`<base> in <head>: ${describe(document.head.querySelector('base'))}`);
  for (const el of document.querySelectorAll('base, meta[http-equiv="refresh" i], body meta, body link')) {
    findings.push(`in the document: ${describe(el)}`);
  }
  if (typeof document.getElementById !== 'function') findings.push('document.getElementById is clobbered');
  if (typeof document.querySelector !== 'function') findings.push('document.querySelector is clobbered');
  if (window.frames.length > 0) findings.push(`${window.frames.length} frame(s) in the page`);

  const main = document.querySelector('main');
  if (!main) return [...findings, 'no <main>'];
  const forbidden = [
    'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'portal', 'svg', 'math',
    'form', 'input', 'button:not(.np-button)', 'select', 'textarea', 'base', 'meta', 'style', 'link',
    'template', 'noscript', 'video', 'audio', 'source', 'marquee', 'xmp', 'plaintext', 'listing', 'noembed',
    'noframes', 'dialog', 'canvas', 'details',
  ].join(', ');
  // The app's own controls (font size, share, copy field, image preview, search) are buttons, svg
  // icons, an input and a <dialog>; feed text can never create elements outside the article body, so
  // those are only forbidden inside it (checked below), while the rest are forbidden anywhere in main.
  const appRenders = new Set(['svg', 'input', 'button', 'dialog', 'form']);
  for (const el of main.querySelectorAll(forbidden)) {
    const inBody = el.closest('.np-article__body') !== null;
    if (inBody || !appRenders.has(el.localName)) findings.push(`<${el.localName}> in <main>: ${describe(el)}`);
  }
  for (const el of main.querySelectorAll('.np-article__body :is(svg, input, button, dialog, form)')) {
    findings.push(`<${el.localName}> in the article body: ${describe(el)}`);
  }

  const URL_ATTRIBUTES = new Set([
    'href', 'xlink:href', 'src', 'action', 'formaction', 'srcdoc', 'data', 'poster', 'background', 'cite',
    'dynsrc', 'lowsrc', 'srcset', 'code', 'codebase', 'values', 'to', 'from', 'by',
  ]);
  // Attributes anywhere in <body>: the footer and header show feed text too.
  for (const el of document.body.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) findings.push(`event handler ${attr.name} on ${describe(el)}`);
      if (URL_ATTRIBUTES.has(name) && /^(javascript|vbscript):|^data:text/.test(cleanUrl(attr.value))) {
        findings.push(`script URL in ${attr.name}: ${describe(el)}`);
      }
      if (['srcdoc', 'formaction', 'xlink:href'].includes(name) && main.contains(el)) {
        findings.push(`${attr.name} attribute in <main>: ${describe(el)}`);
      }
    }
  }

  if (article) {
    const body = main.querySelector('article .np-article__body');
    if (!body) return [...findings, 'no <article> with .np-article__body'];
    for (const el of body.querySelectorAll('[id], [name]')) findings.push(`id/name in the article body: ${describe(el)}`);
    for (const el of body.querySelectorAll('[style], [srcset], [class], [target], [ping], [background]')) {
      findings.push(`presentational/loading attribute kept in the body: ${describe(el)}`);
    }
    // Every surviving URL must resolve to http(s); images may also be raster data: URLs.
    for (const el of body.querySelectorAll('[href], [src], [cite]')) {
      for (const name of ['href', 'src', 'cite']) {
        const value = el.getAttribute(name);
        if (value === null) continue;
        let protocol;
        try {
          protocol = new URL(value, document.baseURI).protocol;
        } catch {
          findings.push(`unparsable ${name} in the body: ${describe(el)}`);
          continue;
        }
        const rasterData = /^data:image\/(png|jpe?g|gif|webp|avif)[;,]/i.test(cleanUrl(value));
        const ok = protocol === 'http:' || protocol === 'https:' || (el.localName === 'img' && name === 'src' && rasterData);
        if (!ok) findings.push(`${name} with scheme ${protocol} in the body: ${describe(el)}`);
      }
    }
  }
  return findings;
}

