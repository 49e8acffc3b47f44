#!/usr/bin/env bash
# The ranked pipeline's serving cost next to the merge's, in one run (BENCHMARKS.md, "Serving the ranked pipeline
# fast (issue 18)"): two servers on ml-latest-small with the per-user cache off (cacheSize: 0), the merged channels
# (itemcf, swing, usercf) alone and with the ranking stages (300 candidates → features → pre-rank to 100 → a bag of
# RANK_MEMBERS GBDTs → rules); both warm up, then RUNS rounds of `wrk -t2 -c4` alternate between them, then
# `funnel loadgen get` at a fixed RATE on each. With JFR=FILE the ranked server records a CPU profile (JFR's
# "profile" settings) of one more wrk run. Output: bench/results/serving/serve-ranked.txt (REPORT= another file).
#   bench/serve-ranked.sh     RUNS=3 DURATION=20 WARMUP=15 RATE=1000 RANK_MEMBERS=5
#   JAR=/path/funnel.jar      serve with another build (its lib/ beside it), e.g. a copy of the one before a change
#   JFR=/tmp/ranked.jfr       also profile the ranked server under wrk (then `jfr print`, or bench/jfr-breakdown.py)
set -euo pipefail
source "$(dirname "$0")/serving-lib.sh"
command -v wrk >/dev/null || { echo "wrk not found (Debian: apt-get install wrk)" >&2; exit 1; }
data="${FUNNEL_DATA:-$root/../shared/data}/ml-latest-small"
[[ -d "$data" ]] || { echo "MovieLens latest-small not found (set FUNNEL_DATA)" >&2; exit 1; }
runs="${RUNS:-3}" duration="${DURATION:-20}" warmup="${WARMUP:-15}" rate="${RATE:-1000}"
lua="$root/bench/wrk/recommend.lua"
out="$root/bench/results/serving"
mkdir -p "$out"
report="${REPORT:-$out/serve-ranked.txt}"
export USERS=610 USER_PREFIX="" N=10
if [[ -n "${JAR:-}" ]]; then
  loadgen=(java -Xmx512m -XX:+UseSerialGC -Xmn64m -jar "$JAR" loadgen)
else
  ensure_built
  loadgen=("$funnel" loadgen)
fi
declare -A pids urls

# start NAME RANKED [JVM OPTIONS...]: a server on its own port and directory.
start() {
  local name="$1" ranked="$2" port; shift 2
  port="$(free_port)"
  {
    printf 'serving:\n  cacheSize: 0\npipeline:\n  channels: [itemcf, swing, usercf]\n'
    [[ "$ranked" == true ]] && printf '  prerank: {}\n  rank: {members: %s}\n' "${RANK_MEMBERS:-5}"
    printf '  rerank:\n    - rules: {}\n'
  } >"$tmp/$name.yaml"
  sed 's/^/# /' "$tmp/$name.yaml" >>"$report"
  local args=(serve --data "$data" --format movielens-latest --dir "$tmp/server-$name" --port "$port"
    --config "$tmp/$name.yaml")
  if [[ -n "${JAR:-}" ]]; then
    java -Xmx4g -Xmn64m "$@" -jar "$JAR" "${args[@]}" >"$tmp/serve-$name.log" 2>&1 &
  else
    JAVA_OPTS="-Xmx4g -Xmn64m $*" "$funnel" "${args[@]}" >"$tmp/serve-$name.log" 2>&1 &
  fi
  pids[$name]=$!
  background_pids+=("$!")
  urls[$name]="http://127.0.0.1:$port"
  server_pid="${pids[$name]}" wait_healthy "${urls[$name]}"
}

section() {
  local title="$1"; shift
  printf '\n### %s\n$ %s\n' "$title" "$*" | sed "s|$root/||g; s|$tmp/|TMP/|g" | tee -a "$report"
  "$@" 2>&1 | tee -a "$report"
}

{
  echo "# bench/serve-ranked.sh: funnel serve on ml-latest-small, cache off, merge only vs ranked, n=10"
  describe_machine
  echo "build: ${JAR:-$funnel}"
  echo "wrk: $(wrk --version 2>&1 | head -1)"
} >"$report"
log "starting the servers"
start merge false
start ranked true
for name in merge ranked; do
  log "warming up $name for $warmup s"
  wrk -t2 -c4 -d"${warmup}s" -s "$lua" "${urls[$name]}" >/dev/null
done
for run in $(seq 1 "$runs"); do
  for name in merge ranked; do
    log "wrk run $run, $name"
    echo "load average: $(uptime | sed 's/.*load average: //')" >>"$report"
    section "wrk -t2 -c4 ${duration} s, run $run ($name)" wrk -t2 -c4 -d"${duration}s" --latency -s "$lua" "${urls[$name]}"
  done
done
for name in merge ranked; do
  log "loadgen get at $rate req/s, $name"
  echo "load average: $(uptime | sed 's/.*load average: //')" >>"$report"
  section "fixed rate $rate req/s, latency from the scheduled time ($name)" "${loadgen[@]}" get \
    --url "${urls[$name]}" --rate "$rate" --duration "$duration" --warmup 5 --users 610
done
if [[ -n "${JFR:-}" ]]; then
  # One more wrk run on the ranked server with JFR (Java stacks: bench/jfr-stages.py) and, where perf is installed,
  # perf sampling every thread by shared object (native code such as XGBoost's, the JVM's own threads, the kernel);
  # the server's CPU time over the run divided by the requests served is its CPU per request.
  pid="${pids[ranked]}"
  log "profiling the ranked server under wrk"
  jcmd "$pid" JFR.start name=load settings=profile filename="$JFR" >/dev/null
  cpu_before="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
  if command -v perf >/dev/null; then
    perf record -q -F 499 -p "$pid" -o "$tmp/perf.data" -- sleep "$duration" >/dev/null 2>&1 &
    perf_pid=$!
  fi
  section "profiled: wrk -t2 -c4 ${duration} s (ranked)" wrk -t2 -c4 -d"${duration}s" -s "$lua" "${urls[ranked]}"
  cpu_after="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
  jcmd "$pid" JFR.stop name=load >/dev/null
  [[ -n "${perf_pid:-}" ]] && { wait "$perf_pid" || true; }
  requests="$(grep -o '[0-9]* requests in' "$report" | tail -1 | cut -d' ' -f1)"
  python3 -c "import os; t = os.sysconf('SC_CLK_TCK'); print(f'server CPU: {($cpu_after - $cpu_before) / t:.1f} s for \
$requests requests, {1000 * ($cpu_after - $cpu_before) / t / $requests:.3f} ms per request')" | tee -a "$report"
  echo "JFR recording: $JFR" | tee -a "$report"
  "$root/bench/jfr-stages.py" "$JFR" | tee -a "$report"
  if [[ -f "$tmp/perf.data" ]]; then
    echo "perf, share of the server's samples by shared object:" | tee -a "$report"
    perf report -i "$tmp/perf.data" --sort dso --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -12 \
      | tee -a "$report"
    echo "perf, the JVM's own code (libjvm.so) by symbol:" | tee -a "$report"
    perf report -i "$tmp/perf.data" --dsos libjvm.so --sort sym --stdio 2>/dev/null | grep -v '^#' \
      | grep -v '^$' | head -12 | tee -a "$report"
  fi
fi
