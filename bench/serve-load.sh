#!/usr/bin/env bash
# Serving load on MovieLens latest-small (BENCHMARKS.md, "Serving"), for the merged channels (itemcf, swing,
# usercf: the default) and for itemcf alone:
#   1. wrk, closed loop, at 2 and 4 connections: the throughput plain wrk reaches and its latency distribution;
#   2. `funnel loadgen get` at a fixed RATE (1,000 req/s): latency percentiles measured from each request's
#      scheduled time (plain wrk cannot hold a fixed rate);
#   3. hot swaps under load: wrk at 4 connections while POST /v1/admin/snapshots asks for a rebuild every
#      SWAP_EVERY s; every response other than 200 is counted (must be 0).
# Users are drawn uniformly from 1..610. Output: bench/results/serving/serve-load.txt (serve-load-ranked.txt with
# RANKING=true, -nocache with CACHE_SIZE=0). Exit status 1 when a request failed or a swap run saw a non-200.
#   bench/serve-load.sh        DURATION=20 WARMUP=15 RATE=1000 SWAP_DURATION=30 SWAP_EVERY=5 CHANNELS="merged itemcf"
#   RANKING=true               the pipeline has ranking stages (prerank: {}, rank: {}): every build trains them and
#                              requests are ranked
#   CACHE_SIZE=0               no per-user cache: every request runs retrieval (and ranking)
#   MMR_LAMBDA=0.8             with RANKING=true, an MMR step over item categories (rerank: - mmr: {lambda: λ})
#   RANK_MEMBERS=1             with RANKING=true, GBDTs in the ranker's bag (rank: {members: N}; default 5)
set -euo pipefail
source "$(dirname "$0")/serving-lib.sh"
command -v wrk >/dev/null || { echo "wrk not found (Debian: apt-get install wrk)" >&2; exit 1; }
data="${FUNNEL_DATA:-$root/../shared/data}/ml-latest-small"
[[ -d "$data" ]] || data=/work/shared/data/ml-latest-small
[[ -d "$data" ]] || { echo "MovieLens latest-small not found (set FUNNEL_DATA)" >&2; exit 1; }
duration="${DURATION:-20}" warmup="${WARMUP:-15}" rate="${RATE:-1000}"
swap_duration="${SWAP_DURATION:-30}" swap_every="${SWAP_EVERY:-5}"
lua="$root/bench/wrk/recommend.lua"
out="$root/bench/results/serving"
mkdir -p "$out"
report="$out/serve-load${RANKING:+-ranked}${MMR_LAMBDA:+-mmr}${RANK_MEMBERS:+-members$RANK_MEMBERS}${CACHE_SIZE:+-cache$CACHE_SIZE}.txt"
export USERS=610 USER_PREFIX="" N=10
status=0

# section TITLE COMMAND...: runs the command, its output (and the command itself) into the report.
section() {
  local title="$1"; shift
  printf '\n### %s\n$ %s\n' "$title" "$*" | sed "s|$root/||g; s|$tmp/|TMP/|g" | tee -a "$report"
  "$@" 2>&1 | tee -a "$report" || status=1
}

# swaps_under_load URL KEY: wrk in the background, a rebuild requested every $swap_every s, models seen counted.
swaps_under_load() {
  local url="$1" key="$2" models="$tmp/models.txt" wrk_out="$tmp/wrk-swap.txt" failed=0
  : >"$models"
  wrk -t2 -c4 -d"${swap_duration}s" --latency -s "$lua" "$url" >"$wrk_out" 2>&1 &
  local wrk_pid=$!
  background_pids+=("$wrk_pid")
  local requested=0 refused=0 next=$((SECONDS + 2))
  while kill -0 "$wrk_pid" 2>/dev/null; do
    if (( SECONDS >= next )); then
      code="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "X-Api-Key: $key" "$url/v1/admin/snapshots")"
      [[ "$code" == 202 ]] && requested=$((requested + 1)) || refused=$((refused + 1))
      next=$((SECONDS + swap_every))
    fi
    curl -s -H "X-Api-Key: $key" "$url/v1/admin/snapshots" >>"$models" && echo >>"$models"
    sleep 0.5
  done
  wait "$wrk_pid" || failed=1
  cat "$wrk_out"
  local served
  served="$(grep -o '"serving":"[^"]*"' "$models" | sort -u | wc -l)"
  echo "rebuilds requested: $requested accepted (202), $refused refused (409: one was still building)"
  echo "models served during the run: $served (so $((served - 1)) hot swaps under load)"
  echo "last build: $(tail -1 "$models" | grep -o '"lastBuild":{[^}]*}' || true)"
  if ! grep -q 'non-200 0, socket errors connect 0 read 0 write 0 timeout 0' "$wrk_out"; then
    echo "FAILED: a request during the swaps was not answered 200"; failed=1
  fi
  return "$failed"
}

ensure_built
{
  echo "# bench/serve-load.sh: funnel serve on ml-latest-small, random users 1..610, n=10"
  describe_machine
  echo "wrk: $(wrk --version 2>&1 | head -1)"
} >"$report"
for channels in ${CHANNELS:-merged itemcf}; do
  port="$(free_port)"
  url="http://127.0.0.1:$port"
  serve=(--data "$data" --format movielens-latest --dir "$tmp/server-$channels" --port "$port")
  if [[ "$channels" != merged || -n "${RANKING:-}${CACHE_SIZE:-}${MMR_LAMBDA:-}${RANK_MEMBERS:-}" ]]; then
    {
      [[ -n "${CACHE_SIZE:-}" ]] && printf 'serving:\n  cacheSize: %s\n' "$CACHE_SIZE"
      echo "pipeline:"
      [[ "$channels" == merged ]] && echo "  channels: [itemcf, swing, usercf]" || echo "  channels: [$channels]"
      [[ "${RANKING:-}" == true ]] && echo "  prerank: {}" && echo "  rank: {members: ${RANK_MEMBERS:-5}}"
      echo "  rerank:"
      echo "    - rules: {}"
      [[ -n "${MMR_LAMBDA:-}" ]] && echo "    - mmr: {lambda: $MMR_LAMBDA}"
    } >"$tmp/$channels.yaml"
    serve+=(--config "$tmp/$channels.yaml")
    sed 's/^/# /' "$tmp/$channels.yaml" >>"$report"
  fi
  printf '\n## channels: %s\n$ funnel serve %s\n' "$channels" "${serve[*]}" | sed "s|$tmp/|TMP/|g; s|$root/||g" \
    | tee -a "$report"
  log "starting the server ($channels)"
  start_server "$tmp/serve-$channels.log" "${serve[@]}"
  wait_healthy "$url"
  key="$(cat "$tmp/server-$channels/api-key")"
  log "warming up for $warmup s"
  wrk -t2 -c4 -d"${warmup}s" -s "$lua" "$url" >/dev/null
  for connections in 2 4; do
    log "wrk at $connections connections"
    section "wrk, $connections connections, ${duration} s ($channels)" \
      wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$lua" "$url"
  done
  log "loadgen get at $rate req/s"
  section "fixed rate $rate req/s, latency from the scheduled time ($channels)" \
    "$funnel" loadgen get --url "$url" --rate "$rate" --duration "$duration" --warmup 5 --users 610
  log "hot swaps under load"
  section "hot swaps under load: wrk 4 connections ${swap_duration} s, a rebuild every ${swap_every} s ($channels)" \
    swaps_under_load "$url" "$key"
  stop_server
done
exit "$status"
