#!/usr/bin/env python3
"""Where a served request's Java CPU goes, by pipeline stage, from a JFR recording (bench/serve-ranked.sh JFR=...).

Each jdk.ExecutionSample of a request thread is charged to one stage by its stack, read from the sampled frame
towards the root: the first frame that names a stage decides (a channel's retriever is "retrieval", the merge
around it "merge"; the feature code, the pre-ranker, the ranker, the sort and copy between them, the re-rank
chain, JSON). Samples outside those (HTTP, routing, the rest of the service) are "http and other". JFR samples only
threads running Java code: the share of native code (XGBoost before issue 18) comes from perf in the same script.
  bench/jfr-stages.py RECORDING.jfr
"""
import json
import subprocess
import sys
from collections import Counter

# (stage, predicate on "class.method"), tried in order on each frame from the leaf up.
STAGES = [
    ("rank (GBDT)", lambda f: ".GbdtRanker." in f or ".Forest." in f or "xgboost4j" in f),
    ("pre-rank", lambda f: ".LinearPreRanker." in f),
    ("features", lambda f: ".FeatureExtractor." in f or ".rank.features." in f),
    ("re-rank", lambda f: ".rank.rerank." in f or "RankingPipeline.reRank" in f),
    ("rank: sort and copy", lambda f: "RankingPipeline.rank" in f or "RankingPipeline.best" in f
     or "RankingPipeline.select" in f),
    ("merge", lambda f: "MultiChannelRetriever." in f),
    ("retrieval", lambda f: ".retrieval." in f),
    ("JSON", lambda f: "jackson" in f or "Json" in f or "json" in f),
]


def frames(event):
    for frame in event["values"]["stackTrace"]["frames"]:
        method = frame["method"]
        yield method["type"]["name"].replace("/", ".") + "." + method["name"]


def main(path):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "128", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    counts = Counter()
    for event in events:
        thread = (event["values"].get("sampledThread") or {}).get("javaName") or ""
        if "JettyServerThreadPool" not in thread and "qtp" not in thread:
            counts["(other threads)"] += 1
            continue
        stage = "http and other"
        for name in frames(event):
            hit = next((s for s, test in STAGES if test(name)), None)
            if hit:
                stage = hit
                break
        counts[stage] += 1
    request = sum(n for s, n in counts.items() if s != "(other threads)")
    print(f"{len(events)} Java samples, {request} on request threads")
    for stage, _ in STAGES + [("http and other", None)]:
        n = counts.get(stage, 0)
        print(f"  {stage:<22} {n:6d}  {100 * n / max(1, request):5.1f} %")
    print(f"  {'(other threads)':<22} {counts.get('(other threads)', 0):6d}")


if __name__ == "__main__":
    main(sys.argv[1])
