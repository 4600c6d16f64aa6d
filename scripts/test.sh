#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what is missing, then runs every tier.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh

step() { printf '\n=== %s\n' "$*"; }

step "data: bundled feed is valid and holds the seed verbatim"
python3 scripts/check-feed.py

step "lint: rustfmt, and clippy with warnings as errors (native and wasm32)"
cargo fmt --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --lib --bins --test browser -- -D warnings

step "tier 1: native cargo test (model: parsing, dates, slugs, formatting, related, sanitizer rules; the prerender)"
cargo test --quiet
# The counter script of widget-only pages against the app's answers (prerender --widget-vectors).
node --test tests/widgets/
scripts/test-server.sh

step "tier 2: wasm-bindgen-test in headless Chromium (components, DOM sanitizer)"
cargo test --target wasm32-unknown-unknown --test browser

step "release build (trunk build --release → dist/)"
trunk build --release

step "size budget"
node scripts/size-budget.mjs

step "tier 3: browser end-to-end (Playwright + system Chromium against dist/ over HTTP)"
npx playwright test -c tests/e2e/playwright.config.js

step "tier 4: Firefox ESR and WebKitGTK (Safari's engine): wasm-bindgen-test and the reader's journey over WebDriver"
scripts/test-engines.sh
