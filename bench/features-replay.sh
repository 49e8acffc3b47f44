#!/usr/bin/env bash
# How long a restart takes to rebuild the feature store from the event log (BENCHMARKS.md, "Feature store"): a
# server with bench/features.yaml's views on a generated dataset takes DURATION s of `funnel loadgen events`
# (batches of 1,000, 2,000 recurring users), then is restarted on the same directory; its start-up log says how long
# the feature store's rebuild (base dataset + whole log) and the history restore took.
# Output: bench/results/features/replay.txt.
#   bench/features-replay.sh               DURATION=30
set -euo pipefail
source "$(dirname "$0")/serving-lib.sh"
duration="${DURATION:-30}"
report="$root/bench/results/features/replay.txt"
mkdir -p "$(dirname "$report")"

ensure_built
"$funnel" generate --users 2000 --items 1000 --events 100000 --seed 42 --out "$tmp/data" >/dev/null
port="$(free_port)"
url="http://127.0.0.1:$port"
serve=(--data "$tmp/data" --dir "$tmp/server" --port "$port" --config "$root/bench/features.yaml")
start_server "$tmp/serve-1.log" "${serve[@]}"
wait_healthy "$url"
{
  echo "# bench/features-replay.sh: a restart rebuilds the feature store from the event log"
  describe_machine
  echo "\$ funnel loadgen events --batch 1000 --threads 4 --duration $duration --items 1000 --users 500"
  "$funnel" loadgen events --url "$url" --key "$(cat "$tmp/server/api-key")" --batch 1000 --threads 4 \
    --duration "$duration" --items 1000 --users 500 2>&1 | grep 'events/s'
  stop_server
  start_server "$tmp/serve-2.log" "${serve[@]}"
  wait_healthy "$url"
  echo "\$ funnel serve --data DATA --dir SAME_DIR --config bench/features.yaml   (the restart)"
  grep -E '^(loaded|rebuilt|restored)' "$tmp/serve-2.log"
} | tee "$report"
