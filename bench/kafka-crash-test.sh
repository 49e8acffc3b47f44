#!/usr/bin/env bash
# Kafka crash test (BENCHMARKS.md, "Event streams"): `funnel kafka produce` sends unique events at RATE events/s to
# a real broker while `funnel serve` (kafka section) consumes them and is killed with SIGKILL ROUNDS times and
# restarted; the full run also kills the broker once and restarts it on its storage. Then `funnel loadgen verify`
# checks that every event the brokers acknowledged is in the server's event log exactly once. Exit status 1 on any
# loss or duplicate. Output: bench/results/serving/kafka-crash-test.txt (-small with --small).
#   bench/kafka-crash-test.sh           10,000 events/s for 60 s, 3 server kills, 1 broker kill
#   bench/kafka-crash-test.sh --small   2,000 events/s for 20 s, 1 server kill (for CI)
set -euo pipefail
source "$(dirname "$0")/serving-lib.sh"
source "$(dirname "$0")/kafka-lib.sh"
if [[ "${1:-}" == "--small" ]]; then
  rate=2000 duration=20 rounds=1 broker_kills=0 name=kafka-crash-test-small
else
  rate=10000 duration=60 rounds=3 broker_kills=1 name=kafka-crash-test
fi
out="$root/bench/results/serving"; mkdir -p "$out"; report="$out/$name.txt"

ensure_built
start_broker
"$funnel" generate --users 300 --items 200 --events 6000 --seed 7 --out "$tmp/data" >/dev/null
printf 'kafka:\n  bootstrapServers: %s\n  topics: [events]\n' "$bootstrap" >"$tmp/funnel.yaml"
port="$(free_port)"; url="http://127.0.0.1:$port"
serve=(--data "$tmp/data" --dir "$tmp/server" --port "$port" --config "$tmp/funnel.yaml")
start_server "$tmp/serve-0.log" "${serve[@]}"
wait_healthy "$url"
key="$(cat "$tmp/server/api-key")"

log "producing at $rate events/s for $duration s"
"$funnel" kafka produce --bootstrap-servers "$bootstrap" --topic events --rate "$rate" --duration "$duration" \
  --batch 500 --items 200 --acks "$tmp/acks.txt" >"$tmp/produce.txt" 2>&1 &
producer=$!
background_pids+=("$producer")
# The kills, spread over the production: the broker's first (so the producer and the source both ride it out), then
# the server's.
kills=()
for _ in $(seq 1 "$broker_kills"); do kills+=(broker); done
for _ in $(seq 1 "$rounds"); do kills+=(server); done
started=$SECONDS
for i in "${!kills[@]}"; do
  at=$((duration * (i + 1) / (${#kills[@]} + 1)))
  (( SECONDS - started < at )) && sleep $((at - (SECONDS - started)))
  if [[ "${kills[$i]}" == broker ]]; then
    log "kill -9 of the broker, restart on its storage"
    kill_broker
    sleep 2
    start_broker
  else
    log "kill -9 of the server, restart"
    stop_server KILL
    start_server "$tmp/serve-$i.log" "${serve[@]}"
    wait_healthy "$url"
  fi
done
wait "$producer"
log "waiting for the server to catch up (until its log stops growing for 20 s)"
previous=-1; count=0; still=0
while (( still < 20 )); do
  sleep 1
  count="$(curl -s "$url/v1/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"])')"
  if (( count == previous )); then still=$((still + 1)); else still=0; previous="$count"; fi
done
status=0
"$funnel" loadgen verify --url "$url" --key "$key" --acks "$tmp/acks.txt" >"$tmp/verify.txt" 2>&1 || status=$?
{
  echo "# bench/kafka-crash-test.sh $*: $rate events/s for $duration s, $rounds server kill(s), $broker_kills broker kill(s)"
  describe_machine
  sed 's/^/  /' "$tmp/produce.txt"
  echo "event log: $count events"
  sed 's/^/  /' "$tmp/verify.txt"
  echo "verify exit status: $status"
} | tee "$report"
exit "$status"
