#!/usr/bin/env bash
# Offline quality of the baselines and the retrieval channels on MovieLens (BENCHMARKS.md, "Quality").
# Writes one JSON report per run under bench/results/quality/. Needs ../shared/data.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${FUNNEL_DATA:-../shared/data}"
[[ -d "$data/ml-100k" && -d "$data/ml-latest-small" ]] || { echo "MovieLens not found under $data" >&2; exit 1; }
out=bench/results/quality
mkdir -p "$out"
pipelines="${PIPELINES:-popular itemcf itemcf-weighted swing usercf usercf-pop ease ease-user merged}"
for ds in "ml-100k movielens-100k" "ml-latest-small movielens-latest"; do
  set -- $ds
  for protocol in ${PROTOCOLS:-loo random}; do
    for p in $pipelines; do
      ./funnel eval --data "$data/$1" --format "$2" --protocol "$protocol" --seed 42 --cutoffs 10,100 --pipeline "$p" \
        --report "$out/$1-$protocol-$p.json" > /dev/null
      python3 - "$out/$1-$protocol-$p.json" <<'PY' 2>/dev/null || jq -r '.pipeline' "$out/$1-$protocol-$p.json"
import json, sys
r = json.load(open(sys.argv[1]))
m = {c["k"]: c for c in r["cutoffs"]}
print(f'{r["dataset"]:<32} {r["protocol"]:<7} {r["pipeline"]:<16} HR@10 {m[10]["metrics"]["HR"]:.4f}  '
      f'P@10 {m[10]["metrics"]["Precision"]:.4f}  NDCG@10 {m[10]["metrics"]["NDCG"]:.4f}  '
      f'MAP@10 {m[10]["metrics"]["MAP"]:.4f}  Recall@100 {m[100]["metrics"]["Recall"]:.4f}  '
      f'cov@10 {m[10]["coverage"]:.3f}  fit {r["fitSeconds"]:.2f}s')
PY
    done
  done
done
