# Sourced by scripts/test-server.sh and scripts/bench-server.sh: a throwaway PostgreSQL cluster in a
# temp dir on a free loopback port (never a system service), installed from apt when missing.
# After `pg_throwaway_start`: $PG_URL is postgres://postgres@127.0.0.1:PORT (no database part);
# the cluster stops and its directory goes on exit.

pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

pg_throwaway_start() {
    local fsync="${1:-on}"
    if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
        echo "PostgreSQL missing: apt-get install -y postgresql" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    local bin
    bin="$(pg_bin)"
    PG_DIR="$(mktemp -d /tmp/portal-pg.XXXXXX)"
    local as=()
    # PostgreSQL refuses to run as root: the cluster belongs to the postgres user then.
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$PG_DIR"
        as=(runuser -u postgres --)
    fi
    local port
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1
    "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=$fsync -c max_connections=200" start >/dev/null
    PG_URL="postgres://postgres@127.0.0.1:$port"
    PG_STOP=("${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m fast stop)
    trap pg_throwaway_stop EXIT
    export PG_URL
}

pg_throwaway_stop() {
    if [ -n "${PG_DIR:-}" ]; then
        "${PG_STOP[@]}" >/dev/null 2>&1 || true
        rm -rf "$PG_DIR"
        PG_DIR=
    fi
}
