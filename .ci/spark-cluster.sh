#!/usr/bin/env bash
# A Spark standalone cluster on 127.0.0.1 from the jars the funnel launcher already holds (funnel-cli/target/lib,
# built by ./funnel): one master on spark://127.0.0.1:7077 and two workers of one core and 1 GiB each. No download.
#   .ci/spark-cluster.sh start DIR   # logs, pids and a SPARK_HOME of links under DIR; returns once both workers joined
#   .ci/spark-cluster.sh stop DIR
# Funnel's own jars are left out of the cluster's classpath, so that executors run only what the driver ships to
# them (spark.jars, or the job jar under spark-submit).
set -euo pipefail
cd "$(dirname "$0")/.."
action="${1:?usage: spark-cluster.sh start|stop DIR}"
dir="$(mkdir -p "${2:?usage: spark-cluster.sh start|stop DIR}" && cd "$2" && pwd)"
lib="$PWD/funnel-cli/target/lib"

opens="@$PWD/funnel-spark/jvm-options" # the --add-opens flags Spark needs on Java 17

start() {
  [[ -d "$lib" ]] || { echo "spark-cluster: $lib is missing; run ./funnel --help once to build it" >&2; exit 1; }
  # Workers start executors with SPARK_HOME/jars/* as their classpath.
  mkdir -p "$dir/spark-home/jars"
  for jar in "$lib"/*.jar; do
    [[ "$(basename "$jar")" == funnel-* ]] || ln -sf "$jar" "$dir/spark-home/jars/"
  done
  export SPARK_HOME="$dir/spark-home" SPARK_SCALA_VERSION=2.13
  local cp="$dir/spark-home/jars/*"
  java -Xmx512m "$opens" -cp "$cp" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port 7077 --webui-port 18090 > "$dir/master.log" 2>&1 &
  echo $! > "$dir/master.pid"
  for w in 1 2; do
    java -Xmx512m "$opens" -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 \
      --memory 1g --webui-port 0 --work-dir "$dir/work$w" spark://127.0.0.1:7077 > "$dir/worker$w.log" 2>&1 &
    echo $! > "$dir/worker$w.pid"
  done
  for _ in $(seq 120); do
    if [[ "$(curl -fs http://127.0.0.1:18090/json/ 2>/dev/null | grep -o '"aliveworkers" *: *[0-9]*' | grep -o '[0-9]*$')" == 2 ]]; then
      echo "spark-cluster: master spark://127.0.0.1:7077 with 2 workers"
      return
    fi
    sleep 1
  done
  tail -n 20 "$dir"/*.log >&2
  echo "spark-cluster: the workers did not join in 120 s" >&2
  stop
  exit 1
}

stop() {
  for name in worker1 worker2 master; do
    if [[ -f "$dir/$name.pid" ]]; then
      kill "$(cat "$dir/$name.pid")" 2>/dev/null || true
      rm -f "$dir/$name.pid"
    fi
  done
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: spark-cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
