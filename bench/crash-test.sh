#!/usr/bin/env bash
# Crash test: no acknowledged event may be lost when the server is killed. A server on a generated dataset
# (--dir in a temp dir) takes `funnel loadgen events --rate RATE --tolerate-disconnect` while it is killed with
# SIGKILL after KILL_AFTER seconds; it is restarted on the same --dir and `funnel loadgen verify` checks that every
# acknowledged event is in the event log exactly once. ROUNDS kill/restart rounds; exit status 1 on any loss.
# Output: bench/results/serving/crash-test.txt (crash-test-small.txt with --small).
#   bench/crash-test.sh            5,000 events/s, killed after 8 s, 3 rounds
#   bench/crash-test.sh --small    2,000 events/s, killed after 5 s, 1 round (for CI)
set -euo pipefail
source "$(dirname "$0")/serving-lib.sh"
if [[ "${1:-}" == "--small" ]]; then
  rate="${RATE:-2000}" kill_after="${KILL_AFTER:-5}" rounds="${ROUNDS:-1}" name=crash-test-small
else
  rate="${RATE:-5000}" kill_after="${KILL_AFTER:-8}" rounds="${ROUNDS:-3}" name=crash-test
fi
out="$root/bench/results/serving"
mkdir -p "$out"
report="$out/$name.txt"

ensure_built
log "generating the base dataset"
"$funnel" generate --users 500 --items 300 --events 20000 --seed 7 --out "$tmp/data" >/dev/null
port="$(free_port)"
url="http://127.0.0.1:$port"
serve=(--data "$tmp/data" --dir "$tmp/server" --port "$port")
{
  echo "# bench/crash-test.sh $*: loadgen events at $rate events/s, kill -9 after $kill_after s, $rounds round(s)"
  describe_machine
} >"$report"
start_server "$tmp/serve-0.log" "${serve[@]}"
wait_healthy "$url"
key="$(cat "$tmp/server/api-key")"

status=0
for round in $(seq 1 "$rounds"); do
  acks="$tmp/acks-$round.txt"
  before="$(curl -s "$url/v1/health")"
  log "round $round: loading at $rate events/s, kill -9 after $kill_after s"
  # The loader runs longer than the server lives: it must stop by itself on the disconnect.
  "$funnel" loadgen events --url "$url" --key "$key" --rate "$rate" --batch 100 --threads 4 --items 300 \
    --duration $((kill_after + 60)) --timeout 20 --acks "$acks" --tolerate-disconnect >"$tmp/load-$round.txt" 2>&1 &
  loader=$!
  background_pids+=("$loader")
  sleep "$kill_after"
  stop_server KILL
  loader_status=0
  timeout 90 tail --pid="$loader" -f /dev/null || { echo "the loader did not stop after the kill" >&2; kill "$loader"; }
  wait "$loader" || loader_status=$?
  log "restarting on the same --dir"
  start_server "$tmp/serve-$round.log" "${serve[@]}"
  wait_healthy "$url"
  after="$(curl -s "$url/v1/health")"
  {
    echo
    echo "## round $round"
    echo "\$ funnel loadgen events --rate $rate --batch 100 --threads 4 --items 300 --acks FILE --tolerate-disconnect"
    echo "  (kill -9 of the server after $kill_after s; loader exit status $loader_status)"
    sed 's/^/  /' "$tmp/load-$round.txt"
    echo "health before: $before"
    echo "health after the restart: $after"
    echo "\$ funnel loadgen verify --acks FILE"
  } | tee -a "$report"
  if ! "$funnel" loadgen verify --url "$url" --key "$key" --acks "$acks" 2>&1 | tee -a "$report"; then status=1; fi
  (( loader_status == 0 )) || { echo "the loader failed (exit $loader_status)" | tee -a "$report"; status=1; }
done
echo | tee -a "$report"
if (( status == 0 )); then echo "PASSED: no acknowledged event lost or duplicated in $rounds kill -9 round(s)"
else echo "FAILED"; fi | tee -a "$report"
exit "$status"
