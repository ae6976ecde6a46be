#!/usr/bin/env bash
# Installs every tool the build and the tests need, only where it is missing,
# so a fresh machine gets everything and a prepared one pays nothing.
# Versions are pinned to the set measured to work together (see docs/architecture.md).
set -euo pipefail
source "$(dirname "$0")/env.sh"

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132


log() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  log "installing cargo-leptos $CARGO_LEPTOS_VERSION (a debug build: half the install time, builds just as fast)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads --debug
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Debian's binaryen is too old (its wasm-opt breaks hydration); npm's is current.
if [ ! -x tools/node_modules/.bin/wasm-opt ] || ! tools/node_modules/.bin/wasm-opt --version | grep -q "version $BINARYEN_VERSION"; then
  log "installing binaryen $BINARYEN_VERSION from npm"
  mkdir -p tools
  (cd tools && npm install --no-audit --no-fund --silent)
fi

# Packaging (scripts/package.sh, the Containerfile) needs only the build tools.
if [ "${SETUP_SKIP_TEST_TOOLS:-0}" = 1 ]; then
  log "build tools ready (test tools skipped)"
  exit 0
fi

missing_packages=()
[ -x /usr/bin/chromium ] || missing_packages+=(chromium)
# The browser tests read the test server's outbox (the mailed links) with the sqlite3 shell.
command -v sqlite3 >/dev/null 2>&1 || missing_packages+=(sqlite3)
# The two-instance test puts nginx in front of the portal (scripts/two-instances.sh).
[ -x /usr/sbin/nginx ] || missing_packages+=(nginx-light)
if [ ${#missing_packages[@]} -gt 0 ]; then
  log "installing Debian's ${missing_packages[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing_packages[@]}" >/dev/null
fi

if [ ! -d end2end/node_modules/@playwright/test ]; then
  log "installing the end-to-end test packages"
  (cd end2end && npm ci --no-audit --no-fund --silent 2>/dev/null || npm install --no-audit --no-fund --silent)
fi
# A local S3-compatible server for the attachment-store test (CASE-9).
if ! command -v moto_server >/dev/null 2>&1; then
  log "installing moto (local S3 server for tests)"
  python3 -m pip install --quiet --disable-pip-version-check 'moto[server]==5.2.5' || log "moto could not be installed; the S3 test will be skipped"
fi
log "tools ready"
