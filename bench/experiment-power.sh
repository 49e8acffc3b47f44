#!/usr/bin/env bash
# Power of an experiment through the HTTP server (BENCHMARKS.md, "Experiments"): arm A `popular` (the control)
# against arm B `full`, on a generated dataset. The click simulator first visits for DAYS days with no experiment
# (the CUPED pre-period), then the experiment starts and it visits DAYS days more; the results come from the
# server's API and from `funnel experiment report`. Prints the offline NDCG@10 of both pipelines, the lift and the
# users a fixed-horizon test needs for 80 % power at α = 0.05, with and without CUPED.
#   bench/experiment-power.sh            # USERS=2000 DAYS=7 SEED=1 PORT=18480 OUT=bench/results/experiments/power
set -euo pipefail
cd "$(dirname "$0")/.."
users="${USERS:-2000}"; days="${DAYS:-7}"; seed="${SEED:-1}"; port="${PORT:-18480}"
out="${OUT:-bench/results/experiments/power}"
data="$out/data"; server_dir="$out/server"; url="http://127.0.0.1:$port"
rm -rf "$out"; mkdir -p "$out"

./funnel generate --users "$users" --items 1000 --events $((users * 30)) --seed 42 --out "$data"
for pipeline in popular full; do
  ./funnel eval --data "$data" --format generic --protocol random --seed 42 --pipeline "$pipeline" \
    --report "$out/eval-$pipeline.json" > "$out/eval-$pipeline.log" 2>&1
done

./funnel serve --data "$data" --dir "$server_dir" --port "$port" > "$out/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -fs "$url/v1/health" > /dev/null 2>&1 && break; sleep 1; done
key="$(cat "$server_dir/api-key")"
now="$(date +%s)"
simulate() { # START_OFFSET_DAYS OUTPUT
  ./funnel simulate --data "$data" --url "$url" --api-key "$key" --users "$users" --days "$days" --seed "$seed" \
    --start $((now - $1 * 86400)) --json > "$2"
}

simulate $((2 * days)) "$out/pre-period.json"
curl -fsS -X POST "$url/v1/experiments" -H "X-Api-Key: $key" -d '{"id": "popular-vs-full", "status": "running",
  "arms": [{"name": "popular", "weight": 1, "spec": "popular"}, {"name": "full", "weight": 1, "spec": "full"}],
  "goal": "clicksPerUser"}' > "$out/created.json"
for _ in $(seq 600); do
  curl -fsS "$url/v1/experiments/popular-vs-full" -H "X-Api-Key: $key" | grep -q '"ready":true' && break
  sleep 1
done
simulate "$days" "$out/experiment.json"
sleep 2 # the impression writer stores off the request path
curl -fsS "$url/v1/experiments/popular-vs-full/results" -H "X-Api-Key: $key" > "$out/results.json"
./funnel experiment report --dir "$server_dir" --id popular-vs-full > "$out/report.txt"
cat "$out/report.txt"

python3 - "$out" <<'PY'
import json, sys
from statistics import NormalDist
out = sys.argv[1]
ndcg = {p: json.load(open(f"{out}/eval-{p}.json")) for p in ("popular", "full")}
def at10(report):
    for k in report["cutoffs"]:
        if k["k"] == 10:
            return next(v for m, v in k["metrics"].items() if m.lower().startswith("ndcg"))
print("offline NDCG@10 (random 75/25, seed 42): popular %.4f, full %.4f" % (at10(ndcg["popular"]), at10(ndcg["full"])))
r = json.load(open(f"{out}/results.json"))
users = sum(a["users"] for a in r["arms"])
z = NormalDist().inv_cdf(0.975) + NormalDist().inv_cdf(0.8)
for c in r["comparisons"]:
    if not c["goal"]:
        continue
    for name, e in (("unadjusted", c["fixed"]), ("CUPED", c["cuped"]["fixed"] if c.get("cuped") else None)):
        if e is None:
            continue
        needed = users * (z * e["standardError"] / e["difference"]) ** 2
        print("%s %s: lift %+.1f%% [%+.1f%%, %+.1f%%], p %.2g; users for 80%% power at this lift: %.0f"
              % (c["metric"], name, 100 * e["lift"], 100 * e["liftLow"], 100 * e["liftHigh"], e["pValue"], needed))
    if c.get("cuped"):
        print("CUPED θ %.3f, variance reduction %.1f%%" % (c["cuped"]["theta"], 100 * c["cuped"]["varianceReduction"]))
print("users in the experiment: %d (%s)" % (users, ", ".join("%s %d" % (a["name"], a["users"]) for a in r["arms"])))
print("SRM p %.3f" % r["srm"]["pValue"])
PY
