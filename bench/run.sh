#!/usr/bin/env bash
# B1 (mediation overhead) and B4 (footprint) for the An Sinh Gateway -- see bench/README.md.
#
#   bench/run.sh target/ansinh-gateway-0.1.0-SNAPSHOT.jar
#
# Starts a population-database stub, a bare nginx hop and the gateway on loopback, drives them
# with wrk, prints one "BENCH <name> <value> <unit>" line per figure and writes the same lines to
# target/bench/results.txt. Everything it starts is stopped on exit, failures included.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(dirname "$BENCH_DIR")

# --- knobs (environment) ---------------------------------------------------------------------
WORK=${BENCH_WORK_DIR:-$PROJECT_DIR/target/bench}
JIT_WARMUP=${BENCH_JIT_WARMUP:-150}        # seconds at full load first: C2 needs minutes on 2 busy cores
WARMUP=${BENCH_WARMUP:-20}                 # seconds of warm-up before each phase
DURATION=${BENCH_DURATION:-30}             # seconds per measurement
CONNECTIONS=${BENCH_CONNECTIONS:-64}       # concurrent clients at agency latency
CAPACITY_CONNECTIONS=${BENCH_CAPACITY_CONNECTIONS:-16 32 64}  # tried at capacity, best kept
THREADS=${BENCH_THREADS:-2}                # wrk threads
AGENCY_DELAY_MS=${BENCH_AGENCY_DELAY_MS:-20}
GW_PORT=${BENCH_GATEWAY_PORT:-18090}
STUB_PORT=${BENCH_STUB_PORT:-18091}
PROXY_PORT=${BENCH_PROXY_PORT:-18092}
STARTUP_TIMEOUT=${BENCH_STARTUP_TIMEOUT:-120}
GW_JAVA_OPTS=${BENCH_GATEWAY_JAVA_OPTS:--Xmx1g}
GW_EXTRA_ARGS=${BENCH_GATEWAY_ARGS:-}
STUB_JAVA_OPTS=${BENCH_STUB_JAVA_OPTS:--Xms128m -Xmx256m -XX:+UseSerialGC}
CLIENT_ID=${BENCH_CLIENT_ID:-dolisa-demo}
CLIENT_SECRET=${BENCH_CLIENT_SECRET:-demo-secret}
KEEP_DATA=${BENCH_KEEP_DATA:-0}            # 1: keep the gateway's data dir (and its database)

# nginx resolves relative paths against its own prefix: keep the work dir absolute
[[ $WORK == /* ]] || WORK=$PWD/$WORK
WARMUP=${WARMUP%s}
DURATION=${DURATION%s}

GW=http://127.0.0.1:$GW_PORT
STUB=http://127.0.0.1:$STUB_PORT
VERIFY_URL=$GW/api/v1/citizens/verifications
DIRECT_URL=$STUB/population
PROXY_URL=http://127.0.0.1:$PROXY_PORT/population
VERIFY_BODY='{"personalId":"040090000123","fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17"}'

RESULTS=$WORK/results.txt
PARTIAL=$WORK/results.partial

STUB_PID= NGINX_PID= GW_PID= WRK_PID=
TOKEN=
OWN_WORK=0
RSS_PEAK_KB=0
PG_PEAK_KB=0

# --- small helpers (bench/lib.sh) ------------------------------------------------------------
LOG_TAG=bench
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

cleanup() {
  local status=$?
  trap - EXIT
  stop_pid "$WRK_PID" wrk 2
  stop_pid "$GW_PID" gateway 30   # long grace: it shuts its PostgreSQL down on the way out
  [[ $OWN_WORK != 1 ]] || stop_orphan_postgres
  stop_pid "$NGINX_PID" nginx 5
  stop_pid "$STUB_PID" stub 5
  if ((status != 0)); then
    log "run FAILED (exit $status); logs and wrk outputs in $WORK"
    grep -qs "^BENCH " "$PARTIAL" && log "figures measured before the failure: $PARTIAL"
  fi
  exit "$status"
}

# --- preparation -----------------------------------------------------------------------------
ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
  if ((${#missing[@]})); then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
      log "installing ${missing[*]} (Debian packages)"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2 \
        || die "apt-get install ${missing[*]} failed"
    else
      die "missing ${missing[*]}: install with 'sudo apt-get install -y wrk nginx-light' and run again"
    fi
  fi
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
  local tool
  for tool in java curl awk sed; do
    command -v "$tool" >/dev/null || die "$tool is needed and not on PATH"
  done
}

prepare_workdir() {
  mkdir -p "$WORK"
  # one run per work dir: another run's live database is not an orphan to stop
  exec 9> "$WORK/.lock"
  flock -n 9 || die "another bench run is using $WORK"
  OWN_WORK=1
  rm -f "$WORK"/wrk-*.txt "$WORK"/*.log "$RESULTS" "$PARTIAL"
  # a leftover database from an interrupted run would hold the data dir
  stop_orphan_postgres
  rm -rf "$WORK/nginx"
  # a fresh database each run keeps startup_seconds comparable (first start includes initdb)
  [[ $KEEP_DATA == 1 ]] || rm -rf "$WORK/data"
  mkdir -p "$WORK/nginx/tmp" "$WORK/data"
  {
    printf '# bench/run.sh %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf '# host: %s cores, %s; %s\n' "$(nproc)" "$(uname -r)" "$(java -version 2>&1 | head -n 1)"
    printf '# jar: %s; warm-up %ss, measurements %ss, %s connections at %s ms, capacity tries: %s\n' \
      "$(basename "$JAR")" "$WARMUP" "$DURATION" "$CONNECTIONS" "$AGENCY_DELAY_MS" "$CAPACITY_CONNECTIONS"
  } > "$PARTIAL"
}

check_ports() {
  local port
  for port in "$GW_PORT" "$STUB_PORT" "$PROXY_PORT"; do
    ! port_in_use "$port" || die "port $port is already in use (set BENCH_GATEWAY_PORT / BENCH_STUB_PORT / BENCH_PROXY_PORT)"
  done
}

# --- the three servers -----------------------------------------------------------------------
start_stub() {
  log "starting population stub on :$STUB_PORT"
  # shellcheck disable=SC2086  # the JVM options are meant to split into words
  java $STUB_JAVA_OPTS "$BENCH_DIR/PopulationStub.java" "$STUB_PORT" > "$WORK/stub.log" 2>&1 9>&- &
  STUB_PID=$!
  wait_for_200 "$STUB/admin/delay" 30 "$STUB_PID" stub "$WORK/stub.log"
}

start_proxy() {
  log "starting nginx (bare hop) on :$PROXY_PORT"
  sed -e "s#@WORK@#$WORK#g" -e "s#@STUB_PORT@#$STUB_PORT#g" -e "s#@PROXY_PORT@#$PROXY_PORT#g" \
    "$BENCH_DIR/nginx.conf.template" > "$WORK/nginx/nginx.conf"
  # -e: its error log from the first line on, not /var/log/nginx
  "$NGINX" -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" \
    > "$WORK/nginx.log" 2>&1 9>&- &
  NGINX_PID=$!
  wait_for_port "$PROXY_PORT" 10 "$NGINX_PID" nginx "$WORK/nginx/error.log"
}

start_gateway() {
  log "starting gateway on :$GW_PORT ($GW_JAVA_OPTS)"
  local started
  started=$(now)
  # the whole load comes from one partner: its rate limit is lifted, the mediation is what is measured
  # shellcheck disable=SC2086  # options and extra args are meant to split into words
  java $GW_JAVA_OPTS -jar "$JAR" \
    --server.port="$GW_PORT" \
    --gateway.data-dir="$WORK/data" \
    --gateway.simulators.enabled=false \
    --gateway.agencies.population-registry.url="$STUB/population" \
    --gateway.rate-limit.partners."$CLIENT_ID"=0 \
    $GW_EXTRA_ARGS > "$WORK/gateway.log" 2>&1 9>&- &
  GW_PID=$!
  # Spring Boot may log a failed start and leave the JVM running (non-daemon threads)
  wait_for_200 "$GW/actuator/health/readiness" "$STARTUP_TIMEOUT" "$GW_PID" gateway "$WORK/gateway.log" \
    "Application run failed"
  STARTUP_SECONDS=$(awk -v a="$started" -v b="$(now)" 'BEGIN { printf "%.1f\n", b - a }')
  log "gateway ready after ${STARTUP_SECONDS}s"
}


wait_for_port() {
  local port=$1 timeout=$2 pid=$3 name=$4 logfile=$5 deadline
  deadline=$(($(date +%s) + timeout))
  until port_in_use "$port"; do
    kill -0 "$pid" 2>/dev/null || { cat "$logfile" >&2 || true; die "$name exited during startup (log: $logfile)"; }
    (($(date +%s) < deadline)) || die "$name not listening on $port after ${timeout}s (log: $logfile)"
    sleep 0.1
  done
}

# --- gateway and stub calls ------------------------------------------------------------------
fetch_token() {
  local json
  json=$(curl -sS --max-time 10 -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials \
    "$GW/oauth2/token") || die "token request failed"
  TOKEN=$(printf '%s' "$json" | sed -n 's/.*"access_token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
  [[ -n $TOKEN ]] || die "no access_token in the token answer: $json"
}

# One verification by hand before any load: a wrong set-up should fail here, not as 100% errors.
check_verification() {
  local answer code body
  answer=$(curl -sS --max-time 10 -w '\n%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data-binary "$VERIFY_BODY" "$VERIFY_URL") \
    || die "verification request failed"
  code=${answer##*$'\n'}
  body=${answer%$'\n'*}
  [[ $code == 200 ]] || die "verification answered $code: $body"
  grep -Eq '"match"[[:space:]]*:[[:space:]]*true' <<<"$body" || die "verification did not match: $body"
  log "verification check ok: $body"
}

set_delay() {
  local answer
  answer=$(curl -sS --max-time 5 -X POST "$STUB/admin/delay?ms=$1") || die "stub did not take the delay"
  [[ $answer == "delay_ms=$1" ]] || die "stub delay: unexpected answer '$answer'"
  log "stub delay now $1 ms"
}

stub_answered() { curl -sS --max-time 5 "$STUB/admin/stats" | sed -n 's/^answered=//p'; }

# --- wrk -------------------------------------------------------------------------------------
# run_wrk NAME KIND CONNECTIONS SECONDS URL -> $WORK/wrk-NAME.txt
# While the gateway is under load its memory is sampled (sample_footprint; peaks kept).
run_wrk() {
  local name=$1 kind=$2 conns=$3 secs=$4 url=$5 out=$WORK/wrk-$1.txt tick=0
  [[ $kind == verify ]] && fetch_token   # a fresh token per run: a long run must not outlive it
  log "wrk $name: $conns connections, ${secs}s -> $url"
  BENCH_KIND=$kind BENCH_TOKEN=$TOKEN wrk -t"$THREADS" -c"$conns" -d"${secs}s" --latency \
    -s "$BENCH_DIR/post.lua" "$url" > "$out" 2>&1 9>&- &
  WRK_PID=$!
  while kill -0 "$WRK_PID" 2>/dev/null; do
    [[ $kind != verify ]] || sample_footprint $((tick++)) 4
    sleep 0.5
  done
  wait "$WRK_PID" || die "wrk $name failed: $(head -n 5 "$out")"
  WRK_PID=
  grep -q '^WRK_RESULT ' "$out" || die "wrk $name printed no result (script error?): $(head -n 5 "$out")"
  log "  $(wrk_summary "$out")"
}

# Requests/sec from wrk's summary (fails if there is none).
wrk_rps() { awk '/^Requests\/sec:/ { print $2; found = 1 } END { exit !found }' "$1"; }

# A percentile (50, 75, 90, 99) from wrk's latency distribution, in ms: wrk picks us, ms, s
# (or m, h) per value, e.g. "99%  843.00us" or "50%    1.02s".
wrk_percentile_ms() {
  awk -v p="$2%" '
    function to_ms(v,   n, unit) {
      n = v + 0
      unit = v
      sub(/^[0-9.]+/, "", unit)
      if (unit == "us") return n / 1000
      if (unit == "ms") return n
      if (unit == "s") return n * 1000
      if (unit == "m") return n * 60000
      if (unit == "h") return n * 3600000
      return "?"
    }
    /Latency Distribution/ { in_dist = 1; next }
    in_dist && $1 == p { ms = to_ms($2); found = (ms != "?"); if (found) print ms; exit }
    END { exit !found }' "$1"
}

# A counter from the WRK_RESULT line that post.lua prints.
wrk_count() { sed -n "s/^WRK_RESULT.* $2=\([0-9]*\).*/\1/p" "$1"; }

wrk_socket_errors() {
  echo $(($(wrk_count "$1" connect) + $(wrk_count "$1" read) + $(wrk_count "$1" write) + $(wrk_count "$1" timeout)))
}

# Failed requests of any kind: non-2xx answers plus socket errors (connect, read, write, timeout).
wrk_errors() { echo $(($(wrk_count "$1" non2xx) + $(wrk_socket_errors "$1"))); }

wrk_summary() {
  local f=$1 bad
  bad=$(wrk_count "$f" first_bad_status)
  printf '%s rps, p50 %s ms, p99 %s ms, %s requests, %s non-2xx%s, %s socket errors' \
    "$(wrk_rps "$f")" "$(wrk_percentile_ms "$f" 50)" "$(wrk_percentile_ms "$f" 99)" \
    "$(wrk_count "$f" requests)" "$(wrk_count "$f" non2xx)" \
    "$([[ $bad != 0 ]] && echo " (first: $bad)")" "$(wrk_socket_errors "$f")"
}

# --- the phases ------------------------------------------------------------------------------
# Full load against the instant stub until the JIT has compiled the hot path: measured here, the
# gateway climbs from ~1,000 to ~4,000 verifications/s over the first two minutes of load.
phase_jit_warmup() {
  ((JIT_WARMUP > 0)) || return 0
  set_delay 0
  run_wrk warmup-jit verify "$CONNECTIONS" "$JIT_WARMUP" "$VERIFY_URL"
}

# B1 at realistic agency latency: the stub answers after 20 ms, 64 clients, direct vs gateway.
phase_agency_latency() {
  local d=$WORK/wrk-direct.txt m=$WORK/wrk-mediation.txt
  local calls_before calls_after direct_rps mediation_rps d50 d99 m50 m99 direct_errors
  set_delay "$AGENCY_DELAY_MS"
  run_wrk warmup-latency verify "$CONNECTIONS" "$WARMUP" "$VERIFY_URL"
  run_wrk direct soap "$CONNECTIONS" "$DURATION" "$DIRECT_URL"
  calls_before=$(stub_answered)
  run_wrk mediation verify "$CONNECTIONS" "$DURATION" "$VERIFY_URL"
  calls_after=$(stub_answered)
  # a gateway that cached answers would look fast without calling the agency
  log "  the stub answered $((calls_after - calls_before)) SOAP calls for $(wrk_count "$m" requests) verifications"

  direct_rps=$(wrk_rps "$d")
  mediation_rps=$(wrk_rps "$m")
  d50=$(wrk_percentile_ms "$d" 50)
  d99=$(wrk_percentile_ms "$d" 99)
  m50=$(wrk_percentile_ms "$m" 50)
  m99=$(wrk_percentile_ms "$m" 99)
  direct_errors=$(wrk_errors "$d")
  ((direct_errors == 0)) || log "WARNING: $direct_errors errors talking to the stub directly"
  emit direct_rps "$(calc %.0f "$direct_rps")" rps
  emit mediation_rps "$(calc %.0f "$mediation_rps")" rps
  emit mediation_ratio "$(ratio "$mediation_rps" "$direct_rps")" ratio
  emit added_p50_ms "$(calc %.2f "$m50 - $d50")" ms
  emit added_p99_ms "$(calc %.2f "$m99 - $d99")" ms
  emit mediation_errors "$(wrk_errors "$m")" count
}

# B1 at capacity: the stub answers at once; the gateway's best clean rate vs a bare nginx hop.
phase_capacity() {
  local c f rps best_rps=0 best_c= p bare_rps proxy_errors
  set_delay 0
  run_wrk warmup-capacity verify "$CONNECTIONS" "$WARMUP" "$VERIFY_URL"
  for c in $CAPACITY_CONNECTIONS; do
    f=$WORK/wrk-capacity-c$c.txt
    run_wrk "capacity-c$c" verify "$c" "$DURATION" "$VERIFY_URL"
    rps=$(wrk_rps "$f")
    # only runs without a single failed request count
    if (($(wrk_errors "$f") == 0)) && greater "$rps" "$best_rps"; then
      best_rps=$rps
      best_c=$c
    fi
  done
  if [[ -z $best_c ]]; then
    log "WARNING: every capacity run had errors; mediation_capacity_rps is 0"
    best_c=${CAPACITY_CONNECTIONS##* }
  fi
  # the same load (connection count) through the bare hop
  p=$WORK/wrk-bare-proxy-c$best_c.txt
  run_wrk "bare-proxy-c$best_c" soap "$best_c" "$DURATION" "$PROXY_URL"
  bare_rps=$(wrk_rps "$p")
  proxy_errors=$(wrk_errors "$p")
  ((proxy_errors == 0)) || log "WARNING: $proxy_errors errors through nginx"
  emit mediation_capacity_rps "$(calc %.0f "$best_rps")" rps
  emit mediation_capacity_connections "$best_c" count
  emit bare_proxy_rps "$(calc %.0f "$bare_rps")" rps
  emit mediation_vs_bare_proxy "$(ratio "$best_rps" "$bare_rps")" ratio
}

main() {
  begin_run run.sh "${1:-}"
  check_ports
  prepare_workdir

  start_stub
  start_proxy
  start_gateway
  emit startup_seconds "$STARTUP_SECONDS" s
  fetch_token
  check_verification

  phase_jit_warmup
  phase_agency_latency
  phase_capacity
  emit rss_mb "$(calc %.0f "$RSS_PEAK_KB / 1024")" MB
  if ((PG_PEAK_KB > 0)); then
    emit postgres_pss_mb "$(calc %.0f "$PG_PEAK_KB / 1024")" MB
  else
    log "no embedded PostgreSQL found under $WORK/data: postgres_pss_mb not measured"
  fi

  mv "$PARTIAL" "$RESULTS"
  log "done: $RESULTS"
}

# Sourcing the script (BENCH_SOURCE_ONLY=1) gives the functions without a run, for testing.
if [[ ${BENCH_SOURCE_ONLY:-0} != 1 ]]; then
  main "$@"
fi
