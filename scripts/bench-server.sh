#!/usr/bin/env bash
# The portal server's benchmarks (issue 24; not part of scripts/test.sh): on SQLite and on a
# throwaway PostgreSQL cluster (fsync on), loopback only, every run bounded in count and time.
#   counting POST throughput and p50/p99; list/item/search p99 on 50,000 articles; exactness
#   (20,000 POSTs, 200 clients, 10 % retried, 5 % sent twice at once); the reader window (200
#   readers x 5 opens = 200 visits); kill -9 mid-run then restart; hostile input.
# Prints one line per measurement; BENCHMARKS.md ("Issue 24") holds the figures of a run.
#   scripts/bench-server.sh [sqlite|postgres]...   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg-throwaway.sh
backends=("$@")
[ ${#backends[@]} -gt 0 ] || backends=(sqlite postgres)
SECONDS_PER_RUN="${BENCH_SECONDS:-10}"

# BENCH_PROFILE: the cargo profile of the server and the load client (default prerender: opt-level 2,
# unwinding; `dev` reuses the test build, slower, for a quick look).
PROFILE="${BENCH_PROFILE:-prerender}"
cargo build --quiet -p portal-server --profile "$PROFILE" --bin portal-server --example load
out="${CARGO_TARGET_DIR:-target}/$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")"
BIN="$out/portal-server"
LOAD="$out/examples/load"
WORK="$(mktemp -d /tmp/portal-bench.XXXXXX)"
PID=
cleanup() {
    [ -n "$PID" ] && kill -9 "$PID" 2>/dev/null || true
    rm -rf "$WORK"
    pg_throwaway_stop
}
trap cleanup EXIT

say() { printf '%-44s %s\n' "$1" "$2"; }

start_server() { # DB_URL [serve options…]; sets PID and BASE
    local db="$1"
    shift
    : >"$WORK/server.out"
    "$BIN" serve --db "$db" --listen 127.0.0.1:0 "$@" >"$WORK/server.out" 2>>"$WORK/server.err" &
    PID=$!
    for _ in $(seq 100); do
        if grep -q '^listening on ' "$WORK/server.out"; then break; fi
        sleep 0.1
    done
    BASE="$(sed -n 's#^listening on \(http://[^/]*\)/$#\1#p' "$WORK/server.out")"
    [ -n "$BASE" ] || { cat "$WORK/server.err"; exit 1; }
}
stop_server() {
    kill -TERM "$PID"
    wait "$PID" || true
    PID=
}

new_db() { # NAME → a fresh DB_URL of the current backend
    case "$backend" in
        sqlite) echo "sqlite:$WORK/$1.db" ;;
        postgres)
            "$(pg_bin)/createdb" -h 127.0.0.1 -p "${PG_URL##*:}" -U postgres "$1"
            echo "$PG_URL/$1"
            ;;
    esac
}

json_field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])$2)" "$1"; }

"$LOAD" gen-feed --articles 50000 --out "$WORK/feed-50k.json" >/dev/null
for backend in "${backends[@]}"; do
    [ "$backend" = postgres ] && [ -z "${PG_URL:-}" ] && pg_throwaway_start on
    echo "=== $backend"

    db="$(new_db counting)"
    "$BIN" import --feed public/feed.json --db "$db" >/dev/null
    start_server "$db" --dedupe-minutes 0 --rate-limit-per-minute 0
    "$LOAD" post "$BASE/api/stats/visits" --concurrency 32 --seconds 2 >/dev/null
    for c in 16 64; do
        say "POST /api/stats/visits, $c clients" "$("$LOAD" post "$BASE/api/stats/visits" --concurrency $c --seconds "$SECONDS_PER_RUN")"
    done
    slug=hoi-nghi-truc-bao-cong-tac-dan-van-quy-i-nam-2022
    say "POST /api/articles/{key}/views, 64 clients" "$("$LOAD" post "$BASE/api/articles/$slug/views" --concurrency 64 --seconds "$SECONDS_PER_RUN")"
    say "exactness 20,000 POSTs, 200 clients" "$("$LOAD" exact "$BASE" --requests 20000 --clients 200)"
    stop_server

    db="$(new_db readers)"
    "$BIN" import --feed public/feed.json --db "$db" >/dev/null
    start_server "$db" --rate-limit-per-minute 0
    say "reader window: 200 readers x 5 opens" "$("$LOAD" readers "$BASE" --readers 200 --opens 5)"
    stop_server

    db="$(new_db crash)"
    "$BIN" import --feed public/feed.json --db "$db" >/dev/null
    start_server "$db" --dedupe-minutes 0 --rate-limit-per-minute 0
    initial="$(curl -s "$BASE/api/stats")"
    "$LOAD" crash "$BASE" --clients 50 --log "$WORK/crash.log" >"$WORK/crash.out" &
    crash_pid=$!
    sleep 3
    kill -9 "$PID"
    wait "$PID" 2>/dev/null || true
    PID=
    wait "$crash_pid"
    start_server "$db" --dedupe-minutes 0 --rate-limit-per-minute 0
    after_restart="$(curl -s "$BASE/api/stats")"
    acknowledged="$(json_field "$(cat "$WORK/crash.out")" "['answered_200']")"
    sent="$(json_field "$(cat "$WORK/crash.out")" "['sent']")"
    v0="$(json_field "$initial" "['visits']")"
    v1="$(json_field "$after_restart" "['visits']")"
    resend="$("$LOAD" resend "$BASE" --log "$WORK/crash.log")"
    v2="$(json_field "$resend" "['visits_after']")"
    verdict=ok
    [ $((v1 - v0)) -ge "$acknowledged" ] || verdict="LOST COUNTS"
    [ $((v2 - v0)) -eq "$sent" ] || verdict="$verdict; NOT EXACTLY ONCE"
    say "kill -9 mid-run, restart" "{\"sent\": $sent, \"answered_200_before_kill\": $acknowledged, \"counted_after_restart\": $((v1 - v0)), \"after_resending_every_key\": $((v2 - v0)), \"verdict\": \"$verdict\"}"
    stop_server

    db="$(new_db big)"
    start=$(date +%s.%N)
    "$BIN" import --feed "$WORK/feed-50k.json" --db "$db" >/dev/null
    say "import 50,000 articles" "$(python3 -c "print(round($(date +%s.%N) - $start, 1), 's')")"
    start_server "$db"
    lists="" items="" searches=""
    for i in $(seq 1 50); do
        lists="$lists,$BASE/api/articles?page=$(( (i * 97) % 5000 + 1 ))&per_page=10"
        items="$items,$BASE/api/articles/bai-viet-$(( (i * 7919) % 50000 ))"
    done
    for q in "dan%20van" "thien%20tai" "hoi%20nghi" "2022" "minh%20long" "so%2012345"; do
        searches="$searches,$BASE/api/articles?page=1&per_page=10&q=$q"
    done
    say "GET list pages (50,000 articles), 16 clients" "$("$LOAD" get "${lists#,}" --concurrency 16 --seconds "$SECONDS_PER_RUN")"
    say "GET one article (50,000 articles), 16 clients" "$("$LOAD" get "${items#,}" --concurrency 16 --seconds "$SECONDS_PER_RUN")"
    say "GET list&tag= (50,000 articles), 16 clients" "$("$LOAD" get "$BASE/api/articles?page=3&per_page=10&tag=D%C3%A2n%20v%E1%BA%ADn" --concurrency 16 --seconds "$SECONDS_PER_RUN")"
    say "GET search q= (50,000 articles), 4 clients" "$("$LOAD" get "${searches#,}" --concurrency 4 --seconds "$SECONDS_PER_RUN")"
    say "GET /api/stats, 16 clients" "$("$LOAD" get "$BASE/api/stats" --concurrency 16 --seconds "$SECONDS_PER_RUN")"
    stop_server
done

echo "=== hostile input (SQLite)"
backend=sqlite
db="$(new_db hostile)"
"$BIN" import --feed public/feed.json --db "$db" >/dev/null
mkdir -p "$WORK/dist"
echo '<div data-news-portal="app" data-feed="feed.json"></div>' >"$WORK/dist/index.html"
cp "$WORK/dist/index.html" "$WORK/dist/shell.html"
start_server "$db" --dist "$WORK/dist" --header-timeout-secs 5
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
say "1 MB body to a counting POST" "$(head -c 1000000 /dev/zero | code -X POST -H 'Idempotency-Key: k1' --data-binary @- "$BASE/api/stats/visits")"
say "no / long / non-ASCII Idempotency-Key" "$(code -X POST "$BASE/api/stats/visits") $(code -X POST -H "Idempotency-Key: $(head -c 300 /dev/zero | tr '\0' k)" "$BASE/api/stats/visits") $(code -X POST -H 'Idempotency-Key: ké' "$BASE/api/stats/visits")"
say "SQL-looking q / tag / key" "$(code "$BASE/api/articles?q=%27%20OR%201%3D1%20--") $(code "$BASE/api/articles?tag=%27%3BDROP%20TABLE%20articles%3B--") $(code "$BASE/api/articles/%27%20OR%20%271%27%3D%271") $(code -X POST -H "Idempotency-Key: ');DELETE" "$BASE/api/stats/visits")"
say "traversal ../ %2e%2e %2f..%2f" "$(code --path-as-is "$BASE/../../etc/passwd") $(code --path-as-is "$BASE/%2e%2e/%2e%2e/etc/passwd") $(code --path-as-is "$BASE/x/..%2f..%2fetc%2fpasswd")"
# Slowloris: 300 connections trickling headers; a normal client must still be answered.
python3 - "$BASE" <<'PY' &
import socket, sys, time
host, port = sys.argv[1].rsplit('/', 1)[-1].split(':')
socks = []
for _ in range(300):
    s = socket.create_connection((host, int(port)))
    s.send(b"GET / HTTP/1.1\r\nHost: x\r\n")
    socks.append(s)
closed = 0
for _ in range(8):
    time.sleep(1)
    for s in socks:
        try:
            s.send(b"X-a: b\r\n")
        except OSError:
            pass
for s in socks:
    s.settimeout(0.2)
    try:
        s.recv(1)  # b"" (closed) or the start of an error answer: the server has given up on it
        closed += 1
    except socket.timeout:
        pass  # still open
    except OSError:
        closed += 1  # reset
print(f"slowloris: {closed} of 300 connections closed by the server after 8 s (header timeout 5 s)")
PY
slow_pid=$!
sleep 2
say "a normal GET during slowloris (ms)" "$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$BASE/api/stats")"
wait "$slow_pid"
say "tables intact after all that" "$(curl -s "$BASE/api/stats") $(curl -s "$BASE/api/articles?per_page=100" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]), "articles")')"
stop_server

# --- Publishing (issue 25): publish-to-page latency and whole-archive search, in its own script.
scripts/bench-publish.sh "${backends[@]}"
