#!/usr/bin/env bash
# Builds the release and packs what a server needs into one archive
# (issue 16): the binary, the hashes of the site's files beside it, the
# site (hashed WASM chunks, JS, CSS; compressed copies are made at start),
# a sample configuration and a start script. The binary runs its own
# migrations. Usage: scripts/package.sh [OUT_DIR] (default dist/).
# Starts on a plain Debian machine with: tar xzf …; cd installatorswebben-*; ./start.sh
set -euo pipefail
source "$(dirname "$0")/env.sh"
SETUP_SKIP_TEST_TOOLS=1 scripts/setup.sh >/dev/null

out_dir="${1:-dist}"
version="$(git describe --always --dirty 2>/dev/null || echo unknown)"
name="installatorswebben-${version}"

# PACKAGE_PREBUILT=1: pack what the last release build left (the test run
# has just built it) instead of building again.
if [ "${PACKAGE_PREBUILT:-0}" != 1 ]; then
  echo "== building the release (server + WASM split by group of pages) =="
  cargo leptos build --release --split
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
mkdir -p "$root"
cp target/release/server "$root/server"
cp target/release/hash.txt "$root/hash.txt"
# The site without compressed copies left by an earlier run (made anew at start).
cp -r target/site "$root/site"
find "$root/site" -type f \( -name '*.gz' -o -name '*.br' \) -delete
cp docs/deploy.md "$root/DEPLOY.md"

cat > "$root/installatorswebben.env.example" <<'CONF'
# Installatörswebben: the environment of one instance (see DEPLOY.md).
SITE_ADDR=0.0.0.0:3000
DATABASE_URL=postgres://installatorswebben:CHANGE-ME@127.0.0.1/installatorswebben
# ATTACHMENTS_STORE=s3://bucket/prefix  (with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, AWS_ENDPOINT)
ATTACHMENTS_DIR=/var/lib/installatorswebben/attachments
# SMTP_URL=smtps://user:password@mail.example.org
MAIL_FROM=Installatörswebben <no-reply@example.org>
# SECRETS_KEY: 64 hex digits, the same on every instance; make one with `openssl rand -hex 32`.
SECRETS_KEY=
SECURE_COOKIES=true
TRUSTED_PROXIES=127.0.0.1/32
# OPERATOR_CONFIG=/etc/installatorswebben/operator.json
RUST_LOG=info,sqlx=warn,sea_orm=warn
# LOG_FORMAT=json
# Prometheus: either a bearer token for /metrics on SITE_ADDR, or an internal address of its own.
# METRICS_TOKEN=
# METRICS_ADDR=127.0.0.1:9100
CONF

cat > "$root/start.sh" <<'START'
#!/usr/bin/env bash
# Starts the portal from this folder; configuration from the environment
# or from installatorswebben.env beside this script.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ -f "$here/installatorswebben.env" ]; then
  set -a; source "$here/installatorswebben.env"; set +a
fi
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$here/site}"
exec "$here/server" "${@:-serve}"
START
chmod +x "$root/start.sh"

mkdir -p "$out_dir"
tar -C "$stage" -czf "$out_dir/$name.tar.gz" "$name"
echo "== $out_dir/$name.tar.gz ($(du -h "$out_dir/$name.tar.gz" | cut -f1)) =="
