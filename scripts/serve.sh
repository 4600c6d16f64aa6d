#!/usr/bin/env bash
# Installs what is missing, builds the app and the portal server, imports the bundled feed into
# data/portal.db on the first run, and serves the whole portal with a counter that counts on
# http://127.0.0.1:8080/ (API mode: every page reads /api of this server).
#   scripts/serve.sh                    # the portal, as above
#   scripts/serve.sh --listen 0.0.0.0:8080 --cors-origin https://host.vn   # any `serve` option
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
trunk build --release
# The prerender profile: optimised, unwinding (a panic in one request must not end the server).
cargo build --quiet -p portal-server --profile prerender
server=target/prerender/portal-server
mkdir -p data
if [ ! -e data/portal.db ]; then
    "$server" import --feed public/feed.json --db sqlite:data/portal.db
fi
exec "$server" serve --dist dist --db sqlite:data/portal.db --listen 127.0.0.1:8080 "$@"
