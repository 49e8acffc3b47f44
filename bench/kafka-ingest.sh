#!/usr/bin/env bash
# Kafka ingest throughput (BENCHMARKS.md, "Event streams"): EVENTS unique synthetic events are produced to a topic
# of a real broker (KRaft, this machine) first; then `funnel serve` with a kafka section starts and consumes them
# into its durable event log (embedded store, fsync per commit). Reports events/s from the first consumed event to
# the last. Output: bench/results/serving/kafka-ingest.txt
#   bench/kafka-ingest.sh          # EVENTS=2000000 (2,000 users × 1,000 items)
set -euo pipefail
source "$(dirname "$0")/serving-lib.sh"
source "$(dirname "$0")/kafka-lib.sh"
users="${USERS:-2000}"; items="${ITEMS:-1000}"; events=$((users * items))
out="$root/bench/results/serving"; mkdir -p "$out"; report="$out/kafka-ingest.txt"

ensure_built
start_broker
"$funnel" generate --users 300 --items 200 --events 6000 --seed 7 --out "$tmp/data" >/dev/null
log "producing $events events"
"$funnel" kafka produce --bootstrap-servers "$bootstrap" --topic events --users "$users" --items "$items" \
  --batch 5000 --duration 3600 --run ingest >"$tmp/produce.txt"
cat "$tmp/produce.txt" >&2
printf 'kafka:\n  bootstrapServers: %s\n  topics: [events]\n' "$bootstrap" >"$tmp/funnel.yaml"
port="$(free_port)"; url="http://127.0.0.1:$port"
start_server "$tmp/serve.log" --data "$tmp/data" --dir "$tmp/server" --port "$port" --config "$tmp/funnel.yaml"
wait_healthy "$url"
first=""; last=0
while (( last < events )); do
  last="$(curl -s "$url/v1/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"])')"
  now="$(date +%s.%N)"
  if [[ -z "$first" && "$last" -gt 0 ]]; then first="$now"; first_count="$last"; fi
  sleep 0.2
done
end="$(date +%s.%N)"
rate="$(python3 -c "print(f'{($last - $first_count) / ($end - $first):,.0f}')")"
{
  echo "# bench/kafka-ingest.sh: $events events produced first, then consumed by funnel serve into its event log"
  describe_machine
  sed 's/^/  /' "$tmp/produce.txt"
  echo "consumed $((last - first_count)) events in $(python3 -c "print(f'{$end - $first:.2f}')") s: $rate events/s"
} | tee "$report"
