#!/usr/bin/env bash
# Builds the release WASM (size-optimised profile + wasm-opt) and prints its size.
set -euo pipefail
source "$(dirname "$0")/env.sh"
scripts/setup.sh
cargo leptos build --release >/dev/null
wasm=target/site/pkg/installatorswebben.wasm
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
printf 'release WASM: %s bytes raw, %s bytes gzip (%s)\n' "$raw" "$gz" "$wasm"
