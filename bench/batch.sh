#!/usr/bin/env bash
# B2 (monthly payment batch, bulk path) for the An Sinh Gateway -- see bench/README.md.
#
#   bench/batch.sh target/ansinh-gateway-0.1.0-SNAPSHOT.jar
#
# Generates a payment list (BatchGenerator), turns it into pain.001 files with a plain streaming
# loop (RawPain001Loop: the raw limit), then runs the same list through the gateway: submit as CSV,
# validation, treasury approval, dispatch of the bank files into four drop folders; every person
# of that list verified with the population database within the freshness window beforehand (loaded
# into person_verification, as last month's cycle left it), so the eligibility gate calls no one.
# Then B2v on the same gateway: a second list of people never verified, whom the gate looks up in a
# population-database stub (PopulationStub) answering after 20 ms. Checks that the
# counts and control sums balance and that the files are schema-valid, prints one
# "BENCH <name> <value> <unit>" line per figure and writes the same lines to
# target/bench/results-batch.txt. Everything it starts is stopped on exit, failures included.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(dirname "$BENCH_DIR")

# --- knobs (environment) ---------------------------------------------------------------------
ROWS=${BENCH_BATCH_ROWS:-1000000}
SEED=${BENCH_BATCH_SEED:-20261124}
WORK=${BENCH_BATCH_WORK_DIR:-$PROJECT_DIR/target/bench/batch}
RESULTS=${BENCH_BATCH_RESULTS:-$PROJECT_DIR/target/bench/results-batch.txt}
GW_PORT=${BENCH_BATCH_PORT:-18093}
GW_JAVA_OPTS=${BENCH_BATCH_JAVA_OPTS:--Xmx512m}
RAW_JAVA_OPTS=${BENCH_BATCH_RAW_JAVA_OPTS:--Xmx512m}
GW_EXTRA_ARGS=${BENCH_BATCH_GATEWAY_ARGS:-}
STARTUP_TIMEOUT=${BENCH_BATCH_STARTUP_TIMEOUT:-180}
BATCH_TIMEOUT=${BENCH_BATCH_TIMEOUT:-3600}   # seconds from submit to DISPATCHED before giving up
STALL_TIMEOUT=${BENCH_BATCH_STALL_TIMEOUT:-900}  # seconds without any change in the batch view
POLL=${BENCH_BATCH_POLL:-0.2}                # seconds between two looks at the batch
SCHEMA_FILES=${BENCH_BATCH_SCHEMA_FILES:-all}   # files checked with xmllint: all, or a number
BANK_BINS=${BENCH_BATCH_BANKS:-970405 970415 970436 970418}
STUB_PORT=${BENCH_BATCH_STUB_PORT:-18094}       # the population-database stub (PopulationStub)
STUB_JAVA_OPTS=${BENCH_STUB_JAVA_OPTS:--Xms128m -Xmx256m -XX:+UseSerialGC}
VERIFIED_DAYS_AGO=${BENCH_BATCH_VERIFIED_DAYS_AGO:-14}   # when B2's people were last verified (inside the 30-day window)
GATE_ROWS=${BENCH_BATCH_GATE_ROWS:-100000}      # B2v: rows of people never verified; 0 = no B2v
GATE_DELAY_MS=${BENCH_BATCH_GATE_DELAY_MS:-20}  # B2v: the stub's answer delay
GATE_NAME="Nguyễn Văn An"                      # the one citizen the stub knows: every B2v row carries this name
PROGRAM=SOCIAL_ALLOWANCE
PERIOD=2026-11
XSD=${BENCH_BATCH_XSD:-$PROJECT_DIR/../shared/iso20022/pain.001.001.09.xsd}
PAYER_ID=${BENCH_BATCH_PAYER:-dolisa-demo}
TREASURY_ID=${BENCH_BATCH_TREASURY:-treasury-demo}
OPS_ID=ops-demo
SECRET=${BENCH_BATCH_SECRET:-demo-secret}
TOKEN_MAX_AGE=600                            # tokens live 15 minutes: take a new one after 10

[[ $WORK == /* ]] || WORK=$PWD/$WORK
[[ $RESULTS == /* ]] || RESULTS=$PWD/$RESULTS

GW=http://127.0.0.1:$GW_PORT
BATCHES=$GW/api/v1/payment-batches
CSV=$WORK/payments.csv
GATE_CSV=$WORK/payments-unverified.csv
STUB=http://127.0.0.1:$STUB_PORT
PARTIAL=$WORK/results.partial
GC_LOG=$WORK/gc.log

GW_PID= CHILD_PID= STUB_PID=
OWN_WORK=0
RSS_PEAK_KB=0
PG_PEAK_KB=0
declare -A TOKENS=() TOKEN_AT=()
AUTH= VIEW_CODE=
VIEW_COPY=batch-view.json   # where the last view of the batch being watched is kept

# --- small helpers (bench/lib.sh) ------------------------------------------------------------
LOG_TAG=batch
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

cleanup() {
  local status=$?
  trap - EXIT
  stop_pid "$CHILD_PID" child 2
  stop_pid "$GW_PID" gateway 30   # long grace: it shuts its PostgreSQL down on the way out
  stop_pid "$STUB_PID" stub 5
  [[ $OWN_WORK != 1 ]] || stop_orphan_postgres
  if ((status != 0)); then
    log "run FAILED (exit $status); logs in $WORK"
    grep -qs "^BENCH " "$PARTIAL" && log "figures measured before the failure: $PARTIAL"
  fi
  exit "$status"
}

# --- preparation -----------------------------------------------------------------------------
ensure_tools() {
  local tool
  if ! command -v psql >/dev/null && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    log "installing postgresql-client (psql, to load the people verified last month)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client; } >&2 || true
  fi
  for tool in java jar psql curl awk sed grep; do
    command -v "$tool" >/dev/null || die "$tool is needed and not on PATH"
  done
  if ! command -v xmllint >/dev/null; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
      log "installing libxml2-utils (xmllint, for the schema check)"
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils; } >&2 \
        || log "WARNING: apt-get install libxml2-utils failed: files not checked against the schema"
    else
      log "WARNING: no xmllint (Debian: apt-get install -y libxml2-utils): files not checked against the schema"
    fi
  fi
}

prepare_workdir() {
  mkdir -p "$WORK"
  exec 9> "$WORK/.lock"
  flock -n 9 || die "another batch bench run is using $WORK"
  OWN_WORK=1
  rm -f "$WORK"/*.log "$WORK"/*.txt "$WORK"/*.json "$WORK"/*.headers "$RESULTS" "$PARTIAL"
  stop_orphan_postgres
  # a fresh database and empty folders each run
  rm -rf "$WORK/data" "$WORK/raw" "$WORK/drop"
  mkdir -p "$WORK/data" "$WORK/raw"
  local bin
  for bin in $BANK_BINS; do mkdir -p "$WORK/drop/$bin"; done
  {
    printf '# bench/batch.sh %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf '# host: %s cores, %s; %s\n' "$(nproc)" "$(uname -r)" "$(java -version 2>&1 | head -n 1)"
    printf '# jar: %s; %s rows (seed %s), gateway %s, raw loop %s\n' \
      "$(basename "$JAR")" "$ROWS" "$SEED" "$GW_JAVA_OPTS" "$RAW_JAVA_OPTS"
  } > "$PARTIAL"
}

# --- the list and the raw limit --------------------------------------------------------------
generate() {
  log "generating $ROWS payment rows (seed $SEED) -> $CSV"
  java "$BENCH_DIR/BatchGenerator.java" "$ROWS" "$CSV" "$SEED" > "$WORK/generator.txt" 2>> "$WORK/run.log" \
    || die "BatchGenerator failed: $(tail -n 5 "$WORK/generator.txt")"
  read -r _ CONTROL_COUNT _ CONTROL_SUM < <(grep '^ROWS ' "$WORK/generator.txt")
  [[ $CONTROL_COUNT =~ ^[0-9]+$ && $CONTROL_SUM =~ ^[0-9]+$ ]] || die "no ROWS/SUM line from BatchGenerator"
  # EXPECT invalid N duplicate N deceased N cash N cash_sum N to_banks N to_banks_sum N
  local line
  line=$(grep '^EXPECT ' "$WORK/generator.txt")
  EXP_INVALID=$(field_after "$line" invalid)
  EXP_DUPLICATE=$(field_after "$line" duplicate)
  EXP_DECEASED=$(field_after "$line" deceased)
  EXP_CASH=$(field_after "$line" cash)
  EXP_CASH_SUM=$(field_after "$line" cash_sum)
  EXP_BANKS=$(field_after "$line" to_banks)
  EXP_BANKS_SUM=$(field_after "$line" to_banks_sum)
  log "list: $CONTROL_COUNT rows, control sum $CONTROL_SUM VND; $(du -h "$CSV" | cut -f1);" \
    "expected: $EXP_INVALID invalid, $EXP_DUPLICATE duplicate, $EXP_CASH cash, $EXP_BANKS to banks ($EXP_BANKS_SUM VND)"
}

# "... key value ..." -> value
field_after() { awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }' <<<"$1"; }

# B2v's list: the rows after B2's (so no person, payment id or account in common), every one named
# as the stub's citizen, so the registry knows them all under their name.
generate_gate() {
  ((GATE_ROWS > 0)) || return 0
  log "generating $GATE_ROWS rows of people never verified (rows $((ROWS + 1)) on) -> $GATE_CSV"
  java "$BENCH_DIR/BatchGenerator.java" "$GATE_ROWS" "$GATE_CSV" "$SEED" "$((ROWS + 1))" "$GATE_NAME" \
    > "$WORK/generator-unverified.txt" 2>> "$WORK/run.log" \
    || die "BatchGenerator failed: $(tail -n 5 "$WORK/generator-unverified.txt")"
  read -r _ GATE_COUNT _ GATE_SUM < <(grep '^ROWS ' "$WORK/generator-unverified.txt")
  local line
  line=$(grep '^EXPECT ' "$WORK/generator-unverified.txt")
  GATE_EXP_INVALID=$(field_after "$line" invalid)
  GATE_EXP_DUPLICATE=$(field_after "$line" duplicate)
  GATE_EXP_CASH=$(field_after "$line" cash)
  GATE_EXP_BANKS=$(field_after "$line" to_banks)
  # every row is a different person; the gate looks up the people of the rows not invalid
  GATE_EXP_PEOPLE=$((GATE_COUNT - GATE_EXP_INVALID))
}

raw_limit() {
  log "raw limit: RawPain001Loop $RAW_JAVA_OPTS"
  local started out
  started=$(now)
  # shellcheck disable=SC2086  # the JVM options are meant to split into words
  java $RAW_JAVA_OPTS "$BENCH_DIR/RawPain001Loop.java" "$CSV" "$WORK/raw" > "$WORK/raw.txt" 2>&1 9>&- &
  CHILD_PID=$!
  wait "$CHILD_PID" || die "RawPain001Loop failed: $(tail -n 5 "$WORK/raw.txt")"
  CHILD_PID=
  RAW_PROCESS_SECONDS=$(since "$started")
  out=$(grep '^RAW ' "$WORK/raw.txt") || die "no RAW line from RawPain001Loop: $(tail -n 5 "$WORK/raw.txt")"
  read -r _ RAW_SECONDS RAW_ROWS <<<"$out"
  RAW_FILES=$(awk '/^RAW_FILES / { print $2 }' "$WORK/raw.txt")
  log "raw loop: $RAW_ROWS transfers in $RAW_FILES files, ${RAW_SECONDS}s in the loop," \
    "${RAW_PROCESS_SECONDS}s with JVM start and source compilation"
}

# --- the population database (stub) and the gateway -------------------------------------------
start_stub() {
  ! port_in_use "$STUB_PORT" || die "port $STUB_PORT is already in use (set BENCH_BATCH_STUB_PORT)"
  log "starting population stub on :$STUB_PORT, answering after ${GATE_DELAY_MS} ms"
  # shellcheck disable=SC2086  # the JVM options are meant to split into words
  java $STUB_JAVA_OPTS "$BENCH_DIR/PopulationStub.java" "$STUB_PORT" > "$WORK/stub.log" 2>&1 9>&- &
  STUB_PID=$!
  wait_for_200 "$STUB/admin/stats" 30 "$STUB_PID" stub "$WORK/stub.log"
  curl -sS --max-time 5 -o /dev/null -X POST "$STUB/admin/delay?ms=$GATE_DELAY_MS" || die "could not set the stub's delay"
}

# STUB_CALLS, STUB_MAX_IN_FLIGHT: the stub's counts since the last stub_reset
stub_stats() {
  local stats
  stats=$(curl -sS --max-time 5 "$STUB/admin/stats") || die "the stub does not answer /admin/stats"
  STUB_CALLS=$(sed -n 's/^answered=//p' <<<"$stats")
  STUB_MAX_IN_FLIGHT=$(sed -n 's/^max_in_flight=//p' <<<"$stats")
}
stub_reset() { curl -sS --max-time 5 -o /dev/null -X POST "$STUB/admin/stats" || die "could not reset the stub's counts"; }

start_gateway() {
  ! port_in_use "$GW_PORT" || die "port $GW_PORT is already in use (set BENCH_BATCH_PORT)"
  local bin bank_args=()
  for bin in $BANK_BINS; do
    bank_args+=("--gateway.banks[$bin].name=Bank-$bin"
      "--gateway.banks[$bin].url=$GW/sim/banks/$bin"
      "--gateway.banks[$bin].payment-files=FILE_DROP"
      "--gateway.banks[$bin].drop-folder=$WORK/drop/$bin")
  done
  log "starting gateway on :$GW_PORT ($GW_JAVA_OPTS), banks $BANK_BINS by file drop"
  GW_LAUNCHED=$(now)
  # shellcheck disable=SC2086  # options and extra args are meant to split into words
  java $GW_JAVA_OPTS "-Xlog:gc*:file=$GC_LOG" -jar "$JAR" \
    --server.port="$GW_PORT" \
    --gateway.data-dir="$WORK/data" \
    --gateway.simulators.enabled=true \
    --gateway.agencies.population-registry.url="$STUB/population" \
    "${bank_args[@]}" \
    $GW_EXTRA_ARGS > "$WORK/gateway.log" 2>&1 9>&- &
  GW_PID=$!
  wait_for_200 "$GW/actuator/health/readiness" "$STARTUP_TIMEOUT" "$GW_PID" gateway "$WORK/gateway.log" \
    "Application run failed"
  log "gateway ready after $(since "$GW_LAUNCHED")s"
}

# The most registry calls the gate may have in flight: the gateway's setting, from the extra
# arguments or else the jar's application.yaml (taken out by preload_verified).
gate_concurrency() {
  local n
  n=$(grep -o -- '--gateway.payments.verification-concurrency=[0-9]*' <<<"$GW_EXTRA_ARGS" | tail -n 1 | cut -d= -f2 || true)
  [[ -n $n ]] || n=$(sed -n 's/^ *verification-concurrency: *\([0-9][0-9]*\).*/\1/p' \
    "$WORK/classes/BOOT-INF/classes/application.yaml" 2>/dev/null | head -n 1 || true)
  echo "${n:-32}"
}

# Off the clock: every person of B2's list as the population database confirmed them
# $VERIFIED_DAYS_AGO days ago (last month's cycle, the life-status sync), written straight into the
# gateway's embedded PostgreSQL (its port: line 4 of postmaster.pid). The name key comes from the
# gateway's own NameKey, its classes taken out of the jar. Then vacuumed, analysed and
# checkpointed, as a table filled weeks ago would be.
preload_verified() {
  local started pidfile port classes=$WORK/classes
  started=$(now)
  rm -rf "$classes" && mkdir -p "$classes"
  (cd "$classes" && jar xf "$JAR" BOOT-INF/classes/vn/ansinh/gateway/citizen/NameKey.class \
    BOOT-INF/classes/vn/ansinh/gateway/citizen/NameMatcher.class BOOT-INF/classes/application.yaml) || die "could not take NameKey out of $JAR"
  java -cp "$classes/BOOT-INF/classes" "$BENCH_DIR/VerifiedPeople.java" "$CSV" "$WORK/verified.tsv" \
    > "$WORK/verified.txt" 2>&1 || die "VerifiedPeople failed: $(tail -n 5 "$WORK/verified.txt")"
  pidfile=$WORK/data/postgres/postmaster.pid
  port=$(sed -n 4p "$pidfile" 2>/dev/null | tr -dc 0-9)
  [[ -n $port ]] || die "no port in $pidfile"
  PGCONNECT_TIMEOUT=10 psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    > "$WORK/preload.txt" 2>&1 <<SQL || die "loading person_verification failed: $(tail -n 5 "$WORK/preload.txt")"
create temporary table verified_load (personal_id varchar(12), name_key bigint);
\\copy verified_load from '$WORK/verified.tsv'
insert into person_verification (personal_id, known, name_key, verified_at)
  select personal_id, true, name_key, now() - interval '$VERIFIED_DAYS_AGO days' from verified_load
  on conflict (personal_id) do nothing;
vacuum (analyze) person_verification;
checkpoint;
SQL
  PRELOADED=$(psql -X -At -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "select count(*) from person_verification where verified_at > now() - interval '$((VERIFIED_DAYS_AGO + 1)) days'") \
    || die "could not count person_verification"
  log "person_verification: $PRELOADED people verified $VERIFIED_DAYS_AGO days ago, loaded in $(since "$started")s"
}


gateway_alive() { kill -0 "$GW_PID" 2>/dev/null || { tail -n 40 "$WORK/gateway.log" >&2; die "the gateway died (log: $WORK/gateway.log)"; }; }

# AUTH=a token for a demo partner (cached in this shell, fetched again when it is getting old).
# Not meant for $(...): a subshell would lose the cache.
auth() {
  local client=$1 json t
  if [[ -z ${TOKENS[$client]:-} ]] || (($(date +%s) - TOKEN_AT[$client] > TOKEN_MAX_AGE)); then
    json=$(curl -sS --max-time 10 -u "$client:$SECRET" -d grant_type=client_credentials "$GW/oauth2/token") \
      || die "token request for $client failed"
    t=$(printf '%s' "$json" | sed -n 's/.*"access_token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
    [[ -n $t ]] || die "no access_token for $client: $json"
    TOKENS[$client]=$t
    TOKEN_AT[$client]=$(date +%s)
  fi
  AUTH=${TOKENS[$client]}
}

# --- reading the batch view (JSON, one line) with grep and sed ----------------------------------
# json_str FILE KEY -> the string value of a top-level key (keys used here are unique in the view)
json_str() { sed -n "s/.*\"$2\":\"\([^\"]*\)\".*/\1/p" "$1" | head -n 1 || true; }
# json_num FILE OBJECT KEY -> a number inside "OBJECT":{...} (no nested objects there)
json_num() { grep -o "\"$2\":{[^}]*}" "$1" | sed -n "s/.*\"$3\":\(-\{0,1\}[0-9][0-9]*\).*/\1/p" | head -n 1 || true; }
json_top_num() { sed -n "s/.*\"$2\":\([0-9][0-9]*\).*/\1/p" "$1" | head -n 1 || true; }
# json_banks FILE -> one line per bank: bin payments sumVnd files filesDelivered
json_banks() {
  grep -o '"banks":\[[^]]*\]' "$1" | grep -o '{[^}]*}' | sed -n \
    's/.*"bankBin":"\([0-9]*\)".*"payments":\([0-9]*\).*"sumVnd":\([0-9]*\).*"files":\([0-9]*\).*"filesDelivered":\([0-9]*\).*/\1 \2 \3 \4 \5/p' || true
}

# GET the batch into $WORK/view.json; VIEW_CODE = the HTTP status
fetch_view() {
  auth "$PAYER_ID"
  VIEW_CODE=$(curl -sS --max-time 30 -o "$WORK/view.json" -w '%{http_code}' \
    -H "Authorization: Bearer $AUTH" "$BATCHES/$BATCH_ID") || VIEW_CODE=000
}

# Poll until the batch reaches $1; a REJECTED batch, a stall or the overall deadline stop the run.
wait_for_status() {
  local want=$1 status last= tick=0 changed progress
  changed=$(date +%s)
  while true; do
    gateway_alive
    sample_footprint $((tick++)) 10
    fetch_view
    [[ $VIEW_CODE == 200 ]] || die "GET $BATCHES/$BATCH_ID answered $VIEW_CODE: $(head -c 500 "$WORK/view.json" 2>/dev/null)"
    status=$(json_str "$WORK/view.json" status)
    [[ $status == "$want" ]] && { log "  $status after $(since "$SUBMIT_STARTED")s from submit"; return 0; }
    if [[ $status == REJECTED ]]; then
      cp "$WORK/view.json" "$WORK/$VIEW_COPY"
      die "the batch was REJECTED: $(json_str "$WORK/view.json" statusReason)"
    fi
    # "DISPATCHING 70% 26/99 files 2": logged when the status or the tenth of the files delivered moves
    progress="$status $(json_top_num "$WORK/view.json" progressPercent)% $(json_banks "$WORK/view.json" \
      | awk '{ d += $5; f += $4 } END { if (f) printf "%d/%d files %d", d, f, int(10 * d / f); else printf "0" }')"
    if [[ $progress != "$last" ]]; then
      [[ "${progress%% *} ${progress##* }" == "${last%% *} ${last##* }" ]] \
        || log "  ${progress% [0-9]*} ($(since "$SUBMIT_STARTED")s)"
      last=$progress
      changed=$(date +%s)
    fi
    if (($(date +%s) - changed > STALL_TIMEOUT)) || (($(date +%s) - ${SUBMIT_STARTED%.*} > BATCH_TIMEOUT)); then
      cp "$WORK/view.json" "$WORK/$VIEW_COPY"
      report_stuck
      die "the batch is stuck in $status (waiting for $want): $(head -c 800 "$WORK/view.json")"
    fi
    sleep "$POLL"
  done
}

# What an operator would look at: dead letters and the gateway's last errors.
report_stuck() {
  auth "$OPS_ID"
  curl -sS --max-time 10 -o "$WORK/dead-letters.json" -H "Authorization: Bearer $AUTH" \
    "$GW/api/v1/dead-letters" || true
  log "dead letters: $(head -c 1000 "$WORK/dead-letters.json" 2>/dev/null)"
  grep -E 'ERROR|WARN' "$WORK/gateway.log" | tail -n 20 | cut -c1-400 >&2 || true
}

# --- the batch ---------------------------------------------------------------------------------
# POST a list: submit_list CSV COUNT SUM. Sets BATCH_ID, SUBMIT_STARTED, SUBMIT_UPTIME (about the
# JVM's uptime in gc.log), T_UPLOADED and UPLOAD_SECONDS.
submit_list() {
  local csv=$1 count=$2 sum=$3 code
  auth "$TREASURY_ID"
  auth "$PAYER_ID"
  log "submitting $csv ($count rows) as $PAYER_ID"
  SUBMIT_STARTED=$(now)
  SUBMIT_UPTIME=$(since "$GW_LAUNCHED" "$SUBMIT_STARTED")
  # 'Expect:' off: no wait for a 100-continue before the body
  code=$(curl -sS --max-time "$BATCH_TIMEOUT" -o "$WORK/submit.json" -D "$WORK/submit.headers" -w '%{http_code}' \
    -H "Authorization: Bearer $AUTH" -H 'Content-Type: text/csv' -H 'Expect:' \
    -H "X-Control-Count: $count" -H "X-Control-Sum: $sum" \
    --data-binary @"$csv" "$BATCHES?program=$PROGRAM&period=$PERIOD") || code=000
  T_UPLOADED=$(now)
  [[ $code == 202 ]] || die "submit answered $code: $(head -c 800 "$WORK/submit.json" 2>/dev/null)"
  BATCH_ID=$(json_str "$WORK/submit.json" batchId)
  [[ -n $BATCH_ID ]] || die "no batchId in the 202: $(head -c 800 "$WORK/submit.json")"
  grep -qiE "^location: *(https?://[^/]*)?/api/v1/payment-batches/$BATCH_ID"$'\r'"?$" "$WORK/submit.headers" \
    || die "no Location /api/v1/payment-batches/$BATCH_ID in the 202: $(tr -d '\r' < "$WORK/submit.headers" | head -n 20)"
  UPLOAD_SECONDS=$(since "$SUBMIT_STARTED" "$T_UPLOADED")
  log "  202 after ${UPLOAD_SECONDS}s: batch $BATCH_ID, $(json_str "$WORK/submit.json" status)"
  [[ $(json_str "$WORK/submit.json" status) != REJECTED ]] \
    || die "the batch was REJECTED at once: $(json_str "$WORK/submit.json" statusReason)"
}

run_batch() {
  local approved t_validated t_dispatched
  VIEW_COPY=batch-view.json
  submit_list "$CSV" "$CONTROL_COUNT" "$CONTROL_SUM"

  wait_for_status AWAITING_APPROVAL
  t_validated=$(now)
  VALIDATION_SECONDS=$(since "$T_UPLOADED" "$t_validated")

  auth "$TREASURY_ID"
  code=$(curl -sS --max-time 60 -o "$WORK/approval.json" -w '%{http_code}' \
    -H "Authorization: Bearer $AUTH" -H 'Content-Type: application/json' \
    --data-binary '{"approved":true}' "$BATCHES/$BATCH_ID/approval") || code=000
  [[ $code == 200 ]] || die "approval answered $code: $(head -c 800 "$WORK/approval.json" 2>/dev/null)"
  approved=$(json_str "$WORK/approval.json" status)
  log "  approved by $TREASURY_ID after $(since "$SUBMIT_STARTED")s: $approved"

  wait_for_status DISPATCHED
  t_dispatched=$(now)
  DISPATCH_SECONDS=$(since "$t_validated" "$t_dispatched")
  BATCH_SECONDS=$(since "$SUBMIT_STARTED" "$t_dispatched")
  cp "$WORK/view.json" "$WORK/batch-view.json"
  B2_SUBMIT_UPTIME=$SUBMIT_UPTIME B2_UPLOAD_SECONDS=$UPLOAD_SECONDS
  B2_END_UPTIME=$(since "$GW_LAUNCHED" "$t_dispatched")
  log "batch $BATCH_ID DISPATCHED after ${BATCH_SECONDS}s (upload ${UPLOAD_SECONDS}s," \
    "validation ${VALIDATION_SECONDS}s, approval and dispatch ${DISPATCH_SECONDS}s)"
  stub_stats
  B2_REGISTRY_CALLS=$STUB_CALLS
  B2_PEOPLE_LIVE=$(json_num "$WORK/batch-view.json" verification people)
  # B2's footprint; B2v's is sampled afresh
  B2_RSS_PEAK_KB=$RSS_PEAK_KB B2_PG_PEAK_KB=$PG_PEAK_KB RSS_PEAK_KB=0 PG_PEAK_KB=0
}

# B2v, on the same gateway after B2: a list of people never verified, whom the gate looks up one by
# one in the stub (answering after GATE_DELAY_MS), timed from the submit to AWAITING_APPROVAL. Left
# awaiting approval: B2's files are what the balance checks read.
run_gate_batch() {
  local t_validated
  VIEW_COPY=gate-view.json
  stub_reset
  submit_list "$GATE_CSV" "$GATE_COUNT" "$GATE_SUM"
  GATE_SUBMIT_UPTIME=$SUBMIT_UPTIME
  GATE_UPLOAD_SECONDS=$UPLOAD_SECONDS
  wait_for_status AWAITING_APPROVAL
  t_validated=$(now)
  GATE_SECONDS=$(since "$SUBMIT_STARTED" "$t_validated")
  GATE_END_UPTIME=$(since "$GW_LAUNCHED" "$t_validated")
  cp "$WORK/view.json" "$WORK/gate-view.json"
  stub_stats
  GATE_CALLS=$STUB_CALLS
  GATE_MAX_IN_FLIGHT=$STUB_MAX_IN_FLIGHT
  GATE_PEOPLE=$(json_num "$WORK/gate-view.json" verification people)
  GATE_VERIFIED=$(json_num "$WORK/gate-view.json" verification verified)
  log "batch $BATCH_ID AWAITING_APPROVAL after ${GATE_SECONDS}s (upload ${GATE_UPLOAD_SECONDS}s):" \
    "${GATE_VERIFIED:-?} of ${GATE_PEOPLE:-?} people verified live, $GATE_CALLS registry calls, at most" \
    "$GATE_MAX_IN_FLIGHT at once"
}

# --- checks after the clock has stopped ------------------------------------------------------
# check NAME LEFT RIGHT: one equality, logged; failures counted in $1's variable
UNBALANCED=0
MISMATCHED=0
GATE_FAILED=0
check() {
  local kind=$1 what=$2 a=$3 b=$4
  if [[ $a == "$b" && -n $a ]]; then
    log "  ok   $what: $a"
  else
    log "  FAIL $what: $a != $b"
    case $kind in
      balance) UNBALANCED=$((UNBALANCED + 1)) ;;
      gate) GATE_FAILED=$((GATE_FAILED + 1)) ;;
      *) MISMATCHED=$((MISMATCHED + 1)) ;;
    esac
  fi
}

check_balance() {
  local v=$WORK/batch-view.json received valid invalid duplicate deceased cash to_banks
  local sum_received sum_cash sum_banks files_hdr_tx files_hdr_sum file_count view_files view_delivered
  local tx_in_files sum_in_files unique_ids bin line
  received=$(json_num "$v" counts received)
  valid=$(json_num "$v" counts valid)
  invalid=$(json_num "$v" counts invalid)
  duplicate=$(json_num "$v" counts duplicate)
  deceased=$(json_num "$v" counts deceased)
  cash=$(json_num "$v" counts cash)
  to_banks=$(json_num "$v" counts toBanks)
  sum_received=$(json_num "$v" sums received)
  sum_cash=$(json_num "$v" sums cash)
  sum_banks=$(json_num "$v" sums toBanks)
  log "batch view: received $received, valid $valid, invalid $invalid, duplicate $duplicate, deceased $deceased," \
    "cash $cash ($sum_cash VND), to banks $to_banks ($sum_banks VND)"

  log "balance:"
  check balance "declared count = rows sent" "$(json_num "$v" declared count)" "$CONTROL_COUNT"
  check balance "declared sum = control sum" "$(json_num "$v" declared sumVnd)" "$CONTROL_SUM"
  check balance "counts.received = rows sent" "$received" "$CONTROL_COUNT"
  check balance "sums.received = control sum" "$sum_received" "$CONTROL_SUM"
  check balance "valid + invalid = received" "$((valid + invalid))" "$received"
  check balance "cash + toBanks + duplicate + deceased = valid" "$((cash + to_banks + duplicate + deceased))" "$valid"

  # the files as the banks got them: GrpHdr NbOfTxs and CtrlSum (the first of each in a file)
  find "$WORK/drop" -type f -name '*.xml' ! -name '.*' | sort > "$WORK/files.txt"
  file_count=$(wc -l < "$WORK/files.txt")
  : > "$WORK/file-headers.txt"
  while IFS= read -r f; do
    printf '%s %s %s %s\n' "$(basename "$(dirname "$f")")" \
      "$(head -c 4096 "$f" | grep -o '<NbOfTxs>[0-9]*</NbOfTxs>' | head -n 1 | tr -dc 0-9)" \
      "$(head -c 4096 "$f" | grep -o '<CtrlSum>[0-9.]*</CtrlSum>' | head -n 1 | sed 's/<[^>]*>//g')" \
      "$(basename "$f")" >> "$WORK/file-headers.txt"
  done < "$WORK/files.txt"
  files_hdr_tx=$(awk '{ s += $2 } END { printf "%.0f\n", s }' "$WORK/file-headers.txt")
  files_hdr_sum=$(awk '{ s += $3 } END { printf "%.0f\n", s }' "$WORK/file-headers.txt")
  view_files=$(json_banks "$v" | awk '{ s += $4 } END { printf "%.0f\n", s }')
  view_delivered=$(json_banks "$v" | awk '{ s += $5 } END { printf "%.0f\n", s }')
  check balance "files in the drop folders = files planned" "$file_count" "$view_files"
  check balance "files delivered = files planned" "$view_delivered" "$view_files"
  check balance "sum of the files' NbOfTxs = counts.toBanks" "$files_hdr_tx" "$to_banks"
  check balance "sum of the files' CtrlSum = sums.toBanks" "$files_hdr_sum" "$sum_banks"
  # per bank: folder = the view's bank line
  while read -r bin line; do
    check balance "bank $bin: files' NbOfTxs and CtrlSum = view" \
      "$(awk -v b="$bin" '$1 == b { n += $2; s += $3 } END { printf "%.0f %.0f\n", n, s }' "$WORK/file-headers.txt")" \
      "$(awk '{ print $1, $2 }' <<<"$line")"
  done < <(json_banks "$v")
  # and what is really inside the files: every transfer, every amount, no payment id twice
  tx_in_files=0 sum_in_files=0 unique_ids=0
  if ((file_count > 0)); then
    # grep per file: a file is one long line, and the files end without a newline
    xargs -a "$WORK/files.txt" -d '\n' grep -oh '<InstdAmt Ccy="VND">[0-9]*<' | tr -dc '0-9\n' \
      | awk '{ n++; s += $1 } END { printf "%.0f %.0f\n", n, s }' > "$WORK/file-transfers.txt" || true
    read -r tx_in_files sum_in_files < "$WORK/file-transfers.txt"
    unique_ids=$(xargs -a "$WORK/files.txt" -d '\n' grep -oh '<EndToEndId>[^<]*<' | sort -u | wc -l || true)
  fi
  check balance "transfers inside the files = counts.toBanks" "$tx_in_files" "$to_banks"
  check balance "amounts inside the files = sums.toBanks" "$sum_in_files" "$sum_banks"
  check balance "distinct EndToEndIds inside the files = counts.toBanks" "$unique_ids" "$to_banks"

  # what the generator made: the gateway must find exactly these
  log "as generated:"
  check generated "invalid rows" "$invalid" "$EXP_INVALID"
  check generated "duplicates" "$duplicate" "$EXP_DUPLICATE"
  check generated "deceased" "$deceased" "$EXP_DECEASED"
  check generated "cash rows" "$cash" "$EXP_CASH"
  check generated "cash sum" "$sum_cash" "$EXP_CASH_SUM"
  check generated "rows to banks" "$to_banks" "$EXP_BANKS"
  check generated "sum to banks" "$sum_banks" "$EXP_BANKS_SUM"
  while read -r _ bin line; do
    check generated "bank $bin (payments, sum)" \
      "$(json_banks "$v" | awk -v b="$bin" '$1 == b { print $2, $3 }')" "$line"
  done < <(grep '^BANK ' "$WORK/generator.txt")
  check generated "raw loop transfers = rows to banks" "$RAW_ROWS" "$EXP_BANKS"
  # the gateway numbers a bank's rows before validation stops duplicates and the deceased (a stopped row
  # keeps its number), so a bank can have one file more than the raw loop, never fewer
  local banks extra=no
  banks=$(grep -c '^BANK ' "$WORK/generator.txt")
  if [[ -n $file_count ]] && ((file_count >= RAW_FILES && file_count <= RAW_FILES + banks)); then
    extra=yes
  fi
  check generated "gateway files within one per bank of the raw loop's $RAW_FILES" "$extra ($file_count)" "yes ($file_count)"
  TO_BANKS=$to_banks
}

# The eligibility gate: B2 called no one; B2v looked every person up once, at most the configured
# number at a time, and found everyone under their name.
check_gate() {
  local v=$WORK/gate-view.json concurrency
  log "eligibility gate, B2 (everyone verified $VERIFIED_DAYS_AGO days ago):"
  check gate "people loaded into person_verification = rows of the list" "$PRELOADED" "$CONTROL_COUNT"
  check gate "people to look up live" "$B2_PEOPLE_LIVE" 0
  check gate "registry calls" "$B2_REGISTRY_CALLS" 0
  ((GATE_ROWS > 0)) || return 0
  concurrency=$(gate_concurrency)
  log "eligibility gate, B2v (nobody verified before, the registry answering after ${GATE_DELAY_MS} ms):"
  check gate "people to look up live = rows not invalid" "$GATE_PEOPLE" "$GATE_EXP_PEOPLE"
  check gate "people verified = people to look up" "$GATE_VERIFIED" "$GATE_PEOPLE"
  check gate "registry calls = people verified" "$GATE_CALLS" "$GATE_VERIFIED"
  check gate "rows unknown to the registry" "$(json_num "$v" counts unverified)" 0
  check gate "rows under another name" "$(json_num "$v" counts identityMismatch)" 0
  check gate "invalid rows as generated" "$(json_num "$v" counts invalid)" "$GATE_EXP_INVALID"
  check gate "duplicates as generated" "$(json_num "$v" counts duplicate)" "$GATE_EXP_DUPLICATE"
  check gate "cash rows as generated" "$(json_num "$v" counts cash)" "$GATE_EXP_CASH"
  check gate "rows to banks as generated" "$(json_num "$v" counts toBanks)" "$GATE_EXP_BANKS"
  check gate "registry calls in flight at most $concurrency" \
    "$((GATE_MAX_IN_FLIGHT <= concurrency ? 1 : 0)) (at most $GATE_MAX_IN_FLIGHT)" "1 (at most $GATE_MAX_IN_FLIGHT)"
}

check_schema() {
  SCHEMA_VALID=0
  if ! command -v xmllint >/dev/null; then
    log "no xmllint: schema check skipped"
    return 1
  fi
  [[ -f $XSD ]] || { log "no schema at $XSD: schema check skipped"; return 1; }
  local list=$WORK/files.txt started
  if [[ $SCHEMA_FILES != all ]]; then
    # the first and last file of each bank, up to the number asked for
    list=$WORK/schema-files.txt
    { for bin in $BANK_BINS; do grep "/$bin/" "$WORK/files.txt" | sed -n '1p;$p'; done; } | sort -u \
      | head -n "$SCHEMA_FILES" > "$list"
  fi
  [[ -s $list ]] || { log "no files to check against the schema"; return 1; }
  started=$(now)
  if xargs -a "$list" -d '\n' xmllint --noout --schema "$XSD" > "$WORK/xmllint.txt" 2>&1; then
    SCHEMA_VALID=1
  fi
  log "xmllint: $(grep -c ' validates$' "$WORK/xmllint.txt") of $(wc -l < "$list") files valid against" \
    "$(basename "$XSD") ($(since "$started")s)"
  ((SCHEMA_VALID == 1)) || { grep -v ' validates$' "$WORK/xmllint.txt" | head -n 10 >&2; return 0; }
}

# Heap occupancy in MB around collections, from -Xlog:gc* lines such as
# "[12.345s][info][gc] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 180M->40M(512M) 3.2ms":
#   heap_mb before|after [FROM [TO]]  -> the largest figure before (or after) a collection, counting
#   only collections at JVM uptime FROM seconds or later (and TO or earlier).
heap_mb() {
  local which=$1 from=${2:-0} to=${3:-}
  grep -o '^\[[0-9.]*s\].*GC([0-9]*) Pause.* [0-9]*[KMG]->[0-9]*[KMG]([0-9]*[KMG])' "$GC_LOG" 2>/dev/null \
    | sed 's/^\[\([0-9.]*\)s\].* \([0-9]*\)\([KMG]\)->\([0-9]*\)\([KMG]\)(.*/\1 \2 \3 \4 \5/' \
    | awk -v which="$which" -v from="$from" -v to="$to" '
        function mb(n, unit) { return unit == "K" ? n / 1024 : unit == "G" ? n * 1024 : n }
        $1 + 0 >= from + 0 && (to == "" || $1 + 0 <= to + 0) { v = which == "after" ? mb($4, $5) : mb($2, $3); if (v > m) m = v }
        END { printf "%.0f\n", m }' || true
}

main() {
  begin_run batch.sh "${1:-}"
  ! port_in_use "$GW_PORT" || die "port $GW_PORT is already in use (set BENCH_BATCH_PORT)"
  prepare_workdir

  generate
  generate_gate
  raw_limit
  start_stub
  start_gateway
  preload_verified
  stub_reset
  run_batch
  ((GATE_ROWS == 0)) || run_gate_batch

  check_balance
  check_gate
  check_schema || true
  emit batch_rows_per_s "$(calc %.0f "$CONTROL_COUNT / $BATCH_SECONDS")" rows/s
  emit batch_seconds "$BATCH_SECONDS" s
  emit batch_upload_seconds "$B2_UPLOAD_SECONDS" s
  emit batch_validation_seconds "$VALIDATION_SECONDS" s
  emit batch_dispatch_seconds "$DISPATCH_SECONDS" s
  emit raw_seconds "$RAW_SECONDS" s
  emit raw_process_seconds "$RAW_PROCESS_SECONDS" s
  emit raw_rows_per_s "$(calc %.0f "$CONTROL_COUNT / $RAW_SECONDS")" rows/s
  emit batch_vs_raw_ratio "$(ratio "$BATCH_SECONDS" "$RAW_SECONDS")" ratio
  # the life of the gateway up to B2's end (startup included), then B2 alone (uptime at submit on)
  emit batch_peak_heap_mb "$(heap_mb before 0 "$B2_END_UPTIME")" MB
  emit batch_window_peak_heap_mb "$(heap_mb before "$B2_SUBMIT_UPTIME" "$B2_END_UPTIME")" MB
  emit batch_window_max_heap_after_gc_mb "$(heap_mb after "$B2_SUBMIT_UPTIME" "$B2_END_UPTIME")" MB
  emit batch_rss_mb "$(calc %.0f "$B2_RSS_PEAK_KB / 1024")" MB
  ((B2_PG_PEAK_KB == 0)) || emit batch_postgres_pss_mb "$(calc %.0f "$B2_PG_PEAK_KB / 1024")" MB
  emit batch_files "$(wc -l < "$WORK/files.txt")" count
  emit batch_balanced "$((UNBALANCED == 0 ? 1 : 0))" bool
  emit batch_counts_as_generated "$((MISMATCHED == 0 ? 1 : 0))" bool
  emit batch_files_schema_valid "$SCHEMA_VALID" bool
  emit batch_verified_people_preloaded "$PRELOADED" count
  emit batch_registry_calls "$B2_REGISTRY_CALLS" count
  if ((GATE_ROWS > 0)); then
    emit gate_rows "$GATE_COUNT" count
    emit gate_people_verified "${GATE_VERIFIED:-0}" count
    emit gate_seconds "$GATE_SECONDS" s
    emit gate_upload_seconds "$GATE_UPLOAD_SECONDS" s
    emit gate_verified_rows_per_s "$(calc %.0f "${GATE_VERIFIED:-0} / $GATE_SECONDS")" rows/s
    emit gate_registry_calls "$GATE_CALLS" count
    emit gate_registry_max_in_flight "$GATE_MAX_IN_FLIGHT" count
    emit gate_registry_concurrency_limit "$(gate_concurrency)" count
    emit gate_peak_heap_mb "$(heap_mb before "$GATE_SUBMIT_UPTIME" "$GATE_END_UPTIME")" MB
    emit gate_rss_mb "$(calc %.0f "$RSS_PEAK_KB / 1024")" MB
    emit gate_checks_hold "$((GATE_FAILED == 0 ? 1 : 0))" bool
  fi

  ((UNBALANCED == 0)) || die "$UNBALANCED balance checks failed (see above)"
  ((MISMATCHED == 0)) || die "$MISMATCHED counts differ from what the generator made (see above)"
  ((GATE_FAILED == 0)) || die "$GATE_FAILED eligibility-gate checks failed (see above)"
  ((SCHEMA_VALID == 1)) || die "pain.001 files not valid against $XSD (see $WORK/xmllint.txt)"
  mv "$PARTIAL" "$RESULTS"
  log "done: $RESULTS"
}

if [[ ${BENCH_SOURCE_ONLY:-0} != 1 ]]; then
  main "$@"
fi
