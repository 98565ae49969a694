#!/usr/bin/env bash
# events_published_per_s (issue 15) for the An Sinh Gateway -- see bench/README.md.
#
#   bench/events.sh target/ansinh-gateway-0.1.0-SNAPSHOT.jar
#
# The same payment list through B2 (bench/batch.sh, without B2v) with the event stream off, then
# on, publishing to a local single-node Kafka broker in KRaft mode (the project's test broker,
# support/KafkaBroker, from Maven Central's org.apache.kafka artifacts, in a JVM of its own, its
# topics and transaction log created first). Then the topics are read back
# (bench/EventTopics.java): how many events and payment statuses arrived, how fast, whether any id
# repeats. Then more off/on pairs (BENCH_EVENTS_PAIRS, 2 in all), for the time only; B2's time with
# the stream on over B2's time with it off is the ratio of the pairs' sums (target 1.2 at most). Prints "BENCH <name> <value> <unit>" lines, also written to
# target/bench/results-events.txt. The caller holds the build lock: this script runs Maven offline
# once, for the test class path.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(dirname "$BENCH_DIR")

# --- knobs (environment) ---------------------------------------------------------------------
ROWS=${BENCH_EVENTS_ROWS:-1000000}
WORK=${BENCH_EVENTS_WORK_DIR:-$PROJECT_DIR/target/bench/events}
RESULTS=${BENCH_EVENTS_RESULTS:-$PROJECT_DIR/target/bench/results-events.txt}
KAFKA_PORT=${BENCH_EVENTS_KAFKA_PORT:-19092}
GW_PORT=${BENCH_EVENTS_GATEWAY_PORT:-18193}    # B2's gateway and population stub: not batch.sh's defaults,
STUB_PORT=${BENCH_EVENTS_STUB_PORT:-18194}     # so a B2 run of its own may go on beside this one
KAFKA_JAVA_OPTS=${BENCH_EVENTS_KAFKA_JAVA_OPTS:--Xmx512m}
PAIRS=${BENCH_EVENTS_PAIRS:-2}   # off/on pairs, alternating: the ratio is of their sums (one pair's ratio is mostly noise here)
TOPICS="ansinh.beneficiary.v1 ansinh.payment.v1 ansinh.audit.v1"

[[ $WORK == /* ]] || WORK=$PWD/$WORK
[[ $RESULTS == /* ]] || RESULTS=$PWD/$RESULTS
PARTIAL=$WORK/results.partial
OWN_WORK=0
KAFKA_PID=

LOG_TAG=events
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

cleanup() {
  local status=$?
  trap - EXIT
  stop_pid "$KAFKA_PID" kafka 20
  ((status == 0)) || log "run FAILED (exit $status); logs in $WORK"
  exit "$status"
}

start_kafka() {
  ! port_in_use "$KAFKA_PORT" || die "port $KAFKA_PORT is already in use (set BENCH_EVENTS_KAFKA_PORT)"
  (cd "$PROJECT_DIR" && ./mvnw -B -q -o dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$WORK/classpath.txt" > "$WORK/maven.log" 2>&1) || die "no test class path: $WORK/maven.log"
  CP="$PROJECT_DIR/target/test-classes:$(cat "$WORK/classpath.txt")"
  [[ -f $PROJECT_DIR/target/test-classes/vn/ansinh/gateway/support/KafkaBroker.class ]] \
    || die "no compiled KafkaBroker (run ./mvnw test-compile first)"
  rm -rf "$WORK/kafka"
  log "starting Kafka (KRaft, one node) on :$KAFKA_PORT"
  # shellcheck disable=SC2086  # the JVM options are meant to split into words
  java $KAFKA_JAVA_OPTS -Dlogback.configurationFile="$BENCH_DIR/kafka-logback.xml" -cp "$CP" \
    vn.ansinh.gateway.support.KafkaBroker "$WORK/kafka" "$KAFKA_PORT" > "$WORK/kafka.log" 2>&1 &
  KAFKA_PID=$!
  for _ in $(seq 1 120); do
    grep -q '^KAFKA READY' "$WORK/kafka.log" && return 0
    kill -0 "$KAFKA_PID" 2>/dev/null || die "Kafka died: $(tail -n 20 "$WORK/kafka.log")"
    sleep 0.5
  done
  die "Kafka not ready after 60 s"
}

# run_b2 NAME EXTRA_GATEWAY_ARGS: B2 alone, its figures in $WORK/NAME.txt
run_b2() {
  log "B2 with the event stream $1: $ROWS rows (bench/batch.sh, log $WORK/$1.out)"
  BENCH_BATCH_ROWS=$ROWS BENCH_BATCH_GATE_ROWS=0 BENCH_BATCH_SCHEMA_FILES=2 BENCH_BATCH_PORT=$GW_PORT \
    BENCH_BATCH_STUB_PORT=$STUB_PORT \
    BENCH_BATCH_WORK_DIR="$WORK/$1" BENCH_BATCH_RESULTS="$WORK/$1.txt" BENCH_BATCH_GATEWAY_ARGS="$2" \
    bash "$BENCH_DIR/batch.sh" "$JAR" > "$WORK/$1.out" 2>&1 || die "B2 ($1) failed: $(tail -n 5 "$WORK/$1.out")"
}

figure() { awk -v n="$2" '$1 == "BENCH" && $2 == n { print $3 }' "$WORK/$1.txt"; }

main() {
  JAR=${1:-}
  [[ -f $JAR ]] || die "usage: bench/events.sh <gateway jar>"
  JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
  mkdir -p "$WORK"
  trap cleanup EXIT
  OWN_WORK=1
  rm -f "$PARTIAL" "$RESULTS" "$WORK"/*.txt "$WORK"/*.out
  printf '# bench/events.sh %s; %s rows; host %s cores\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$ROWS" "$(nproc)" > "$PARTIAL"

  start_kafka
  # the topics and the broker's transaction log exist before either run, as on a broker in service
  # shellcheck disable=SC2086  # the topics are meant to split into words
  java -Dlogback.configurationFile="$BENCH_DIR/kafka-logback.xml" -cp "$CP" "$BENCH_DIR/EventTopics.java" \
    "localhost:$KAFKA_PORT" prepare $TOPICS 2> "$WORK/prepare.log" | grep -q '^PREPARED ' \
    || die "the broker could not be prepared: $(tail -n 5 "$WORK/prepare.log")"
  local stream="--gateway.events.enabled=true --gateway.events.bootstrap-servers=localhost:$KAFKA_PORT"
  run_b2 off ""
  run_b2 on "$stream"
  log "reading the topics back"
  # shellcheck disable=SC2086  # the topics are meant to split into words
  read -r _ records ids statuses first last < <(java -Dlogback.configurationFile="$BENCH_DIR/kafka-logback.xml" -cp "$CP" "$BENCH_DIR/EventTopics.java" \
    "localhost:$KAFKA_PORT" stats $TOPICS 2> "$WORK/topics.log" | grep '^EVENTS ')
  local span off on expected
  span=$(calc %.3f "($last - $first) / 1000")
  off=$(figure off batch_seconds)
  on=$(figure on batch_seconds)
  # every row's status after validation, and again for each row dispatched to a bank
  expected=$((ROWS + $(grep -o '"counts":{[^}]*}' "$WORK/on/batch-view.json" | sed -n 's/.*"toBanks":\([0-9]*\).*/\1/p')))
  emit events_rows "$ROWS" count
  emit events_published "$records" count
  emit events_distinct_ids "$ids" count
  emit events_payment_statuses "$statuses" count
  emit events_payment_statuses_expected "$expected" count
  emit events_publish_span_seconds "$span" s
  emit events_published_per_s "$(calc %.0f "$records / ($span > 0 ? $span : 1)")" events/s
  emit events_payment_statuses_per_s "$(calc %.0f "$statuses / ($span > 0 ? $span : 1)")" statuses/s
  ((statuses == expected)) || die "$statuses payment statuses published, $expected expected"
  # more pairs, for the time only (their events go to the same topics, already counted above)
  local offs=$off ons=$on pair
  emit events_b2_seconds_stream_off_1 "$off" s
  emit events_b2_seconds_stream_on_1 "$on" s
  for ((pair = 2; pair <= PAIRS; pair++)); do
    run_b2 "off$pair" ""
    run_b2 "on$pair" "$stream"
    emit "events_b2_seconds_stream_off_$pair" "$(figure "off$pair" batch_seconds)" s
    emit "events_b2_seconds_stream_on_$pair" "$(figure "on$pair" batch_seconds)" s
    offs=$(calc %.2f "$offs + $(figure "off$pair" batch_seconds)")
    ons=$(calc %.2f "$ons + $(figure "on$pair" batch_seconds)")
  done
  emit events_b2_seconds_stream_off "$(calc %.2f "$offs / $PAIRS")" s
  emit events_b2_seconds_stream_on "$(calc %.2f "$ons / $PAIRS")" s
  emit events_b2_on_off_ratio "$(ratio "$ons" "$offs")" ratio
  mv "$PARTIAL" "$RESULTS"
  log "done: $RESULTS"
}

main "$@"
