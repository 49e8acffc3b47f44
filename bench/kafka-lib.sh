# Shared by bench/kafka-*.sh (sourced after serving-lib.sh): a real Kafka broker (KRaft, from the Maven jars, in a
# child JVM; see funnel-kafka's KafkaBroker) under $tmp/broker, its process tracked for the EXIT trap.
broker_pid=""

# start_broker: formats and starts the broker the first time, restarts it on the same storage and port after;
# sets $bootstrap.
start_broker() {
  if [[ ! -f "$tmp/broker-classpath" ]]; then
    (cd "$root" && ./mvnw -q -B -o test-compile -pl funnel-kafka -am >/dev/null 2>&1 || ./mvnw -q -B test-compile -pl funnel-kafka -am >/dev/null)
    (cd "$root" && ./mvnw -q -B dependency:build-classpath -pl funnel-kafka -Dmdep.includeScope=test \
      -Dmdep.outputFile="$tmp/broker-classpath" >/dev/null)
  fi
  local started
  started="$(java -cp "$root/funnel-kafka/target/test-classes:$(cat "$tmp/broker-classpath")" \
    dev.funnel.kafka.KafkaBroker "$tmp/broker" 2>>"$tmp/broker-start.log")"
  bootstrap="${started% *}"
  broker_pid="${started#* }"
  background_pids+=("$broker_pid")
  log "Kafka broker at $bootstrap (pid $broker_pid)"
}

# On exit, the broker is stopped (and waited for) before the temp dir it writes to is removed.
before_cleanup() {
  [[ -z "$broker_pid" ]] || kill_broker
}

# kill_broker: kill -9 of the broker process.
kill_broker() {
  kill -KILL "$broker_pid" 2>/dev/null || true
  while kill -0 "$broker_pid" 2>/dev/null; do sleep 0.1; done
}
