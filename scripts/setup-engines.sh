#!/usr/bin/env bash
# Installs, idempotently, what the Firefox and WebKit tiers need (scripts/test-engines.sh): Firefox ESR
# and geckodriver (Gecko), WebKitWebDriver (WebKitGTK, Safari's engine) and Xvfb (WebKitWebDriver has no
# headless mode of its own). A warm machine skips every step in well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."

GECKODRIVER_VERSION=0.37.1
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '[setup-engines] %s\n' "$*" >&2; }

need_apt=()
command -v firefox-esr >/dev/null 2>&1 || need_apt+=(firefox-esr)
command -v WebKitWebDriver >/dev/null 2>&1 || need_apt+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null 2>&1 || need_apt+=(xvfb xauth)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt: installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if ! geckodriver --version 2>/dev/null | sed -n 1p | grep -q "^geckodriver $GECKODRIVER_VERSION"; then
  log "cargo: installing geckodriver $GECKODRIVER_VERSION (~3 min)"
  cargo install --locked geckodriver --version "$GECKODRIVER_VERSION"
fi
webkit_version=$(dpkg-query -W -f '${Version}' webkit2gtk-driver 2>/dev/null || true)
log "engines ready: $(firefox-esr --version 2>/dev/null | sed -n 1p); $(geckodriver --version 2>/dev/null | sed -n 1p); WebKitWebDriver (webkit2gtk-driver $webkit_version)"
