#!/usr/bin/env bash
# What an open dashboard costs the server's throughput (BENCHMARKS.md, "Dashboard"): one `funnel serve` on
# quickstart-sized generated data (the merged pipeline, its per-user cache off so every request computes a list),
# then ROUNDS pairs of `wrk -t2 -c4` runs of DURATION seconds on recommendations, alternating which comes first:
# one alone, one while a poller makes the overview's refresh calls (GET /v1/health, /v1/admin/snapshots,
# /v1/admin/stats, with the key) every PERIOD seconds. The overview refreshes every 10 s (every second while a build
# runs): PERIOD=1 is its busiest. The poller stands in for the browser, whose own CPU would run on the person's
# machine, not the server's. Prints each pair's throughputs and ratio, and the mean ratio with a 95 % t interval
# (needs python3 with scipy).
#   bench/dashboard-ab.sh     ROUNDS=8 DURATION=15 PERIOD=1
set -euo pipefail
source "$(dirname "$0")/serving-lib.sh"
command -v wrk >/dev/null || { echo "wrk not found (Debian: apt-get install wrk)" >&2; exit 1; }
rounds="${ROUNDS:-8}" duration="${DURATION:-15}" period="${PERIOD:-1}"
ensure_built
describe_machine
"$funnel" generate --users 2000 --items 1000 --events 100000 --seed 42 --out "$tmp/data" >/dev/null
printf 'serving:\n  cacheSize: 0\n' >"$tmp/funnel.yaml"
port="$(free_port)"
url="http://127.0.0.1:$port"
start_server "$tmp/server.log" --data "$tmp/data" --dir "$tmp/server" --port "$port" --config "$tmp/funnel.yaml"
wait_healthy "$url"
key="$(cat "$tmp/server/api-key")"
export USERS=2000 USER_PREFIX=u N=10

# throughput: requests/s of one wrk run
throughput() {
  wrk -t2 -c4 -d"${duration}s" -s "$root/bench/wrk/recommend.lua" "$url" | awk '/Requests\/sec/ {print $2}'
}

# poll: the overview's refresh calls every PERIOD seconds, until killed
poll() {
  while true; do
    for path in /v1/health /v1/admin/snapshots /v1/admin/stats; do
      curl -sf -o /dev/null -H "X-Api-Key: $key" "$url$path"
    done
    sleep "$period"
  done
}

log "warm-up"
duration=10 throughput >/dev/null
ratios=()
for round in $(seq "$rounds"); do
  for order in $(( round % 2 )) $(( 1 - round % 2 )); do
    if (( order == 0 )); then
      alone="$(throughput)"
    else
      poll & poller=$!
      open="$(throughput)"
      kill "$poller"; wait "$poller" 2>/dev/null || true
    fi
  done
  ratio="$(python3 -c "print(f'{$open / $alone:.4f}')")"
  ratios+=("$ratio")
  echo "round $round: alone $alone req/s, dashboard open $open req/s, ratio $ratio"
done
python3 - "${ratios[@]}" <<'PY'
import statistics, sys
from scipy import stats
r = [float(x) for x in sys.argv[1:]]
mean = statistics.mean(r)
low, high = stats.t.interval(0.95, len(r) - 1, loc=mean, scale=stats.sem(r))
print(f"ratio open/alone: mean {mean:.4f}, 95 % interval [{low:.4f}, {high:.4f}], "
      f"median {statistics.median(r):.4f} ({len(r)} pairs)")
PY
