#!/usr/bin/env bash
# Whether two builds recommend alike: the same evaluations run with each (every preset on a generated dataset under
# loo and random, the learned models and the ranker with a pair model at small sizes, a few presets on ml-100k),
# and their reports compared metric by metric (BENCHMARKS.md, "Pipeline specs"). For refactors that must change
# no figure. A build is a funnel.jar with its lib/ folder beside it, e.g. a copy of funnel-cli/target.
#   bench/compare-builds.sh OLD/funnel.jar NEW/funnel.jar        prints one line per report, then the count
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 OLD/funnel.jar NEW/funnel.jar" >&2; exit 2; }
cd "$(dirname "$0")/.."
data="${FUNNEL_DATA:-../shared/data}"
work="$(mktemp -d "${TMPDIR:-/tmp}/funnel-compare.XXXXXX")"
trap 'rm -rf "$work"' EXIT
java -jar "$2" generate --users 400 --items 300 --events 9000 --seed 7 --out "$work/gen" > /dev/null
evaluate() { # evaluate JAR OUT_DIR NAME ARGS...
  local jar="$1" out="$2" name="$3"; shift 3
  java -Xmx4g -jar "$jar" eval "$@" --report "$out/$name.json" > "$out/$name.log" 2>&1
}
for side in old new; do
  jar="$1"; [[ $side == new ]] && jar="$2"
  out="$work/$side"; mkdir -p "$out"
  echo "[$(date +%H:%M:%S)] evaluating with the $side build" >&2
  for p in popular itemcf itemcf-weighted swing usercf usercf-pop ease ease-user merged ablation-merge \
      ablation-prerank ablation-rank full; do
    for protocol in loo random; do
      evaluate "$jar" "$out" "gen-$p-$protocol" --data "$work/gen" --protocol "$protocol" --pipeline "$p"
    done
  done
  evaluate "$jar" "$out" gen-twotower-loo --data "$work/gen" --protocol loo --pipeline twotower --tt-epochs 3
  evaluate "$jar" "$out" gen-dae-loo --data "$work/gen" --protocol loo --pipeline dae --dae-epochs 3 --dae-hidden 32
  evaluate "$jar" "$out" gen-full-dae-random --data "$work/gen" --protocol random --pipeline full --pair-model dae \
    --dae-epochs 2 --dae-hidden 16 --mmr-lambda 0.9
  for p in popular itemcf swing merged full; do
    evaluate "$jar" "$out" "ml-100k-$p" --data "$data/ml-100k" --format movielens-100k --protocol random --seed 42 \
      --cutoffs 10 --pipeline "$p"
  done
done
python3 - "$work/old" "$work/new" <<'PY'
import json, os, sys
old, new = sys.argv[1:]
def figures(report):  # every metric of every cut-off; not the times, not the fields a version added
    keys = ("k", "metrics", "coverage", "novelty", "diversity", "categoryCoverage")
    return [{k: c.get(k) for k in keys} for c in report["cutoffs"]]
same = 0
names = sorted(f for f in os.listdir(old) if f.endswith(".json"))
for f in names:
    a, b = (json.load(open(os.path.join(d, f))) for d in (old, new))
    ok = figures(a) == figures(b)
    same += ok
    m, n = a["cutoffs"][0]["metrics"], b["cutoffs"][0]["metrics"]
    print(f'{"same" if ok else "DIFFERENT":<9} {f[:-5]:<28} NDCG@{a["cutoffs"][0]["k"]} {m["NDCG"]:.4f} -> {n["NDCG"]:.4f}'
          f'  P {m["Precision"]:.4f} -> {n["Precision"]:.4f}')
print(f"{same} of {len(names)} reports identical")
sys.exit(0 if same == len(names) else 1)
PY
