#!/usr/bin/env bash
# The Firefox and WebKit tiers (Playwright drives only Chromium here): the wasm-bindgen-test tier and the
# reader's journey (tests/engines/journey.mjs, classic WebDriver) in Firefox ESR (geckodriver, headless)
# and in WebKitGTK (WebKitWebDriver + MiniBrowser, Safari's engine, under Xvfb). Needs dist/ (the journey;
# `trunk build --release`) and what scripts/setup-engines.sh installs. Every tier runs even after another
# failed; the summary names each failed tier and its engine, and the exit status is 1 if any failed.
#   ENGINES="firefox webkit"   the engines to run (default both)
#   ENGINE_TIERS="wasm journey" the tiers to run (default both)
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

engines=${ENGINES:-firefox webkit}
tiers=${ENGINE_TIERS:-wasm journey}
failed=()
timings=()

# Runs "$@" as tier $1 in engine $2, timed; a failure is recorded, not fatal.
run_tier() {
  local tier=$1 engine=$2 start=$SECONDS
  shift 2
  printf '\n=== %s in %s\n' "$tier" "$engine"
  if "$@"; then
    timings+=("$tier in $engine: $((SECONDS - start)) s")
  else
    timings+=("$tier in $engine: FAILED after $((SECONDS - start)) s")
    failed+=("$tier in $engine")
  fi
}

# The wasm-bindgen-test runner takes the first driver variable it finds: set only the engine's own.
no_drivers=(-u CHROMEDRIVER -u GECKODRIVER -u SAFARIDRIVER -u CHROMEDRIVER_REMOTE -u GECKODRIVER_REMOTE -u SAFARIDRIVER_REMOTE)

for engine in $engines; do
  case $engine in
    firefox)
      for tier in $tiers; do
        case $tier in
          wasm) run_tier "wasm-bindgen-test" Firefox env "${no_drivers[@]}" GECKODRIVER="$(command -v geckodriver)" \
                  cargo test --target wasm32-unknown-unknown --test browser ;;
          journey) run_tier "reader journey" Firefox node tests/engines/journey.mjs firefox ;;
        esac
      done ;;
    webkit)
      for tier in $tiers; do
        case $tier in
          # WebKitWebDriver has no headless mode: MiniBrowser draws on a virtual X server.
          wasm) run_tier "wasm-bindgen-test" WebKit env "${no_drivers[@]}" SAFARIDRIVER="$(command -v WebKitWebDriver)" \
                  xvfb-run -a cargo test --target wasm32-unknown-unknown --test browser ;;
          journey) run_tier "reader journey" WebKit xvfb-run -a node tests/engines/journey.mjs webkit ;;
        esac
      done ;;
    *) echo "unknown engine $engine (firefox, webkit)" >&2; exit 2 ;;
  esac
done

printf '\n=== engines summary\n'
printf '  %s\n' "${timings[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  printf 'FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
