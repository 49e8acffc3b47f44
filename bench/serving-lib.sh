# Shared by bench/ingest.sh, bench/serve-load.sh and bench/crash-test.sh (sourced, not run): start and stop
# `funnel serve` on a free port, wait for health, clean up on exit. Servers and temp dirs are tracked and removed
# by the EXIT trap (KEEP=1 keeps the temp dir for a post-mortem).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
funnel="$root/funnel"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/funnel-bench.XXXXXX")"
server_pid=""
background_pids=()

cleanup() {
  local status=$?
  if declare -F before_cleanup >/dev/null; then before_cleanup; fi # e.g. kafka-lib.sh's broker
  for pid in "${background_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_server
  if [[ -n "${KEEP:-}" ]]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# A TCP port nothing listens on now (the kernel's pick; a tiny race with other programs remains).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Build the jar once, up front, so no timing includes a build.
ensure_built() {
  "$funnel" --version >/dev/null
}

# start_server LOG ARGS...: `funnel serve ARGS` in the background (./funnel execs java: $! is the JVM).
start_server() {
  local out="$1"; shift
  "$funnel" serve "$@" >"$out" 2>&1 &
  server_pid=$!
}

# wait_healthy URL [SECONDS]: until GET /v1/health answers 200, failing early if the server died.
wait_healthy() {
  local url="$1" deadline=$((SECONDS + ${2:-300}))
  until curl -sf --max-time 2 "$url/v1/health" >/dev/null; do
    if [[ -n "$server_pid" ]] && ! kill -0 "$server_pid" 2>/dev/null; then
      echo "the server exited before it was healthy" >&2; return 1
    fi
    (( SECONDS < deadline )) || { echo "no health from $url within ${2:-300} s" >&2; return 1; }
    sleep 0.2
  done
}

# stop_server [SIGNAL]: SIGTERM (a clean shutdown, SIGKILL after 30 s) or the given signal, then reap it.
stop_server() {
  [[ -n "$server_pid" ]] || return 0
  local signal="${1:-TERM}" waited=0
  kill "-$signal" "$server_pid" 2>/dev/null || true
  while kill -0 "$server_pid" 2>/dev/null && (( waited < 300 )); do sleep 0.1; waited=$((waited + 1)); done
  kill -KILL "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

# The machine a figure came from: with 2 shared cores, load from other work changes it.
describe_machine() {
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo ?)"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average$(uptime | sed 's/.*load average//')"
  echo "java: $(java -version 2>&1 | head -1)"
}
