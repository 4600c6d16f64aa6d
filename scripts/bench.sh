#!/usr/bin/env bash
# Benchmarks of issue 8 (not part of scripts/test.sh): release build, size table, Lighthouse app vs static
# HTML + accessibility, the 10,000-item feed, the 100,000-case fuzz run; writes BENCHMARKS.md.
#
#   scripts/bench.sh
#
# Environment (all optional):
#   BENCH_DIST   where the release build goes (default dist/)
#   BENCH_RUNS   runs per Lighthouse page and per 10k scenario (default 5, at least 3)
#   BENCH_OUT    the report (default BENCHMARKS.md)
#   BENCH_SKIP   space-separated steps to skip: build lighthouse widgets lcpsize bigfeed fuzz
#   BENCH_RESULTS  keep the raw figures (JSON) in this directory; a step skipped in a later run with the
#                same BENCH_RESULTS keeps its previous figures in the report
#   CARGO_TARGET_DIR, CHROME_PATH (default /usr/bin/chromium) as usual.
# Takes about 10 minutes on 2 cores with a warm build. The numbers depend on the machine and on whatever else
# runs on it: run it on an idle machine, and compare runs of the same machine only.
set -euo pipefail
cd "$(dirname "$0")/.."

DIST="${BENCH_DIST:-dist}"
RUNS="${BENCH_RUNS:-5}"
OUT="${BENCH_OUT:-BENCHMARKS.md}"
SKIP=" ${BENCH_SKIP:-} "
if [ -n "${BENCH_RESULTS:-}" ]; then
  RESULTS="$BENCH_RESULTS"; mkdir -p "$RESULTS"
else
  RESULTS="$(mktemp -d "${TMPDIR:-/tmp}/np-bench.XXXXXX")"
  trap 'rm -rf "$RESULTS"' EXIT
fi
log() { printf '\n[bench] %s\n' "$*" >&2; }
skip() { [[ "$SKIP" == *" $1 "* ]]; }

scripts/setup.sh
. scripts/env.sh

log "machine"
chromium_version="$("$CHROME_PATH" --version 2>/dev/null | head -n1 || true)"
node -e '
  const [date, nproc, cpu, memKb, chromium, rustc, commit, loadavg] = process.argv.slice(1);
  console.log(JSON.stringify({ date, nproc, cpu, memory: `${(Number(memKb) / 1048576).toFixed(1)} GiB`,
    chromium, node: process.version, rustc, commit, loadavg }));
' "$(date -u)" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
  "$(grep MemTotal /proc/meminfo | awk '{print $2}')" "$chromium_version" "$(rustc --version)" \
  "$(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' + uncommitted changes')" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" > "$RESULTS/machine.json"
cat "$RESULTS/machine.json" >&2

if ! skip build; then
  log "release build → $DIST"
  trunk build --release --dist "$DIST"
fi

log "size table (scripts/size-budget.mjs)"
set +e
node scripts/size-budget.mjs "$DIST" --json > "$RESULTS/size.txt" 2>&1
echo $? > "$RESULTS/size.rc"
set -e
grep -v '^{' "$RESULTS/size.txt" >&2

if ! skip lighthouse; then
  log "Lighthouse: article app vs static, median of $RUNS; accessibility per page"
  node tests/bench/lighthouse.mjs --dist "$DIST" --runs "$RUNS" --json "$RESULTS/lighthouse.json"
fi

if ! skip widgets; then
  log "Lighthouse: the operator's page alone, with the counter widget, with the counter through the app"
  node tests/bench/widget-pages.mjs --dist "$DIST" --runs "$RUNS" --json "$RESULTS/widget-pages.json"
fi

if ! skip lcpsize; then
  log "Lighthouse replay: simulated LCP against the wasm's size"
  node tests/bench/lcp-by-size.mjs --dist "$DIST" --json "$RESULTS/lcp-by-size.json"
fi

if ! skip bigfeed; then
  log "10,000-item feed, $RUNS runs"
  node tests/bench/big-feed.mjs --dist "$DIST" --runs "$RUNS" --json "$RESULTS/big-feed.json"
fi

if ! skip searchindex; then
  log "search index on a 40,000-item feed: idle build and first search, 3 runs"
  node tests/bench/search-index.mjs --dist "$DIST" --runs 3 --json "$RESULTS/search-index.json"
fi

if ! skip fuzz; then
  log "fuzz: FUZZ_CASES=100000 cargo test --release --test native fuzz"
  t0=$(date +%s.%N)
  cargo test --release --test native --no-run 2>&1 | tail -n 2 >&2
  t1=$(date +%s.%N)
  set +e
  FUZZ_CASES=100000 cargo test --release --test native fuzz > "$RESULTS/fuzz.txt" 2>&1
  fuzz_rc=$?
  set -e
  t2=$(date +%s.%N)
  grep -E '^test |^test result' "$RESULTS/fuzz.txt" >&2 || tail -n 20 "$RESULTS/fuzz.txt" >&2
  node -e '
    const [t0, t1, t2, rc, file] = process.argv.slice(1);
    const text = require("node:fs").readFileSync(file, "utf8");
    const summary = (text.match(/^test result: .*$/m) ?? [""])[0].replace(/; finished in .*/, "");
    console.log(JSON.stringify({ buildSeconds: t1 - t0, seconds: t2 - t1, rc: Number(rc),
      summary: (summary ? "`" + summary + "`" : "") + (rc === "0" ? "" : " **FAILED** (exit " + rc + ")") }));
  ' "$t0" "$t1" "$t2" "$fuzz_rc" "$RESULTS/fuzz.txt" > "$RESULTS/fuzz.json"
fi

log "report"
node tests/bench/report.mjs --results "$RESULTS" --dist "$DIST" --out "$OUT"
