// The static-HTML baseline of the benchmark: the same article as a plain HTML page, the physical limit the
// app is measured against. Generated from the feed (same text), with the header and skip link of the
// built index.html, the built stylesheet (the same hashed CSS file from dist), the app's class names, and
// no JavaScript at all.
//
//   node tests/bench/static-baseline.mjs --dist DIR [--feed public/feed.json]
//        [--slug hoi-nghi-truc-bao-cong-tac-dan-van-quy-i-nam-2022] [--out DIR/bench-static/SLUG.html]
//
// Writes OUT plus OUT.br (brotli 11) and OUT.gz (gzip -9), like scripts/precompress.mjs does for the build.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { opt } from './cli.mjs';

export const SEED_SLUG = 'hoi-nghi-truc-bao-cong-tac-dan-van-quy-i-nam-2022';
const SITE = 'Ủy ban nhân dân huyện Minh Long';
const OFFSET_MINUTES = 7 * 60; // the app's default: Vietnam, UTC+7

const esc = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const pad = (n, w = 2) => String(n).padStart(w, '0');
const groupThousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

function formatDate(iso) {
  const t = new Date(Date.parse(iso) + OFFSET_MINUTES * 60_000);
  return `${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
}
const isoUtc = (iso) => new Date(Date.parse(iso)).toISOString().replace(/\.\d{3}Z$/, 'Z');

function humanSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  const tenths = Math.round(v * 10);
  const int = groupThousands(Math.floor(tenths / 10));
  return tenths % 10 === 0 ? `${int} ${units[u]}` : `${int},${tenths % 10} ${units[u]}`;
}

const KIND = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'application/msword': 'DOC',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
};
const kindLabel = (a) => KIND[a.mime_type] ?? (a.url.split('.').pop() ?? 'FILE').toUpperCase();

/** The page's HTML. `indexHtml` is the built index.html (for its stylesheet link and header). */
export function staticArticleHtml({ feed, slug = SEED_SLUG, indexHtml }) {
  const item = feed.items.find((i) => i._portal?.slug === slug);
  if (!item) throw new Error(`static-baseline: no item with _portal.slug ${slug}`);
  const styles = [...indexHtml.matchAll(/<link\b[^>]*\srel=["']?stylesheet[^>]*>/g)].map((m) => m[0]);
  if (styles.length === 0) throw new Error('static-baseline: no stylesheet <link> in the built index.html');
  const head = indexHtml.match(/<head>([\s\S]*?)<\/head>/)[1];
  const keep = (re) => head.match(re)?.[0] ?? '';
  const bodyStart = indexHtml.match(/<body\b[^>]*>([\s\S]*?)<div\b[^>]*data-news-portal/);
  if (!bodyStart) throw new Error('static-baseline: cannot find the header before the mount point in index.html');
  const header = bodyStart[1].trim(); // skip link + site header, exactly as the app's shell has them
  const bodyTag = indexHtml.match(/<body\b[^>]*>/)[0];

  const site = feed._portal ?? {};
  const contact = site.contact ?? {};
  const stats = site.stats ?? {};
  const views = item._portal?.views;
  const authors = (item.authors ?? []).map((a) => a.name).filter(Boolean).join(', ');
  const attachments = (item.attachments ?? []).map((a) => {
    const kind = kindLabel(a);
    const meta = [kind, ...(a.size_in_bytes != null ? [humanSize(a.size_in_bytes)] : [])].join(', ');
    const href = new URL(a.url, 'http://x/').pathname; // relative to the feed, which sits at the root
    return `<li class="np-attachments__item"><span class="np-attachments__icon np-attachments__icon--${kind.toLowerCase()}" aria-hidden="true">${esc(kind)}</span><a class="np-attachments__link" href="${esc(href)}" type="${esc(a.mime_type)}">${esc(a.title ?? href.split('/').pop())} <span class="np-attachments__meta">(${esc(meta)})</span></a></li>`;
  });
  const body = item.content_html ?? (item.content_text ?? '').split('\n\n').map((p) => `<p>${esc(p.trim())}</p>`).join('\n');
  const line = (label, v) => (v ? `<p class="np-footer__line">${esc(label)}: ${esc(v)}</p>` : '');

  return `<!doctype html>
<html lang="vi">
<head>
  ${keep(/<meta charset[^>]*>/)}
  ${keep(/<meta name="viewport"[^>]*>/)}
  <title>${esc(item.title)} | ${esc(SITE)}</title>
  ${keep(/<meta name="description"[^>]*>/)}
  ${keep(/<meta name="theme-color"[^>]*>/)}
  ${keep(/<link rel="icon"[^>]*>/)}
  ${styles.join('\n  ')}
</head>
${bodyTag}
  ${header}
  <div data-news-portal="static">
    <div class="np-app">
      <div class="np-layout">
        <main id="noi-dung" class="np-main" tabindex="-1">
          <article class="np-article">
            <h1 class="np-page-heading" tabindex="-1">${esc(item.title)}</h1>
            <p class="np-article__meta"><time class="np-article__date" datetime="${isoUtc(item.date_published)}">${formatDate(item.date_published)}</time>${
              views != null
                ? ` <span class="np-article__views"><span class="np-visually-hidden">Lượt xem: </span>${groupThousands(views)}</span>`
                : ''
            }</p>
            <div class="np-article__body">${body}</div>
            ${authors ? `<p class="np-article__author">${esc(authors)}</p>` : ''}
            ${
              attachments.length
                ? `<section class="np-attachments" aria-label="Tài liệu đính kèm"><h2 class="np-attachments__title">Tài liệu đính kèm</h2><ul class="np-attachments__list">${attachments.join('')}</ul></section>`
                : ''
            }
          </article>
        </main>
        <aside class="np-sidebar" aria-label="Thông tin bên lề">
          <section class="np-counter" aria-label="Thống kê truy cập">
            <h2 class="np-counter__title">Thống kê truy cập</h2>
            <ul class="np-counter__list">
              <li class="np-counter__row">Số lượt truy cập: <strong class="np-counter__value">${groupThousands(stats.visits ?? 0)}</strong></li>
              <li class="np-counter__row">Tổng số lượt xem: <strong class="np-counter__value">${groupThousands(stats.page_views ?? 0)}</strong></li>
            </ul>
          </section>
        </aside>
      </div>
      <footer class="np-footer">
        <p class="np-footer__agency">${esc(contact.agency ?? SITE)}</p>
        ${line('Địa chỉ', contact.address)}
        ${line('Điện thoại', contact.phone)}
        ${contact.email ? `<p class="np-footer__line">Email: <a href="mailto:${esc(contact.email)}">${esc(contact.email)}</a></p>` : ''}
        ${line('Chịu trách nhiệm chính', contact.responsible)}
        ${contact.licence ? `<p class="np-footer__line">${esc(contact.licence)}</p>` : ''}
      </footer>
    </div>
  </div>
</body>
</html>
`;
}

export function writeStaticBaseline({ dist, feedPath = 'public/feed.json', slug = SEED_SLUG, out }) {
  const feed = JSON.parse(readFileSync(feedPath, 'utf8'));
  const indexHtml = readFileSync(join(dist, 'index.html'), 'utf8');
  const html = staticArticleHtml({ feed, slug, indexHtml });
  const target = out ?? join(dist, 'bench-static', `${slug}.html`);
  mkdirSync(dirname(target), { recursive: true });
  const buf = Buffer.from(html);
  writeFileSync(target, buf);
  writeFileSync(`${target}.br`, brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${target}.gz`, gzipSync(buf, { level: 9 }));
  return target;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = opt('--dist', 'dist');
  const out = writeStaticBaseline({ dist, feedPath: opt('--feed', 'public/feed.json'), slug: opt('--slug', SEED_SLUG), out: opt('--out') });
  console.log(`static baseline: ${out}`);
}
