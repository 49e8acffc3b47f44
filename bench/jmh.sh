#!/usr/bin/env bash
# JMH micro-benchmarks (funnel-bench). Arguments go to JMH, e.g. `bench/jmh.sh RankingBenchmark -f 1`.
# Results as JSON under bench/results/jmh/.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package -pl funnel-bench -am
mkdir -p bench/results/jmh
java -jar funnel-bench/target/benchmarks.jar -rf json -rff "bench/results/jmh/$(date +%Y%m%d-%H%M%S).json" "$@"
