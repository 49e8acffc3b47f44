#!/usr/bin/env bash
# Runs dev.funnel.twotower.eval.TwoTowerFigures (a test-scope main) on the worktree's compiled classes.
# Usage, from the repository root or this directory:
#   funnel-learn/figures.sh ml-100k loo tt-mode=pairwise tt-negatives=uniform
# Compile first: ./mvnw -q -B -o -pl funnel-learn -am test-compile
set -euo pipefail
module="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$module")"
cp_file="$module/target/figures.classpath"
if [[ ! -s "$cp_file" ]]; then
  (cd "$root" && ./mvnw -q -B -o -pl funnel-learn dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null)
fi
# Third-party jars only: Funnel's own classes come from the worktree, not from a possibly stale local repository.
deps="$(tr ':' '\n' < "$cp_file" | grep -v '/dev/funnel/' | paste -sd:)"
classes="$root/funnel-core/target/classes:$root/funnel-retrieval/target/classes:$root/funnel-twotower/target/classes"
classes="$classes:$root/funnel-rank/target/classes:$module/target/classes:$module/target/test-classes"
# glibc keeps PyTorch's per-step buffers instead of mapping and unmapping them every step (funnel-twotower/RESULTS.md).
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-1000000000}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-1000000000}"
cd "$module"
exec java -Xmx2g ${JAVA_OPTS:-} -cp "$classes:$deps" dev.funnel.twotower.eval.TwoTowerFigures "$@" 2> >(grep -v '^SLF4J' >&2)
