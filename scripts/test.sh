#!/usr/bin/env bash
# Runs every test: unit and integration (SQLite, and PostgreSQL when one is
# reachable or TEST_POSTGRES_URL is set), then the browser tests in Chromium.
set -euo pipefail
source "$(dirname "$0")/env.sh"
scripts/setup.sh

log_dir="$(mktemp -d)"
trap 'rm -rf "$log_dir"' EXIT

echo "== unit and integration tests =="
cargo test --locked -p app -p server --lib --tests 2>&1 | tee "$log_dir/cargo.log"

echo "== building the app (server + WASM) =="
cargo leptos build

echo "== browser tests (Playwright, Debian Chromium) =="
(cd end2end && npx playwright test) 2>&1 | tee "$log_dir/e2e.log"

# One closing line for everything that ran.
rust_passed=$(grep -E '^test result:' "$log_dir/cargo.log" | grep -oE '[0-9]+ passed' | awk '{s += $1} END {print s + 0}')
e2e_passed=$(grep -E '^ +[0-9]+ passed' "$log_dir/e2e.log" | grep -oE '[0-9]+' | head -n1)
echo "tests: $((rust_passed + ${e2e_passed:-0})) passed, 0 failed"
