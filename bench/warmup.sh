#!/usr/bin/env bash
# Warm-up and startup (issue: "ready means ready"): how long a cold gateway takes to reach 90% of
# its warm capacity, with and without a Java 25 ahead-of-time cache (JEP 483/514/515: classes
# loaded and linked, method profiles), all in one run on one machine.
#
#   bench/warmup.sh target/ansinh-gateway-0.1.0-SNAPSHOT.jar
#
# 1. The jar is extracted (java -Djarmode=tools … extract): an AOT cache holds classes of the
#    class path, not of jars nested in a jar.
# 2. Training run on Java 25 with -XX:AOTCacheOutput: the verification load for
#    BENCH_WARMUP_TRAINING seconds, then a clean stop; the JVM writes the cache on the way out.
# 3. Two cold starts on the database the training left (restored before each), without and then with -XX:AOTCache:
#    time to readiness, then the load in slices of BENCH_WARMUP_SLICE seconds for
#    BENCH_WARMUP_WINDOW seconds, verifications per second counted per slice.
# 4. The Java 17 fat jar started on the same database, to readiness only (the default way to run).
#
# Warm capacity = the better of the two runs' last 30 seconds. seconds_to_90pct_capacity = from
# launch to the end of the first slice at 90% of it or more. The population database is
# bench/PopulationStub.java answering at once, as in B1 at capacity; the partner's rate limit is
# lifted.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(dirname "$BENCH_DIR")

JAVA25=${BENCH_JAVA25:-${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java}
WORK=${BENCH_WARMUP_WORK_DIR:-$PROJECT_DIR/target/bench/warmup}
RESULTS=${BENCH_WARMUP_RESULTS:-$PROJECT_DIR/target/bench/results-warmup.txt}
PARTIAL=$WORK/results.partial
TRAINING=${BENCH_WARMUP_TRAINING:-60}       # seconds of load in the training run
WINDOW=${BENCH_WARMUP_WINDOW:-180}          # seconds of load measured after each cold start
SLICE=${BENCH_WARMUP_SLICE:-5}              # seconds per measured slice
TAIL=${BENCH_WARMUP_TAIL:-30}               # the last seconds of each run that define warm capacity
CONNECTIONS=${BENCH_WARMUP_CONNECTIONS:-32}
GW_PORT=${BENCH_WARMUP_PORT:-18095}
STUB_PORT=${BENCH_WARMUP_STUB_PORT:-18096}
STARTUP_TIMEOUT=${BENCH_WARMUP_STARTUP_TIMEOUT:-180}
GW_JAVA_OPTS=${BENCH_WARMUP_JAVA_OPTS:--Xmx1g}
STUB_JAVA_OPTS=${BENCH_STUB_JAVA_OPTS:--Xms128m -Xmx256m -XX:+UseSerialGC}
CLIENT_ID=${BENCH_CLIENT_ID:-dolisa-demo}
CLIENT_SECRET=${BENCH_CLIENT_SECRET:-demo-secret}

GW=http://127.0.0.1:$GW_PORT
STUB=http://127.0.0.1:$STUB_PORT
VERIFY_URL=$GW/api/v1/citizens/verifications
VERIFY_BODY='{"personalId":"040090000123","fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17"}'
GW_PID= STUB_PID= WRK_PID= OWN_WORK=0 TOKEN=
RSS_PEAK_KB=0 PG_PEAK_KB=0

LOG_TAG=warmup
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

cleanup() {
  local status=$?
  trap - EXIT
  stop_pid "$WRK_PID" wrk 2
  stop_pid "$GW_PID" gateway 60
  [[ $OWN_WORK != 1 ]] || stop_orphan_postgres
  stop_pid "$STUB_PID" stub 5
  ((status == 0)) || log "run FAILED (exit $status); logs in $WORK"
  exit "$status"
}

ensure_tools() {
  command -v wrk >/dev/null || {
    [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null || die "wrk is needed: apt-get install -y wrk"
    log "installing wrk (Debian package)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2 || die "apt-get install wrk failed"
  }
  [[ -x $JAVA25 ]] || die "no Java 25 at $JAVA25 (set BENCH_JAVA25 or JAVA25_HOME)"
  "$JAVA25" -version 2>&1 | grep -q 'version "2[5-9]' || die "$JAVA25 is not Java 25 or later"
  local tool
  for tool in java curl awk; do command -v "$tool" >/dev/null || die "$tool is needed and not on PATH"; done
}

prepare() {
  mkdir -p "$WORK"
  exec 9> "$WORK/.lock"
  flock -n 9 || die "another bench run is using $WORK"
  OWN_WORK=1
  stop_orphan_postgres
  rm -rf "$WORK/data" "$WORK/data.base" "$WORK/app" "$WORK"/*.aot "$WORK"/*.log "$WORK"/wrk-* "$RESULTS" "$PARTIAL"
  mkdir -p "$WORK/data"
  for port in "$GW_PORT" "$STUB_PORT"; do ! port_in_use "$port" || die "port $port is already in use"; done
  {
    printf '# bench/warmup.sh %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf '# host: %s cores; %s; %s\n' "$(nproc)" "$("$JAVA25" -version 2>&1 | head -n 1)" "$(java -version 2>&1 | head -n 1)"
    printf '# jar: %s; training %ss, window %ss in %ss slices, %s connections\n' \
      "$(basename "$JAR")" "$TRAINING" "$WINDOW" "$SLICE" "$CONNECTIONS"
  } > "$PARTIAL"
  log "extracting $(basename "$JAR") into $WORK/app"
  "$JAVA25" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" > "$WORK/extract.log" 2>&1 \
    || die "extract failed: $(tail -n 3 "$WORK/extract.log")"
  APP_JAR=$WORK/app/$(basename "$JAR")
}

start_stub() {
  java $STUB_JAVA_OPTS "$BENCH_DIR/PopulationStub.java" "$STUB_PORT" > "$WORK/stub.log" 2>&1 9>&- &
  STUB_PID=$!
  local i
  for ((i = 0; i < 300; i++)); do port_in_use "$STUB_PORT" && return 0; sleep 0.1; done
  die "stub not listening on $STUB_PORT (log: $WORK/stub.log)"
}

# start_gateway NAME JAVA JAR [jvm options…]: launch, wait for readiness; sets GW_PID, LAUNCHED, READY_SECONDS
start_gateway() {
  local name=$1 java=$2 jar=$3
  shift 3
  log "$name: starting the gateway ($java $*)"
  LAUNCHED=$(now)
  # shellcheck disable=SC2086
  "$java" $GW_JAVA_OPTS "$@" -jar "$jar" \
    --server.port="$GW_PORT" \
    --gateway.data-dir="$WORK/data" \
    --gateway.simulators.enabled=false \
    --gateway.agencies.population-registry.url="$STUB/population" \
    --gateway.rate-limit.partners."$CLIENT_ID"=0 > "$WORK/gateway-$name.log" 2>&1 9>&- &
  GW_PID=$!
  wait_for_200 "$GW/actuator/health/readiness" "$STARTUP_TIMEOUT" "$GW_PID" gateway "$WORK/gateway-$name.log" \
    "Application run failed"
  READY_SECONDS=$(since "$LAUNCHED")
  log "$name: ready after ${READY_SECONDS}s"
}

fetch_token() {
  local json
  json=$(curl -sS --max-time 10 -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials "$GW/oauth2/token") \
    || die "token request failed"
  TOKEN=$(printf '%s' "$json" | sed -n 's/.*"access_token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
  [[ -n $TOKEN ]] || die "no access_token in the token answer: $json"
}

# load SECONDS OUTFILE: wrk against the verification path; prints requests per second (2xx only)
load() {
  local secs=$1 out=$2 requests non2xx
  BENCH_KIND=verify BENCH_TOKEN=$TOKEN wrk -t2 -c"$CONNECTIONS" -d"${secs}s" \
    -s "$BENCH_DIR/post.lua" "$VERIFY_URL" > "$out" 2>&1 9>&- &
  WRK_PID=$!
  wait "$WRK_PID" || die "wrk failed: $(head -n 5 "$out")"
  WRK_PID=
  requests=$(sed -n 's/^WRK_RESULT requests=\([0-9]*\).*/\1/p' "$out")
  non2xx=$(sed -n 's/^WRK_RESULT.* non2xx=\([0-9]*\).*/\1/p' "$out")
  [[ -n $requests ]] || die "wrk printed no result: $(head -n 5 "$out")"
  calc '%.1f' "($requests - $non2xx) / $secs"
}

stop_gateway() {
  local name=$1 stopped
  stopped=$(now)
  stop_pid "$GW_PID" gateway 120   # a training run writes its cache on the way out
  GW_PID=
  log "$name: stopped in $(since "$stopped")s"
}

# measured_run NAME [jvm options…]: a cold start, then the load in slices; writes $WORK/slices-NAME.tsv
# (seconds since launch at the end of the slice, verifications per second in it)
measured_run() {
  local name=$1 t rps
  shift
  start_gateway "$name" "$JAVA25" "$APP_JAR" "$@"
  eval "READY_$name=$READY_SECONDS"
  fetch_token
  : > "$WORK/slices-$name.tsv"
  for ((t = 0; t < WINDOW; t += SLICE)); do
    rps=$(load "$SLICE" "$WORK/wrk-$name-$t.txt")
    printf '%s\t%s\n' "$(since "$LAUNCHED")" "$rps" >> "$WORK/slices-$name.tsv"
  done
  log "$name: $(awk -F'\t' '{ printf "%s ", int($2) }' "$WORK/slices-$name.tsv")"
  stop_gateway "$name"
}

# mean rate over the last TAIL seconds of a run
tail_rps() { awk -F'\t' -v n=$((TAIL / SLICE)) '{ r[NR] = $2 } END { for (i = NR - n + 1; i <= NR; i++) s += r[i]; printf "%.1f\n", s / n }' "$1"; }
# seconds from launch to the end of the first slice at or above a rate; if none is, the end of the
# last slice (a lower bound: the run says so)
seconds_to() {
  awk -F'\t' -v goal="$2" '$2 >= goal { print $1; found = 1; exit } { last = $1 } END { if (!found) print last }' "$1"
  awk -F'\t' -v goal="$2" '$2 >= goal { found = 1 } END { exit found }' "$1" \
    && log "$(basename "$1"): 90% of capacity not reached within the window; the figure is a lower bound"
  return 0
}
# mean rate over the first 60 seconds of load
first_minute_rps() { awk -F'\t' -v n=$((60 / SLICE)) 'NR <= n { s += $2; k++ } END { printf "%.1f\n", s / k }' "$1"; }

main() {
  JAR=${1:-}
  [[ -n $JAR && -f $JAR ]] || die "usage: bench/warmup.sh <gateway jar> (build it first: ./mvnw -DskipTests package)"
  JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
  ensure_tools
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  prepare
  start_stub

  start_gateway training "$JAVA25" "$APP_JAR" -XX:AOTCacheOutput="$WORK/gateway.aot"
  emit startup_seconds_fresh_db_java25 "$READY_SECONDS" s
  fetch_token
  log "training: ${TRAINING}s of load at $CONNECTIONS connections: $(load "$TRAINING" "$WORK/wrk-training.txt") verifications/s"
  stop_gateway training
  [[ -s $WORK/gateway.aot ]] || die "no AOT cache written (log: $WORK/gateway-training.log)"
  emit aot_cache_mb "$(calc '%.0f' "$(stat -c %s "$WORK/gateway.aot") / 1048576")" MB

  # every measured run starts from the database as the training run left it (its audit trail and
  # verification records grow under load, which would handicap whichever run came later)
  cp -a "$WORK/data" "$WORK/data.base"
  measured_run cold
  rm -rf "$WORK/data" && cp -a "$WORK/data.base" "$WORK/data"
  measured_run aot -XX:AOTCache="$WORK/gateway.aot"
  rm -rf "$WORK/data" && cp -a "$WORK/data.base" "$WORK/data"

  start_gateway java17 java "$JAR"
  READY_java17=$READY_SECONDS
  stop_gateway java17

  local capacity cold aot
  capacity=$(awk -v a="$(tail_rps "$WORK/slices-cold.tsv")" -v b="$(tail_rps "$WORK/slices-aot.tsv")" 'BEGIN { print (a > b ? a : b) }')
  cold=$(seconds_to "$WORK/slices-cold.tsv" "$(calc '%.1f' "0.9 * $capacity")")
  aot=$(seconds_to "$WORK/slices-aot.tsv" "$(calc '%.1f' "0.9 * $capacity")")
  emit startup_seconds_java17_jar "$READY_java17" s
  emit startup_seconds_java25 "$READY_cold" s
  emit startup_seconds_java25_aot "$READY_aot" s
  emit warm_capacity_rps "$capacity" rps
  emit first_minute_rps "$(first_minute_rps "$WORK/slices-cold.tsv")" rps
  emit first_minute_rps_aot "$(first_minute_rps "$WORK/slices-aot.tsv")" rps
  emit seconds_to_90pct_capacity "$cold" s
  emit seconds_to_90pct_capacity_aot "$aot" s
  mv "$PARTIAL" "$RESULTS"
  log "done: $RESULTS"
}

# Sourcing the script (BENCH_SOURCE_ONLY=1) gives the functions without a run.
[[ ${BENCH_SOURCE_ONLY:-0} == 1 ]] || main "$@"
