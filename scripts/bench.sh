#!/usr/bin/env bash
# UX-1 measurements (not part of the test run): builds in release, starts the
# server on its own port with a fresh SQLite database filled by `server
# seed-bench` (500 installers, 20 000 cases; `Mina ärenden` is measured for the
# installer with 2 000 cases, a full first page of 25), and prints one table: the compressed WASM + JS a page loads before it is
# interactive, time to interactive in Chromium (cold and warm cache), and the
# server's latency under wrk (1 and 64 connections). Results go to
# docs/performance.md by hand, with the machine and the date.
#
#   scripts/bench.sh            # everything (about 4 minutes after the build)
#   BENCH_SECONDS=5 scripts/bench.sh   # shorter wrk runs
set -euo pipefail
source "$(dirname "$0")/env.sh"
scripts/setup.sh >/dev/null

port="${BENCH_PORT:-3200}"
source scripts/bench-common.sh

# What a page loads before it is interactive: the hydration script and the WASM it fetches.
pkg=target/site/pkg
js=$(ls "$pkg"/installatorswebben*.js | grep -v '\.gz$\|\.br$' | head -n1)
split_js=$(ls "$pkg"/__wasm_split*.js | grep -v '\.gz$\|\.br$' | head -n1)
wasm=$(ls "$pkg"/installatorswebben*.wasm | head -n1)
css=$(ls "$pkg"/installatorswebben*.css | head -n1)
gz() { gzip -9 -c "$1" | wc -c; }
js_gz=$(( $(gz "$js") + $(gz "$split_js") )); wasm_gz=$(gz "$wasm"); wasm_raw=$(stat -c %s "$wasm")
load_gz=$((js_gz + wasm_gz))
chunks=$(ls "$pkg"/*.wasm | grep -vc installatorswebben)
all_gz=0; for f in "$pkg"/*.wasm; do all_gz=$((all_gz + $(gz "$f"))); done

# An installer's working day: `Mina ärenden` with a full first page (the demo
# data's installers have three cases at most, and its first installer none;
# until session 24 this measured that empty list).
echo "[bench] seeding the benchmark data set"
export DATABASE_URL="sqlite://$work/bench.db?mode=rwc"
RUST_LOG=warn target/release/server seed-bench --installers 500 --teams 50 --cases 20000 --book-cases 100 \
  --login-file "$work/login.txt" >/dev/null
read -r email password <"$work/login.txt"

echo "[bench] starting the server on $base"
SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT="$PWD/target/site" RUST_LOG=warn \
  target/release/server serve >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "$base/logga-in" && break; sleep 0.2; done
wait_for_precompression

# The installer's session, for the authenticated pages.
curl -sf -o /dev/null -c "$work/cookies" -H "Origin: $base" -H 'Accept: application/json' \
  --data-urlencode "email=$email" --data-urlencode "password=$password" "$base/api/auth/login"
session=$(awk '$6 ~ /iw_session$/ { print $6 "=" $7 }' "$work/cookies")

# What each page names in its head to load before it is interactive (the
# hydration script, the chunk loader, the main module and the page's own
# chunks, if it needs any), gzip -9 of each file as the budget test counts
# them. Not what a page fetches ahead for the pages after it (`rel=prefetch`:
# the login page the main module, the installer's first pages their group).
page_load_gz() { # path [cookie]
  local header=() total=0 f
  [ -n "${2:-}" ] && header=(-H "Cookie: $2")
  for f in $(curl -sf "${header[@]}" "$base$1" | grep -o '<link [^>]*>' | grep 'rel="\(modulepreload\|preload\)"' \
      | grep -o 'href="/pkg/[^"]*\.\(js\|wasm\)"' | sed 's/^href="\/pkg\///; s/"$//' | sort -u); do
    total=$((total + $(gz "$pkg/$f")))
  done
  echo "$total"
}
login_load_gz=$(page_load_gz /logga-in)
cases_load_gz=$(page_load_gz /arenden "$session")

# Server time: p99 latency from wrk at 1 and 64 connections.
p99() { # url connections [cookie]
  local header=()
  [ -n "${3:-}" ] && header=(-H "Cookie: $3")
  # (wrk wants at least as many connections as threads.)
  wrk -t"$(( $2 < 2 ? 1 : 2 ))" -c"$2" -d"${seconds}s" --latency "${header[@]}" "$1" 2>/dev/null \
    | awk '$1 == "99%" { print $2 } $1 == "Requests/sec:" { rps = $2 } END { print rps }' | paste -sd' '
}
echo "[bench] wrk, ${seconds} s per run"
declare -A lat
for page in / /logga-in /arenden; do
  cookie=""; [ "$page" = /arenden ] && cookie="$session"
  lat["$page 1"]=$(p99 "$base$page" 1 "$cookie")
  lat["$page 64"]=$(p99 "$base$page" 64 "$cookie")
done
css_one=$(p99 "$base/pkg/$(basename "$css")" 1)

echo "[bench] time to interactive in Chromium (10 cold, 10 warm)"
tti=$(cd end2end && BENCH_BASE="$base" BENCH_COOKIE="$session" node bench-tti.mjs)

# A Markdown table, to paste into docs/performance.md.
printf '\n| %s | %s |\n|---|---|\n' "measure" "result"
printf '| %s | %s |\n' "main WASM module (raw / gzip -9)" "$wasm_raw B / $wasm_gz B"
printf '| %s | %s |\n' "JS: hydration + chunk loader (gzip -9)" "$js_gz B"
printf '| %s | %s |\n' "all WASM, main + $chunks chunks loaded by route (gzip -9)" "$all_gz B"
printf '| %s | %s |\n' "WASM + JS in every hydrated page's head (hydration script, chunk loader, main module)" "$load_gz B"
printf '| %s | %s |\n' "WASM + JS /logga-in names in its head (gzip -9; target ≤ 250880 B)" "$login_load_gz B"
printf '| %s | %s |\n' "WASM + JS /arenden names in its head, chunks included (gzip -9; target ≤ 250880 B)" "$cases_load_gz B"
printf '%s\n' "$tti"
for page in / /logga-in /arenden; do
  read -r p1 r1 <<<"${lat["$page 1"]}"
  read -r p64 r64 <<<"${lat["$page 64"]}"
  printf '| %s | %s |\n' "server p99 $page, 1 conn (target ≤ 20 ms)" "$p1 ($r1 req/s)"
  printf '| %s | %s |\n' "server p99 $page, 64 conns (target ≤ 25 ms)" "$p64 ($r64 req/s)"
done
read -r c1 cr <<<"$css_one"
printf '| %s | %s |\n' "static CSS, 1 connection (no 40 ms delayed-ACK stall)" "p99 $c1 ($cr req/s)"
