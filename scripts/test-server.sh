#!/usr/bin/env bash
# The portal server's tests (issue 24): lint, unit tests, and every route and error against a real
# server on SQLite AND on a throwaway PostgreSQL cluster (installed from apt when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg-throwaway.sh

echo "--- portal-server: clippy"
cargo clippy --quiet -p portal-server --all-targets -- -D warnings

# fsync off: this cluster only lives for the tests (the benchmark keeps it on).
pg_throwaway_start off
export PORTAL_TEST_POSTGRES="$PG_URL"
echo "--- portal-server: tests on SQLite and on PostgreSQL ($PG_URL)"
cargo test --quiet -p portal-server
