#!/usr/bin/env bash
# Publishing benchmarks (issue 25; run by scripts/bench-server.sh, not part of scripts/test.sh), on a
# 50,000-article database, SQLite and a throwaway PostgreSQL cluster (fsync on), loopback only:
#   publish-to-page latency: 100 PUTs of a new article, each timed from the request until its prerendered
#     page answers with its title (p50/p99);
#   search p50/p99: 200 whole-archive searches (q=), one at a time, Vietnamese with and without diacritics.
# Prints one line per measurement; BENCHMARKS.md ("Issue 25") holds the figures of a run.
#   scripts/bench-publish.sh [sqlite|postgres]...   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg-throwaway.sh
backends=("$@")
[ ${#backends[@]} -gt 0 ] || backends=(sqlite postgres)

cargo build --quiet -p portal-server --profile prerender --bin portal-server --example load
BIN=target/prerender/portal-server
LOAD=target/prerender/examples/load
WORK="$(mktemp -d /tmp/portal-bench-publish.XXXXXX)"
PID=
cleanup() {
    [ -n "$PID" ] && kill -9 "$PID" 2>/dev/null || true
    rm -rf "$WORK"
    pg_throwaway_stop
}
trap cleanup EXIT

say() { printf '%-52s %s\n' "$1" "$2"; }

"$LOAD" gen-feed --articles 50000 --out "$WORK/feed-50k.json" >/dev/null
head -c 32 /dev/urandom | base64 | tr -d '\n=/+' >"$WORK/token"
for backend in "${backends[@]}"; do
    case "$backend" in
        sqlite) db="sqlite:$WORK/publish.db" ;;
        postgres)
            [ -z "${PG_URL:-}" ] && pg_throwaway_start on
            "$(pg_bin)/createdb" -h 127.0.0.1 -p "${PG_URL##*:}" -U postgres publish
            db="$PG_URL/publish"
            ;;
    esac
    echo "=== $backend"
    "$BIN" import --feed "$WORK/feed-50k.json" --db "$db" >/dev/null
    # The site: Trunk's index.html (the pages' template); the publish writes the touched pages into it.
    rm -rf "$WORK/dist" && mkdir -p "$WORK/dist" && cp index.html "$WORK/dist/index.html"
    : >"$WORK/server.out"
    "$BIN" serve --db "$db" --listen 127.0.0.1:0 --dist "$WORK/dist" --publish-token-file "$WORK/token" \
        --dedupe-minutes 0 --rate-limit-per-minute 0 >"$WORK/server.out" 2>>"$WORK/server.err" &
    PID=$!
    for _ in $(seq 100); do
        grep -q '^listening on ' "$WORK/server.out" && break
        sleep 0.1
    done
    BASE="$(sed -n 's#^listening on \(http://[^/]*\)/$#\1#p' "$WORK/server.out")"
    [ -n "$BASE" ] || { cat "$WORK/server.err"; exit 1; }
    python3 - "$BASE" "$(cat "$WORK/token")" <<'PY'
import json, sys, time, urllib.request, urllib.parse

base, token = sys.argv[1], sys.argv[2]

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]

def line(name, ms):
    print(f"{name:<52} " + json.dumps({"n": len(ms), "p50_ms": round(pct(ms, 50), 1), "p99_ms": round(pct(ms, 99), 1), "max_ms": round(max(ms), 1)}))

def request(method, path, body=None):
    req = urllib.request.Request(base + path, data=body, method=method)
    req.add_header("Authorization", f"Bearer {token}")
    req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.read()

latencies = []
for n in range(100):
    key = f"bench-publish-{n}"
    title = f"Đường giao thông thôn số {n} thông xe"
    item = {
        "id": f"https://minhlong.example.gov.vn/tin/{key}",
        "title": title,
        "content_html": "<p>" + "Tuyến đường nối trung tâm xã với các thôn được đưa vào sử dụng. " * 40 + "</p>",
        "summary": "Tuyến đường nối trung tâm xã với các thôn.",
        "date_published": f"2031-01-01T{n // 60:02d}:{n % 60:02d}:00+07:00",
        "_portal": {"slug": key, "category": "Giao thông"},
    }
    start = time.perf_counter()
    status, _ = request("PUT", f"/api/articles/{key}", json.dumps(item).encode())
    assert status == 201, status
    # The page is live when the PUT returns; read it to prove it (and count that read in).
    with urllib.request.urlopen(f"{base}/tin-tuc/{key}", timeout=30) as r:
        page = r.read().decode()
    assert f"<title>{title} | " in page, "the prerendered page with its title"
    latencies.append((time.perf_counter() - start) * 1000)
line("publish → page live (PUT + GET), 100 new articles", latencies)

queries = ["dan van", "Dân vận", "duong giao thong", "ĐƯỜNG", "hoi nghi", "thien tai", "minh long", "2022",
           "so 12345", "nong thon moi"]
times = []
for i in range(200):
    q = urllib.parse.quote(queries[i % len(queries)])
    start = time.perf_counter()
    with urllib.request.urlopen(f"{base}/api/articles?page=1&per_page=10&q={q}", timeout=30) as r:
        found = json.loads(r.read())
    times.append((time.perf_counter() - start) * 1000)
line("search q= (50,000 articles), one at a time", times)
PY
    kill -TERM "$PID"; wait "$PID" || true; PID=
done
