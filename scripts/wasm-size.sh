#!/usr/bin/env bash
# Builds the release WASM (size-optimised profile + wasm-opt, split by group of pages)
# and prints the main module's size and the chunks' total.
set -euo pipefail
source "$(dirname "$0")/env.sh"
scripts/setup.sh
cargo leptos build --release --split >/dev/null
pkg=target/site/pkg
wasm=$(ls "$pkg"/installatorswebben*.wasm | head -n1)
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
printf 'main WASM module: %s bytes raw, %s bytes gzip (%s)\n' "$raw" "$gz" "$wasm"
chunks=0; chunks_gz=0
for f in "$pkg"/*.wasm; do
  case "$f" in *installatorswebben*) continue ;; esac
  chunks=$((chunks + 1)); chunks_gz=$((chunks_gz + $(gzip -9 -c "$f" | wc -c)))
done
printf 'route chunks: %s files, %s bytes gzip in all (each loaded with its page)\n' "$chunks" "$chunks_gz"
