#!/usr/bin/env bash
# Issue 16: the portal as production runs it, tested. Two instances from the
# release package (scripts/package.sh), on one PostgreSQL database, with the
# attachments in S3 (the local moto server, when TEST_S3_ENDPOINT names one;
# else a folder both share), behind nginx from Debian: one address that
# deals requests round robin, and one address per instance so a test can
# choose who answers. Then the Playwright routine in end2end/production.
#
# Usage: scripts/two-instances.sh   (after `cargo leptos build --release --split`;
# scripts/test.sh runs it when PostgreSQL is there).
set -euo pipefail
source "$(dirname "$0")/env.sh"

pg_admin_url="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
work="$(mktemp -d)"
database="iw_two_instances_$$"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql -q "$pg_admin_url" -c "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() {
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "no answer from $1" >&2
  return 1
}

echo "== the release package, unpacked =="
PACKAGE_PREBUILT=1 scripts/package.sh "$work/dist" >/dev/null
tar -C "$work" -xzf "$work"/dist/installatorswebben-*.tar.gz
package="$(echo "$work"/installatorswebben-*)"

psql -q "$pg_admin_url" -c "CREATE DATABASE \"$database\"" >/dev/null
database_url="${pg_admin_url%/*}/$database"
rr_port="$(free_port)"; a_port="$(free_port)"; b_port="$(free_port)"
proxy_a_port="$(free_port)"; proxy_b_port="$(free_port)"

# What both instances share: the database, the secrets key, the store.
export DATABASE_URL="$database_url"
SECRETS_KEY="$(openssl rand -hex 32)"; export SECRETS_KEY
export TRUSTED_PROXIES=127.0.0.1/32
export PUBLIC_URL="http://127.0.0.1:$rr_port"
export DEMO_LOGINS_FILE="$work/demo-logins.txt"
export RUST_LOG=warn
if [ -n "${TEST_S3_ENDPOINT:-}" ]; then
  bucket="iw-two-instances-$$"
  curl -fsS -X PUT "$TEST_S3_ENDPOINT/$bucket" >/dev/null
  export ATTACHMENTS_STORE="s3://$bucket/bilagor" AWS_ENDPOINT="$TEST_S3_ENDPOINT" AWS_ALLOW_HTTP=true
  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
  echo "attachments: S3 ($TEST_S3_ENDPOINT)"
else
  echo "attachments: a folder both instances share (no TEST_S3_ENDPOINT)"
fi

start_instance() { # name port demo
  mkdir -p "$work/$1"
  # `exec`: the pid kept is the server's own (start.sh execs it too), so the
  # cleanup stops the server itself, not only a shell around it — an
  # orphaned server went on writing compressed copies into the folder
  # being removed, and kept running after the test.
  (cd "$work/$1" && exec env SITE_ADDR="127.0.0.1:$2" DEMO_DATA="$3" ATTACHMENTS_DIR="$work/attachments" \
    "$package/start.sh" serve >"$work/$1.log" 2>&1) &
  pids+=("$!")
  wait_for "http://127.0.0.1:$2/health/ready"
}
echo "== instance A (loads the demo data) on $a_port, instance B on $b_port =="
start_instance a "$a_port" true
start_instance b "$b_port" false

cat >"$work/proxy-common.conf" <<CONF
proxy_http_version 1.1;
proxy_set_header Host \$http_host;
proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
proxy_set_header X-Forwarded-Proto \$scheme;
proxy_set_header Connection "";
# Server-sent events pass as they come.
proxy_buffering off;
proxy_read_timeout 1h;
# Which instance answered (for the test; an operator might log it instead).
add_header X-Upstream \$upstream_addr always;
CONF
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat >"$work/nginx.conf" <<CONF
$user_line
worker_processes 1;
daemon off;
pid $work/nginx.pid;
events { worker_connections 512; }
http {
  access_log off;
  client_max_body_size 12m;
  client_body_temp_path $work/nginx-body;
  proxy_temp_path $work/nginx-proxy;
  fastcgi_temp_path $work/nginx-fastcgi;
  uwsgi_temp_path $work/nginx-uwsgi;
  scgi_temp_path $work/nginx-scgi;
  upstream both { server 127.0.0.1:$a_port; server 127.0.0.1:$b_port; }
  upstream only_a { server 127.0.0.1:$a_port; }
  upstream only_b { server 127.0.0.1:$b_port; }
  server { listen 127.0.0.1:$rr_port; location / { proxy_pass http://both; include $work/proxy-common.conf; } }
  server { listen 127.0.0.1:$proxy_a_port; location / { proxy_pass http://only_a; include $work/proxy-common.conf; } }
  server { listen 127.0.0.1:$proxy_b_port; location / { proxy_pass http://only_b; include $work/proxy-common.conf; } }
}
CONF
echo "== nginx on $rr_port (round robin), $proxy_a_port (A), $proxy_b_port (B) =="
/usr/sbin/nginx -e "$work/nginx-error.log" -p "$work" -c "$work/nginx.conf" &
pids+=("$!")
wait_for "http://127.0.0.1:$rr_port/health/ready"

if [ "${TWO_INSTANCES_HOLD:-0}" = 1 ]; then
  echo "holding: round robin http://127.0.0.1:$rr_port, A http://127.0.0.1:$proxy_a_port, B http://127.0.0.1:$proxy_b_port (logs in $work; Ctrl-C ends)"
  wait
fi
echo "== the routine through the proxy (Playwright) =="
status=0
(cd end2end && E2E_BASE_URL="http://127.0.0.1:$rr_port" \
  E2E_INSTANCE_A="http://127.0.0.1:$proxy_a_port" E2E_INSTANCE_B="http://127.0.0.1:$proxy_b_port" \
  E2E_UPSTREAM_A="127.0.0.1:$a_port" E2E_UPSTREAM_B="127.0.0.1:$b_port" \
  E2E_DEMO_LOGINS="$DEMO_LOGINS_FILE" \
  npx playwright test --config production.config.ts) || status=$?
if [ "$status" != 0 ]; then
  for log in a b nginx-error; do echo "--- $log.log"; tail -n 40 "$work/$log.log" 2>/dev/null || true; done
fi
exit "$status"
