# Sourced by the benchmark scripts (bench.sh, bench-scale.sh) once they have
# set `port`: a scratch folder and a server process cleaned up at exit, wrk,
# and the release build (SKIP_BUILD=1 keeps the one there is).
seconds="${BENCH_SECONDS:-20}"
base="http://127.0.0.1:$port"
work="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

if ! command -v wrk >/dev/null 2>&1; then
  echo "[bench] installing wrk (Debian)"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get install -y -qq wrk >/dev/null
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "[bench] release build"
  cargo leptos build --release --split >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; exit 1; }
fi

# The server compresses the site's files (brotli at its best) in the
# background after it starts, for a minute or more of one core: measuring
# before that is done measures the compressor too. Waits until every
# script, style and WASM file has its brotli copy.
wait_for_precompression() {
  local dir="${1:-target/site/pkg}" originals copies
  for _ in $(seq 1 600); do
    originals=$(find "$dir" -maxdepth 1 -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) | wc -l)
    copies=$(find "$dir" -maxdepth 1 -type f -name '*.br' | wc -l)
    [ "$copies" -ge "$originals" ] && return 0
    sleep 0.5
  done
  echo "[bench] the site's files were not compressed in 5 minutes; measuring anyway" >&2
}
