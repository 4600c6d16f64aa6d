// The counter script of widget-only pages (src/widgets/counter.js) against the app's own answers: every
// rule it mirrors from the Rust code (a count as Count reads it, a UTC offset, a language tag, digit
// grouping, the time of saved figures) on the vectors `prerender --widget-vectors` prints. Deterministic,
// no browser:   node --test tests/widgets/
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';

const prerender = (flag) =>
  JSON.parse(execFileSync('cargo', ['run', '--quiet', '--bin', 'prerender', '--', flag], { encoding: 'utf8' }));
const kit = prerender('--widget-kit');
const vectors = prerender('--widget-vectors');
// As scripts/post-build.mjs writes it, unminified.
const dir = mkdtempSync(join(tmpdir(), 'np-counter-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'counter.mjs');
writeFileSync(file, `const KIT = ${JSON.stringify(kit)};\n${readFileSync(new URL('../../src/widgets/counter.js', import.meta.url), 'utf8')}`);
const script = await import(file);

test('a count, as Count in src/model/de.rs reads it', () => {
  for (const [input, expected] of vectors.counts) assert.equal(script.count(input), expected, JSON.stringify(input));
});
test('a UTC offset, as parse_offset', () => {
  for (const [input, expected] of vectors.offsets) assert.equal(script.parseOffset(input), expected, input);
});
test('a language tag, as is_language_tag', () => {
  for (const [input, expected] of vectors.languageTags) assert.equal(script.isLanguageTag(input), expected, input);
});
test('digits grouped, as group_thousands', () => {
  for (const [input, expected] of vectors.grouped) assert.equal(script.grouped(input), expected, String(input));
});
test('the time of saved figures, as format_date_time', () => {
  for (const [seconds, offset, expected] of vectors.dateTimes) assert.equal(script.dateTime(seconds, offset), expected, `${seconds} ${offset}`);
});
test('the kit holds the markup and the placeholders the script fills', () => {
  const { counter, placeholders } = kit;
  assert.ok(counter.row.includes(placeholders.label) && counter.row.includes(placeholders.value));
  assert.ok(counter.missing.includes(placeholders.label));
  assert.ok(counter.saved.includes(placeholders.when));
  assert.deepEqual(counter.rows.map((r) => r.key), ['visits', 'page_views', 'online', 'today', 'this_month']);
});
