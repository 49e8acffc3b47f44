#!/usr/bin/env bash
# The ranker's quality under the server's regime (BENCHMARKS.md, "Feature store"): `funnel eval --protocol temporal
# --pipeline full` on ml-100k and ml-latest-small, seeds 1–3, with each of two builds (a funnel.jar with its lib/
# folder beside it, e.g. a copy of funnel-cli/target), then NDCG@10, HR@10 and MAP@10 per run and their means.
#   bench/ranker-quality.sh OLD/funnel.jar NEW/funnel.jar        SEEDS="1 2 3"
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 OLD/funnel.jar NEW/funnel.jar" >&2; exit 2; }
cd "$(dirname "$0")/.."
data="${FUNNEL_DATA:-../shared/data}"
out="bench/results/quality/ranker"
mkdir -p "$out"
for ds in "ml-100k movielens-100k" "ml-latest-small movielens-latest"; do
  set -- "$1" "$2" $ds
  for seed in ${SEEDS:-1 2 3}; do
    for side in old new; do
      jar="$1"; [[ $side == new ]] && jar="$2"
      echo "[$(date +%H:%M:%S)] $3 seed $seed, $side build" >&2
      java -Xmx4g -jar "$jar" eval --data "$data/$3" --format "$4" --protocol temporal --pipeline full \
        --seed "$seed" --cutoffs 10 > "$out/$3-$side-$seed.txt" 2>&1
    done
  done
  set -- "$1" "$2"
done
for f in "$out"/*.txt; do
  printf '%-32s %s\n' "$(basename "$f" .txt)" "$(grep -A1 ' K ' "$f" | tail -1 | awk '{print "HR", $2, "NDCG", $5, "MAP", $7}')"
done
