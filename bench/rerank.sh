#!/usr/bin/env bash
# One row per re-ranker (BENCHMARKS.md, "Re-rankers"): the full preset against the same pipeline with a freshness
# boost, a per-genre cap in the rules, and exploration, on MovieLens under the random and temporal protocols.
# Writes one JSON report per run under bench/results/rerank/ and prints one line per run. Needs ../shared/data.
#   SPECS="full bench/specs/full-freshness.yaml" PROTOCOLS=random DATASETS="ml-100k:movielens-100k"   a subset
set -euo pipefail
cd "$(dirname "$0")/.."
data="${FUNNEL_DATA:-../shared/data}"
[[ -d "$data/ml-100k" && -d "$data/ml-latest-small" ]] || { echo "MovieLens not found under $data" >&2; exit 1; }
out=bench/results/rerank
mkdir -p "$out"
specs="${SPECS:-full bench/specs/full-freshness.yaml bench/specs/full-category-cap.yaml bench/specs/full-exploration.yaml}"
for ds in ${DATASETS:-"ml-100k:movielens-100k" "ml-latest-small:movielens-latest"}; do
  name="${ds%%:*}" format="${ds##*:}"
  for protocol in ${PROTOCOLS:-random temporal}; do
    for spec in $specs; do
      if [[ -f "$spec" ]]; then what=(--spec "$spec"); tag="$(basename "$spec" .yaml)"; else what=(--pipeline "$spec"); tag="$spec"; fi
      report="$out/$name-$protocol-$tag.json"
      ./funnel eval --data "$data/$name" --format "$format" --protocol "$protocol" --seed 42 --cutoffs 10 \
        "${what[@]}" --report "$report" > /dev/null 2> "$out/$name-$protocol-$tag.log"
      python3 - "$report" "$tag" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["cutoffs"][0]; m = c["metrics"]
age = c.get("itemAge")
print(f'{r["dataset"].split("/")[-1][:24]:<24} {r["protocol"]:<8} {sys.argv[2]:<18} P@10 {m["Precision"]:.4f} '
      f'R@10 {m["Recall"]:.4f} NDCG@10 {m["NDCG"]:.4f} ILD {c.get("diversity", float("nan")):.3f} '
      f'catcov {c.get("categoryCoverage", float("nan")):.3f} novelty {c["novelty"]:.2f} '
      f'age {"%.0f d" % age if age is not None else "-"} fit {r["fitSeconds"]:.0f}s', flush=True)
PY
    done
  done
done
