#!/usr/bin/env bash
# Runs every test: unit and integration (SQLite, and PostgreSQL when one is
# reachable or TEST_POSTGRES_URL is set), then the browser tests in Chromium.
set -euo pipefail
source "$(dirname "$0")/env.sh"
scripts/setup.sh

echo "== unit and integration tests =="
cargo test --locked -p app -p server

echo "== building the app (server + WASM) =="
cargo leptos build

echo "== browser tests (Playwright, Debian Chromium) =="
(cd end2end && npx playwright test)
