#!/usr/bin/env bash
# register_sync_per_s (SPEC §4.11) for the An Sinh Gateway -- see bench/README.md.
#
#   bench/register-sync.sh target/ansinh-gateway-0.1.0-SNAPSHOT.jar
#
# Loads 100,000 active beneficiaries, never verified, straight into the gateway's embedded
# PostgreSQL, and lets the life-status sync re-verify them against a population-database stub
# (PopulationStub) answering after 20 ms: first with the rate limit raised out of the way
# (register_sync_per_s), then, on a restart with every person due again, with the default limit,
# the calls per second measured at the stub (register_sync_limited_per_s, which must not exceed the
# limit). Prints one "BENCH <name> <value> <unit>" line per figure and writes the same lines to
# target/bench/results-register-sync.txt. Everything it starts is stopped on exit.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(dirname "$BENCH_DIR")

# --- knobs (environment) ---------------------------------------------------------------------
ROWS=${BENCH_REGISTER_ROWS:-100000}
WORK=${BENCH_REGISTER_WORK_DIR:-$PROJECT_DIR/target/bench/register-sync}
RESULTS=${BENCH_REGISTER_RESULTS:-$PROJECT_DIR/target/bench/results-register-sync.txt}
GW_PORT=${BENCH_REGISTER_PORT:-18096}
STUB_PORT=${BENCH_REGISTER_STUB_PORT:-18097}
GW_JAVA_OPTS=${BENCH_REGISTER_JAVA_OPTS:--Xmx512m}
GW_EXTRA_ARGS=${BENCH_REGISTER_GATEWAY_ARGS:-}
STUB_JAVA_OPTS=${BENCH_STUB_JAVA_OPTS:--Xms128m -Xmx256m -XX:+UseSerialGC}
DELAY_MS=${BENCH_REGISTER_DELAY_MS:-20}             # the stub's answer delay
UNLIMITED=${BENCH_REGISTER_UNLIMITED_RATE:-100000}  # max-calls-per-second in the first run: out of the way
LIMITED_SECONDS=${BENCH_REGISTER_LIMITED_SECONDS:-60}   # how long the run at the default limit is watched
STARTUP_TIMEOUT=${BENCH_REGISTER_STARTUP_TIMEOUT:-180}
TIMEOUT=${BENCH_REGISTER_TIMEOUT:-1800}             # seconds for the first run to verify everyone

[[ $WORK == /* ]] || WORK=$PWD/$WORK
[[ $RESULTS == /* ]] || RESULTS=$PWD/$RESULTS
GW=http://127.0.0.1:$GW_PORT
STUB=http://127.0.0.1:$STUB_PORT
PARTIAL=$WORK/results.partial

GW_PID= STUB_PID= CHILD_PID=
OWN_WORK=0
LOG_TAG=register-sync
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

cleanup() {
  local status=$?
  trap - EXIT
  stop_pid "$GW_PID" gateway 30
  stop_pid "$STUB_PID" stub 5
  [[ $OWN_WORK != 1 ]] || stop_orphan_postgres
  ((status == 0)) || log "run FAILED (exit $status); logs in $WORK"
  exit "$status"
}

ensure_tools() {
  if ! command -v psql >/dev/null && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    log "installing postgresql-client (psql, to load the beneficiaries)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client; } >&2 || true
  fi
  local tool
  for tool in java psql curl awk sed; do
    command -v "$tool" >/dev/null || die "$tool is needed and not on PATH"
  done
}

prepare_workdir() {
  mkdir -p "$WORK"
  exec 9> "$WORK/.lock"
  flock -n 9 || die "another register-sync bench run is using $WORK"
  OWN_WORK=1
  rm -f "$WORK"/*.log "$WORK"/*.txt "$RESULTS" "$PARTIAL"
  stop_orphan_postgres
  rm -rf "$WORK/data" && mkdir -p "$WORK/data"
  printf '# bench/register-sync.sh %s; %s cores; jar %s; %s people, stub %s ms\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "$(basename "$JAR")" "$ROWS" "$DELAY_MS" > "$PARTIAL"
}

start_stub() {
  ! port_in_use "$STUB_PORT" || die "port $STUB_PORT is already in use (set BENCH_REGISTER_STUB_PORT)"
  # shellcheck disable=SC2086  # the JVM options are meant to split into words
  java $STUB_JAVA_OPTS "$BENCH_DIR/PopulationStub.java" "$STUB_PORT" > "$WORK/stub.log" 2>&1 9>&- &
  STUB_PID=$!
  wait_for_200 "$STUB/admin/stats" 30 "$STUB_PID" stub "$WORK/stub.log"
  curl -sS --max-time 5 -o /dev/null -X POST "$STUB/admin/delay?ms=$DELAY_MS" || die "could not set the stub's delay"
}

# start_gateway <label> <extra --key=value…>: the sync on, new beneficiaries enrolled every second
start_gateway() {
  local label=$1
  shift
  ! port_in_use "$GW_PORT" || die "port $GW_PORT is already in use (set BENCH_REGISTER_PORT)"
  log "starting gateway on :$GW_PORT ($label)"
  # shellcheck disable=SC2086  # options and extra args are meant to split into words
  java $GW_JAVA_OPTS -jar "$JAR" --server.port="$GW_PORT" --gateway.data-dir="$WORK/data" \
    --gateway.simulators.enabled=false --gateway.agencies.population-registry.url="$STUB/population" \
    --gateway.register.enabled=true --gateway.register.enrol-every=1s "$@" \
    $GW_EXTRA_ARGS >> "$WORK/gateway.log" 2>&1 9>&- &
  GW_PID=$!
  wait_for_200 "$GW/actuator/health/readiness" "$STARTUP_TIMEOUT" "$GW_PID" gateway "$WORK/gateway.log" \
    "Application run failed"
}

sql() {
  local port
  port=$(sed -n 4p "$WORK/data/postgres/postmaster.pid" 2>/dev/null | tr -dc 0-9)
  [[ -n $port ]] || die "no port in $WORK/data/postgres/postmaster.pid"
  PGCONNECT_TIMEOUT=10 psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"
}

# Off the clock: $ROWS active beneficiaries of dolisa-demo, each a different person, none verified yet.
load_beneficiaries() {
  local started
  started=$(now)
  sql > "$WORK/load.txt" 2>&1 <<SQL || die "loading beneficiaries failed: $(tail -n 5 "$WORK/load.txt")"
insert into beneficiary (owner, beneficiary_id, program, personal_id, full_name, date_of_birth, gender,
                         province_code, commune_code, preferred_bank_bin, status, created_at, updated_at)
select 'dolisa-demo', 'RS-' || g, 'SOCIAL_ALLOWANCE', '0400' || lpad(g::text, 8, '0'), 'Nguyễn Văn An',
       date '1990-05-17', 'MALE', '40', '16681', '970405', 'ACCOUNT_OPEN', now(), now()
from generate_series(1, $ROWS) g;
analyze beneficiary;
SQL
  log "$ROWS beneficiaries loaded in $(since "$started")s"
}

# People the sync verified since the load: not due again before their next place in the window.
verified_count() { sql -c "select count(*) from register_sync where due_at > now()"; }

stub_rate() { curl -sS --max-time 5 "$STUB/admin/rate" | sed -n "s/^$1=//p"; }

main() {
  begin_run register-sync.sh "${1:-}"
  prepare_workdir
  start_stub

  # 1. the rate limit out of the way: how fast the sync itself goes at 20 ms per answer
  start_gateway "max-calls-per-second=$UNLIMITED" --gateway.register.max-calls-per-second="$UNLIMITED"
  load_beneficiaries
  curl -sS --max-time 5 -o /dev/null -X POST "$STUB/admin/rate"
  local started done=0 deadline seconds
  started=$(now)
  deadline=$(($(date +%s) + TIMEOUT))
  until ((done >= ROWS)); do
    kill -0 "$GW_PID" 2>/dev/null || die "the gateway died (log: $WORK/gateway.log)"
    (($(date +%s) < deadline)) || die "only $done of $ROWS verified after ${TIMEOUT}s"
    sleep 0.5
    done=$(verified_count)
  done
  seconds=$(since "$started")
  log "$ROWS people verified in ${seconds}s; the stub answered $(stub_rate received) lookups"
  emit register_sync_seconds "$seconds" s
  emit register_sync_per_s "$(calc '%.1f' "$ROWS / $seconds")" /s
  emit register_sync_unlimited_max_per_s "$(stub_rate max_per_second)" /s

  # 2. the default limit, after a restart with everyone due again (the sync resumes from its tables)
  stop_pid "$GW_PID" gateway 30
  GW_PID=
  start_gateway "default max-calls-per-second"
  sql -c "update register_sync set due_at = now() - interval '1 day', claimed_until = null" > /dev/null
  local limit
  limit=$(curl -sS --max-time 5 -u ops-demo:demo-secret -d grant_type=client_credentials "$GW/oauth2/token" \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  curl -sS --max-time 5 -o /dev/null -X POST "$STUB/admin/rate"
  log "watching the default limit for ${LIMITED_SECONDS}s"
  sleep "$LIMITED_SECONDS"
  local received first last max status
  received=$(stub_rate received)
  first=$(stub_rate first_ms)
  last=$(stub_rate last_ms)
  max=$(stub_rate max_per_second)
  ((received > 1)) || die "the sync made no calls at the default limit"
  status=$(curl -sS --max-time 5 -H "Authorization: Bearer $limit" "$GW/api/v1/register/sync-status")
  echo "$status" > "$WORK/sync-status.json"
  limit=$(sed -E 's/.*"maxCallsPerSecond":([0-9]+).*/\1/' <<<"$status")
  # calls over the calendar seconds they span (the stub counts arrivals per calendar second)
  emit register_sync_limited_per_s "$(calc '%.2f' "$received / (int($last / 1000) - int($first / 1000) + 1)")" /s
  emit register_sync_limited_max_per_s "$max" /s
  emit register_sync_limit "$limit" /s
  emit register_sync_status_calls_per_s "$(sed -E 's/.*"callsPerSecondLastMinute":([0-9.]+).*/\1/' <<<"$status")" /s
  log "calls per second at the stub: $(stub_rate per_second)"
  ((max <= limit)) || die "the stub saw $max calls in one second, above the limit of $limit"
  mkdir -p "$(dirname "$RESULTS")"
  grep '^BENCH ' "$PARTIAL" > "$RESULTS"
  log "results in $RESULTS"
}

main "$@"
