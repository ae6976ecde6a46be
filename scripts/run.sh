#!/usr/bin/env bash
# Starts Installatörswebben on http://127.0.0.1:3000 with SQLite (data/), the
# demo data set and a demo admin whose generated password is printed.
set -euo pipefail
source "$(dirname "$0")/env.sh"
SETUP_SKIP_TEST_TOOLS=1 scripts/setup.sh
export DEMO_DATA="${DEMO_DATA:-true}"
exec cargo leptos serve --release --split
