#!/usr/bin/env bash
# Quality of the multi-stage pipeline and its ablations against the single channels (BENCHMARKS.md, "Ranking").
# Writes one JSON report per run under bench/results/ranking/ and prints one line per run. Needs ../shared/data.
#   PIPELINES="full" PROTOCOLS="loo" DATASETS="ml-100k:movielens-100k"   a subset
#   PIPELINES="full bench/specs/full-freshness.yaml"                     a pipeline may be a spec file
#   EXTRA="--pair-model twotower" TAG=-twotower                          more options; TAG marks the report names
# The re-ranker rows (BENCHMARKS.md, "Re-rankers"): PROTOCOLS="random temporal" PIPELINES="full
#   bench/specs/full-freshness.yaml bench/specs/full-category-cap.yaml bench/specs/full-exploration.yaml"
set -euo pipefail
cd "$(dirname "$0")/.."
data="${FUNNEL_DATA:-../shared/data}"
[[ -d "$data/ml-100k" && -d "$data/ml-latest-small" ]] || { echo "MovieLens not found under $data" >&2; exit 1; }
out=bench/results/ranking
mkdir -p "$out"
pipelines="${PIPELINES:-ease itemcf-weighted usercf ablation-merge ablation-prerank ablation-rank full}"
for ds in ${DATASETS:-"ml-100k:movielens-100k" "ml-latest-small:movielens-latest"}; do
  name="${ds%%:*}" format="${ds##*:}"
  for protocol in ${PROTOCOLS:-random loo}; do
    for p in $pipelines; do
      if [[ -f "$p" ]]; then what=(--spec "$p"); p="$(basename "$p" .yaml)"; else what=(--pipeline "$p"); fi
      report="$out/$name-$protocol-$p${TAG:-}.json"
      # shellcheck disable=SC2086 # EXTRA holds several options
      ./funnel eval --data "$data/$name" --format "$format" --protocol "$protocol" --seed 42 --cutoffs 10 \
        "${what[@]}" ${EXTRA:-} --report "$report" > /dev/null 2> "$out/$name-$protocol-$p${TAG:-}.log"
      python3 - "$report" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["cutoffs"][0]; m = c["metrics"]
age = f'{c["itemAge"]:.0f}d' if "itemAge" in c else "-"
print(f'{r["dataset"].split("/")[-1][:24]:<24} {r["protocol"]:<8} {r["pipeline"]:<22} P@10 {m["Precision"]:.4f} '
      f'R@10 {m["Recall"]:.4f} NDCG@10 {m["NDCG"]:.4f} MAP@10 {m["MAP"]:.4f} HR@10 {m["HR"]:.4f} '
      f'ILD {c.get("diversity", float("nan")):.3f} catcov {c.get("categoryCoverage", float("nan")):.3f} '
      f'novelty {c["novelty"]:.2f} cov {c["coverage"]:.3f} age {age} fit {r["fitSeconds"]:.1f}s', flush=True)
PY
    done
  done
done
