#!/usr/bin/env bash
# The feature store's offline point-in-time join at scale (BENCHMARKS.md, "Feature store"): the heavy-tailed
# 10M-draw set of ../shared/tools/powerlaw.py (9,002,576 events, 200k users, 100k items), 1,000,000 random
# examples, the 30 features of bench/specs/features-30.yaml; RUNS joins, then the consistency check on SAMPLES
# points. Output: bench/results/features/join.txt.
#   bench/features-join.sh [DATA_DIR]        RUNS=3 EXAMPLES=1000000 SAMPLES=100000
set -euo pipefail
source "$(dirname "$0")/serving-lib.sh"
data="${1:-$root/../powerlaw}"
out="$root/bench/results/features"
mkdir -p "$out"
report="$out/join.txt"
ensure_built
if [[ ! -f "$data/events.csv" ]]; then
  log "writing the powerlaw set to $data (needs numpy)"
  python3 "$root/../shared/tools/powerlaw.py" "$data"
fi
config="$root/bench/specs/features-30.yaml"
{
  echo "# bench/features-join.sh: funnel features join, ${EXAMPLES:-1000000} examples, 30 features, ${RUNS:-3} runs"
  describe_machine
} >"$report"
for run in $(seq "${RUNS:-3}"); do
  log "join, run $run"
  JAVA_OPTS="${JAVA_OPTS:--Xmx8g}" "$funnel" features join --data "$data" --config "$config" \
    --samples "${EXAMPLES:-1000000}" --seed "$run" 2>&1 | tee -a "$report"
done
log "consistency check"
JAVA_OPTS="${JAVA_OPTS:--Xmx8g}" "$funnel" features check --data "$data" --config "$config" \
  --samples "${SAMPLES:-100000}" 2>&1 | tee -a "$report"
log "report: $report"
