// A large, realistic JSON Feed 1.1 for the scale benchmark: N items (default 10,000, ≈ 15 MB) of
// Vietnamese-like news in the bundled feed's shape (title, summary, content_html, dates newest first,
// authors, tags, the `_portal` extension, some attachments). Deterministic: the same N and seed give
// the same bytes, so runs on different machines or days measure the same input.
//
//   node tests/bench/gen-big-feed.mjs [--items 10000] [--seed 8] [--out feed-10k.json]
//   import { bigFeed } from './gen-big-feed.mjs';   // → the feed object
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { opt } from './cli.mjs';

/** mulberry32: small, fast, deterministic PRNG. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES = ['Kinh tế – Xã hội', 'Dân vận', 'Chỉ đạo điều hành', 'Quốc phòng – An ninh', 'Văn hóa – Xã hội', 'Nông thôn mới'];
const COMMUNES = ['Long Hiệp', 'Long Sơn', 'Long Mai', 'Thanh An', 'Long Môn'];
const SUBJECTS = [
  'Ủy ban nhân dân huyện', 'Thường trực Huyện ủy', 'Ủy ban MTTQ Việt Nam huyện', 'Phòng Nông nghiệp và PTNT',
  'Công an huyện', 'Ban Chỉ huy Quân sự huyện', 'Huyện đoàn Minh Long', 'Hội Liên hiệp Phụ nữ huyện',
  'Phòng Giáo dục và Đào tạo', 'Trung tâm Y tế huyện', 'Hội Nông dân huyện', 'Phòng Văn hóa và Thông tin',
];
const ACTIONS = [
  'tổ chức hội nghị tổng kết', 'triển khai kế hoạch', 'kiểm tra tiến độ', 'sơ kết công tác', 'phát động phong trào',
  'ra quân thực hiện', 'tập huấn nghiệp vụ về', 'trao quà hỗ trợ', 'khánh thành công trình', 'giao ban định kỳ về',
];
const TOPICS = [
  'xây dựng nông thôn mới', 'phòng, chống thiên tai', 'cải cách hành chính', 'chuyển đổi số', 'giảm nghèo bền vững',
  'trồng rừng sản xuất', 'phát triển cây keo lai', 'tiêm chủng mở rộng', 'tuyển chọn và gọi công dân nhập ngũ',
  'bảo đảm an ninh trật tự', 'phổ cập giáo dục', 'bảo tồn văn hóa dân tộc Hrê', 'an toàn giao thông',
  'phòng cháy chữa cháy rừng', 'chăm lo gia đình chính sách', 'công tác dân vận khéo',
];
const WORDS = (
  'công tác triển khai kế hoạch nhiệm vụ năm quý tháng đồng chí cán bộ đảng viên nhân dân đồng bào dân tộc thiểu số ' +
  'huyện xã thôn địa bàn chính quyền các cấp mặt trận đoàn thể hội viên phong trào thi đua yêu nước kết quả ' +
  'đạt được tồn tại hạn chế nguyên nhân giải pháp khắc phục thời gian tới tập trung lãnh đạo chỉ đạo thực hiện ' +
  'hiệu quả chất lượng nâng cao đời sống vật chất tinh thần sản xuất nông nghiệp lúa nước cây keo rừng trồng ' +
  'chăn nuôi gia súc hộ nghèo cận nghèo chính sách hỗ trợ vốn vay ngân hàng xây dựng đường giao thông kênh mương ' +
  'trường học trạm y tế nhà văn hóa an ninh trật tự an toàn xã hội phòng chống dịch bệnh thiên tai bão lũ sạt lở ' +
  'đất đai quy hoạch sử dụng đầu tư công ngân sách giải ngân tiến độ công trình dự án trọng điểm tuyên truyền vận động ' +
  'người dân tham gia đóng góp ngày công hiến đất mở rộng bảo đảm kịp thời đúng quy định theo hướng dẫn của tỉnh'
).split(' ');

const pick = (r, list) => list[Math.floor(r() * list.length)];
const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));

function sentence(r, min = 12, max = 24) {
  const n = int(r, min, max);
  const words = [];
  for (let i = 0; i < n; i++) words.push(pick(r, WORDS));
  if (r() < 0.5) words.splice(int(r, 1, n - 1), 0, `xã ${pick(r, COMMUNES)}`);
  const s = words.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}
const paragraph = (r) => Array.from({ length: int(r, 2, 3) }, () => sentence(r)).join(' ');

const slugify = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const pad = (n) => String(n).padStart(2, '0');

/** The feed object: `items` newest first, one item every ~2 h 30 min back from 2024-12-31 17:00 (UTC+7). */
export function bigFeed({ items = 10_000, seed = 8 } = {}) {
  const r = rng(seed);
  const start = Date.UTC(2024, 11, 31, 10, 0, 0); // 17:00 in Vietnam
  const out = [];
  for (let i = 0; i < items; i++) {
    const subject = pick(r, SUBJECTS);
    const topic = pick(r, TOPICS);
    const year = 2024 - Math.floor((i * 2.5) / (24 * 365));
    const title = `${subject} ${pick(r, ACTIONS)} ${topic} ${r() < 0.5 ? `tại xã ${pick(r, COMMUNES)}` : `năm ${year}`}`;
    const slug = `${slugify(title)}-${i + 1}`;
    const when = new Date(start - i * 9_000_000 - int(r, 0, 3_600_000) + 7 * 3_600_000);
    const iso = `${when.getUTCFullYear()}-${pad(when.getUTCMonth() + 1)}-${pad(when.getUTCDate())}T${pad(when.getUTCHours())}:${pad(when.getUTCMinutes())}:00+07:00`;
    const category = pick(r, CATEGORIES);
    const paragraphs = Array.from({ length: int(r, 2, 3) }, () => `<p>${paragraph(r)}</p>`).join('\n');
    const item = {
      id: `https://minhlong.quangngai.gov.vn/tin-tuc/${slug}`,
      url: `https://minhlong.quangngai.gov.vn/tin-tuc/${slug}`,
      title,
      content_html: paragraphs,
      summary: sentence(r, 18, 30),
      date_published: iso,
      authors: [{ name: `${pick(r, ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Đinh'])} ${pick(r, ['Văn', 'Thị', 'Công', 'Thanh'])} ${pick(r, ['Tâm', 'Bình', 'Hoan', 'Lan', 'Hùng', 'Mai', 'Sơn'])}` }],
      tags: [category, pick(r, TOPICS)],
      _portal: { slug, views: int(r, 0, 25_000), category },
    };
    if (r() < 0.15) {
      item.attachments = [
        {
          url: `files/${slug.slice(0, 40)}.pdf`,
          mime_type: 'application/pdf',
          title: `Kế hoạch ${topic}.pdf`,
          size_in_bytes: int(r, 20_000, 2_000_000),
        },
      ];
    }
    out.push(item);
  }
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Tin tức – Ủy ban nhân dân huyện Minh Long (10.000 tin, dữ liệu thử tải)',
    home_page_url: 'https://minhlong.quangngai.gov.vn/',
    feed_url: 'https://minhlong.quangngai.gov.vn/feed.json',
    language: 'vi',
    _portal: {
      site_name: 'ỦY BAN NHÂN DÂN HUYỆN MINH LONG',
      stats: { visits: 1790, page_views: 13832759 },
      contact: { agency: 'Ủy ban nhân dân huyện Minh Long', address: 'Xã Long Hiệp, huyện Minh Long, tỉnh Quảng Ngãi' },
    },
    items: out,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const feed = bigFeed({ items: Number(opt('--items', '10000')), seed: Number(opt('--seed', '8')) });
  const json = JSON.stringify(feed);
  const out = opt('--out', 'feed-10k.json');
  writeFileSync(out, json);
  console.log(`${out}: ${feed.items.length} items, ${(Buffer.byteLength(json) / 1048576).toFixed(1)} MB`);
}
