#!/usr/bin/env bash
# Issue 13 (Scale) measurements, not part of the test run: builds in
# release, fills a fresh PostgreSQL database with a grid operator's data set
# (`server seed-bench`: 100 000 installers, 10 000 teams, 1 000 000 cases by
# default), starts the server on it and prints one table:
#   - `Mina ärenden` of an installer with 2 000 cases — (a) page 0, (b) a state
#     filter, (c) a text search, (d) page 30 — under wrk at 10 and 64
#     connections, beside pgbench running the very same SQL (the request's
#     session lookup and its one list statement) at the same concurrency;
#   - the authenticated `/arenden` page at 64 connections;
#   - `Admin Flytta ärenden` of 1 000 and 5 000 cases (median of 5, `server bench-move`).
#
#   scripts/bench-scale.sh                                   # the full data set (seeding takes a few minutes)
#   INSTALLERS=20000 TEAMS=2000 CASES=200000 scripts/bench-scale.sh
#   BACKEND=sqlite CASES=100000 scripts/bench-scale.sh       # SQLite, smaller; no pgbench column
#   BENCH_SECONDS=5 scripts/bench-scale.sh                   # shorter wrk/pgbench runs
#   SKIP_BUILD=1 scripts/bench-scale.sh                      # use the release build there is
set -euo pipefail
source "$(dirname "$0")/env.sh"
scripts/setup.sh >/dev/null

backend="${BACKEND:-postgres}"
installers="${INSTALLERS:-100000}"
teams="${TEAMS:-10000}"
cases="${CASES:-1000000}"
port="${BENCH_PORT:-3300}"
pg_host="${PGHOST:-127.0.0.1}"
source scripts/bench-common.sh

if [ "$backend" = postgres ]; then
  psql -q -h "$pg_host" -U postgres -d postgres -c "DROP DATABASE IF EXISTS iw_bench" -c "CREATE DATABASE iw_bench"
  export DATABASE_URL="postgres://postgres@$pg_host:5432/iw_bench"
else
  export DATABASE_URL="sqlite://$work/bench.db?mode=rwc"
fi
echo "[bench] seeding $installers installers, $teams teams, $cases cases ($backend)"
RUST_LOG=warn target/release/server seed-bench --installers "$installers" --teams "$teams" --cases "$cases" \
  --login-file "$work/login.txt" | tee "$work/seed.txt"
read -r email password <"$work/login.txt"

echo "[bench] starting the server on $base"
SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT="$PWD/target/site" RUST_LOG=warn \
  target/release/server serve >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 150); do curl -sf -o /dev/null "$base/logga-in" && break; sleep 0.2; done
wait_for_precompression
curl -sf -o /dev/null -c "$work/cookies" -H "Origin: $base" -H 'Accept: application/json' \
  --data-urlencode "email=$email" --data-urlencode "password=$password" "$base/api/auth/login"
token=$(awk '$6 ~ /iw_session$/ { print $7 }' "$work/cookies")
[ -n "$token" ] || { echo "[bench] login failed"; tail -20 "$work/server.log"; exit 1; }
session_id=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)

# wrk with a POST body (a server function call, as the browser makes it).
wrk_post() { # body connections -> "p99 req/s"
  cat >"$work/post.lua" <<EOF
wrk.method = "POST"
wrk.body = "$1"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Origin"] = "$base"
wrk.headers["Cookie"] = "iw_session=$token"
EOF
  wrk -t2 -c"$2" -d"${seconds}s" --latency -s "$work/post.lua" "$base/api/cases/mine" 2>/dev/null \
    | awk '$1 == "99%" { p = $2 } $1 == "Requests/sec:" { r = $2 } /Non-2xx/ { bad = $NF } END { print p, r, (bad ? bad : 0) }'
}
wrk_get() { # path connections
  wrk -t2 -c"$2" -d"${seconds}s" --latency -H "Cookie: iw_session=$token" "$base$1" 2>/dev/null \
    | awk '$1 == "99%" { p = $2 } $1 == "Requests/sec:" { r = $2 } END { print p, r }'
}

# The same SQL the server issues for one list request: the session with its
# user (auth::session_with_its_user; it names the same columns the stars
# stand for here), then the page with its total (ListedCase's columns, see
# app/src/server/cases/lists.rs).
columns='"cases"."id", "cases"."case_number", "cases"."case_type", "cases"."state", "cases"."customer_name", "cases"."facility_address", "cases"."team_id", "cases"."submitted_at", "cases"."updated_at", "cases"."cancellation_requested_at", "cases"."version", "cases"."holder_user_id", "cases"."assigned_handler_id"'
session_sql="SELECT \"sessions\".*, \"users\".* FROM \"sessions\" INNER JOIN \"users\" ON \"sessions\".\"user_id\" = \"users\".\"id\" WHERE \"sessions\".\"id\" = '$session_id';"
pg_ceiling() { # where offset connections -> tps
  [ "$backend" = postgres ] || { echo "-"; return; }
  local holder
  holder=$(psql -At -h "$pg_host" -U postgres -d iw_bench -c "SELECT user_id FROM sessions WHERE id = '$session_id'")
  local where="\"cases\".\"holder_user_id\" = $holder$1"
  printf '%s\nSELECT %s, (SELECT COUNT(*) AS "n" FROM "cases" WHERE %s) AS "list_total" FROM "cases" WHERE %s ORDER BY "cases"."updated_at" DESC, "cases"."id" DESC LIMIT 25 OFFSET %s;\n' \
    "$session_sql" "$columns" "$where" "$where" "$2" >"$work/q.sql"
  pgbench -n -h "$pg_host" -U postgres -c "$3" -j 2 -T "$seconds" -f "$work/q.sql" iw_bench 2>/dev/null \
    | awk '/^tps/ { print $3 }'
}

declare -a names=("(a) page 0, no filter" "(b) state filter" "(c) text search \"karlsson\"" "(d) page 30")
declare -a bodies=("state_code=&query=&page=0" "state_code=pagaende&query=&page=0" "state_code=&query=karlsson&page=0" "state_code=&query=&page=30")
# (c) as the server asks within one holder's cases (`SearchScope::OneHolder`): strpos, no index on the text.
declare -a wheres=("" " AND \"cases\".\"state\" = 'pagaende'" " AND strpos(\"cases\".\"search_text\", 'karlsson') > 0" "")
declare -a offsets=(0 0 0 750)

printf '\n| request | conns | req/s | p99 | pgbench tps (same SQL) | share of ceiling |\n|---|---|---|---|---|---|\n' >"$work/table.md"
for i in 0 1 2 3; do
  for conns in 10 64; do
    echo "[bench] ${names[$i]} at $conns connections"
    read -r p99 rps bad <<<"$(wrk_post "${bodies[$i]}" "$conns")"
    tps=$(pg_ceiling "${wheres[$i]}" "${offsets[$i]}" "$conns")
    share="-"
    [ "$tps" != "-" ] && share=$(awk -v r="$rps" -v t="$tps" 'BEGIN { printf "%.0f %%", 100 * r / t }')
    [ "${bad:-0}" != 0 ] && p99="$p99 ($bad non-2xx!)"
    printf '| %s | %s | %s | %s | %s | %s |\n' "${names[$i]}" "$conns" "$rps" "$p99" "$tps" "$share" >>"$work/table.md"
  done
done
# CPU time (user + system, in clock ticks) the server and PostgreSQL's
# processes have used so far: a page's CPU cost varies far less from run to
# run on this VM than its throughput does, so it is what to compare builds by.
server_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
# (A process that ends while its file is read makes cat fail; that must not end the script.)
postgres_ticks() { { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk '$2 == "(postgres)" { t += $14 + $15 } END { print t + 0 }'; }
echo "[bench] /arenden page render at 64 connections"
s0=$(server_ticks); g0=$(postgres_ticks)
page_run=$(wrk -t2 -c64 -d"${seconds}s" --latency -H "Cookie: iw_session=$token" "$base/arenden" 2>/dev/null)
s1=$(server_ticks); g1=$(postgres_ticks)
pp=$(awk '$1 == "99%" { print $2 }' <<<"$page_run")
pr=$(awk '$1 == "Requests/sec:" { print $2 }' <<<"$page_run")
pages=$(awk '/requests in/ { print $1 }' <<<"$page_run")
printf '| `/arenden` page (authenticated) | 64 | %s | %s | - | - |\n' "$pr" "$pp" >>"$work/table.md"
page_cpu=$(awk -v s="$((s1 - s0))" -v g="$((g1 - g0))" -v n="${pages:-0}" -v hz="$(getconf CLK_TCK)" -v pg="$([ "$backend" = postgres ] && echo 1 || echo 0)" \
  'BEGIN { if (n == 0) { print "no pages"; exit } printf "server %.2f ms", s * 1000 / hz / n; if (pg) printf ", PostgreSQL %.2f ms", g * 1000 / hz / n }')

echo "[bench] admin moves"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
move_1000=$(RUST_LOG=warn target/release/server bench-move --count 1000 --runs 5)
move_5000=$(RUST_LOG=warn target/release/server bench-move --count 5000 --runs 5)

echo
echo "Data: $(cat "$work/seed.txt")"
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(date -u +%Y-%m-%d); backend $backend; wrk 2 threads, ${seconds} s per run."
cat "$work/table.md"
echo
echo "CPU per \`/arenden\` page at 64 connections: $page_cpu."
printf '\n| move | result (target) |\n|---|---|\n| %s | ≤ 0.5 s |\n| %s | ≤ 2 s |\n' "$move_1000" "$move_5000"
