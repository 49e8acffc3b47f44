#!/usr/bin/env bash
# Event ingestion throughput with durability (BENCHMARKS.md, "Serving"): a server on a generated dataset, then
# `funnel loadgen events` as fast as possible with batches of 100 and of 1000 (DURATION s each, THREADS senders),
# each run checked afterwards with `loadgen verify`. Every acknowledged batch was fsynced by the embedded event
# log's group commit (store.fullSync, the default). CONFIG=FILE serves with that configuration (bench/features.yaml:
# the feature store's side-by-side run). USERS=N: N users per sender thread (default 0: a new user per event).
# Output: bench/results/serving/ingest.txt (OUT=FILE: elsewhere).
#   bench/ingest.sh                        DURATION=20 THREADS=4 BATCHES="100 1000" VERIFY=1 CONFIG= USERS=0 OUT=
set -euo pipefail
source "$(dirname "$0")/serving-lib.sh"
duration="${DURATION:-20}" threads="${THREADS:-4}"
out="$root/bench/results/serving"
mkdir -p "$out"
report="${OUT:-$out/ingest.txt}"
config=()
if [[ -n "${CONFIG:-}" ]]; then config=(--config "$(cd "$(dirname "$CONFIG")" && pwd)/$(basename "$CONFIG")"); fi

ensure_built
log "generating the base dataset"
"$funnel" generate --users 2000 --items 1000 --events 100000 --seed 42 --out "$tmp/data" >/dev/null
port="$(free_port)"
url="http://127.0.0.1:$port"
start_server "$tmp/serve.log" --data "$tmp/data" --dir "$tmp/server" --port "$port" "${config[@]}"
wait_healthy "$url"
key="$(cat "$tmp/server/api-key")"

{
  echo "# bench/ingest.sh: funnel loadgen events, as fast as possible, $threads threads, ${duration} s per batch size"
  describe_machine
  echo "server: generated dataset (2,000 users, 1,000 items, 100,000 events), embedded store, fullSync on"
  echo "config: ${CONFIG:-none (the defaults)}"
  grep -E "^(restored|rebuilt)" "$tmp/serve.log" | sed 's/^/start: /' || true
} >"$report"
status=0
for batch in ${BATCHES:-100 1000}; do
  log "batches of $batch for $duration s"
  cmd=("$funnel" loadgen events --url "$url" --key "$key" --batch "$batch" --threads "$threads" \
    --duration "$duration" --items 1000 --users "${USERS:-0}" --acks "$tmp/acks-$batch.txt")
  printf '\n$ funnel loadgen events --batch %s --threads %s --duration %s --items 1000 --users %s --acks FILE\n' \
    "$batch" "$threads" "$duration" "${USERS:-0}" | tee -a "$report"
  "${cmd[@]}" 2>&1 | tee -a "$report" || status=1
  if [[ "${VERIFY:-1}" == 1 ]]; then
    echo '$ funnel loadgen verify --acks FILE' | tee -a "$report"
    "$funnel" loadgen verify --url "$url" --key "$key" --acks "$tmp/acks-$batch.txt" 2>&1 | tee -a "$report" \
      || status=1
  fi
done
{ echo; echo "health after the runs: $(curl -s "$url/v1/health")"; } | tee -a "$report"
exit "$status"
