#!/usr/bin/env bash
# relief_list_seconds (emergency relief, SPEC §4.14) for the An Sinh Gateway -- see bench/README.md.
#
#   bench/relief.sh target/ansinh-gateway-0.1.0-SNAPSHOT.jar
#
# Records a relief decision (1,000,000 VND per person in ten communes of Nghệ An), then sends a
# 20,000-row relief list of people never verified and times it from the submit to the last bank
# file written into the four banks' drop folders, after the treasury's approval. Every person is
# looked up live in a population-database stub (PopulationStub) answering after 20 ms, as an agency
# over a WAN would. In the same run, the baseline: the same CSV turned into pain.001 files by the
# plain streaming loop of B2 (RawPain001Loop, the cost of the formats alone), and the floor the
# registry's latency sets (people x delay / the gate's concurrency). Prints one
# "BENCH <name> <value> <unit>" line per figure and writes them to target/bench/results-relief.txt.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(dirname "$BENCH_DIR")

# --- knobs (environment) ---------------------------------------------------------------------
ROWS=${BENCH_RELIEF_ROWS:-20000}
WORK=${BENCH_RELIEF_WORK_DIR:-$PROJECT_DIR/target/bench/relief}
RESULTS=${BENCH_RELIEF_RESULTS:-$PROJECT_DIR/target/bench/results-relief.txt}
GW_PORT=${BENCH_RELIEF_PORT:-18095}
STUB_PORT=${BENCH_RELIEF_STUB_PORT:-18096}
GW_JAVA_OPTS=${BENCH_RELIEF_JAVA_OPTS:--Xmx512m}
RAW_JAVA_OPTS=${BENCH_RELIEF_RAW_JAVA_OPTS:--Xmx512m}
STUB_JAVA_OPTS=${BENCH_STUB_JAVA_OPTS:--Xms128m -Xmx256m -XX:+UseSerialGC}
DELAY_MS=${BENCH_RELIEF_DELAY_MS:-20}            # the stub's answer delay
CONCURRENCY=${BENCH_RELIEF_CONCURRENCY:-32}      # registry calls the gate may have in flight (the default)
STARTUP_TIMEOUT=${BENCH_RELIEF_STARTUP_TIMEOUT:-180}
LIST_TIMEOUT=${BENCH_RELIEF_TIMEOUT:-240}       # seconds from submit to DISPATCHED before giving up
AMOUNT=1000000
BANK_BINS="970405 970415 970436 970418"
COMMUNES="16681 16690 16702 16708 16732"        # Nghệ An (list valid from 2025-07-01)
PAYER_ID=dolisa-demo
TREASURY_ID=treasury-demo
SECRET=demo-secret

[[ $WORK == /* ]] || WORK=$PWD/$WORK
[[ $RESULTS == /* ]] || RESULTS=$PWD/$RESULTS
GW=http://127.0.0.1:$GW_PORT
STUB=http://127.0.0.1:$STUB_PORT
CSV=$WORK/relief.csv
PARTIAL=$WORK/results.partial
GW_PID= STUB_PID= OWN_WORK=0

LOG_TAG=relief
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
  local tool
  for tool in java curl awk sed grep; do
    command -v "$tool" >/dev/null || die "$tool is needed and not on PATH"
  done
}

token() {
  curl -sS --max-time 10 -u "$1:$SECRET" -d grant_type=client_credentials "$GW/oauth2/token" \
    | sed -n 's/.*"access_token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p'
}

status_of() {
  curl -sS --max-time 10 -H "Authorization: Bearer $PAYER_TOKEN" "$GW/api/v1/payment-batches/$1" \
    | sed -n 's/.*"status":"\([A-Z_]*\)".*/\1/p' | head -n 1
}

wait_for() {
  local batch=$1 want=$2 s
  while true; do
    s=$(status_of "$batch")
    [[ $s == "$want" ]] && return 0
    [[ $s != REJECTED ]] || die "the list was REJECTED: $(curl -sS -H "Authorization: Bearer $PAYER_TOKEN" "$GW/api/v1/payment-batches/$batch")"
    kill -0 "$GW_PID" 2>/dev/null || die "the gateway died (log: $WORK/gateway.log)"
    greater "$(since "$SUBMITTED")" "$LIST_TIMEOUT" && die "still $s after ${LIST_TIMEOUT}s (waiting for $want)"
    sleep 0.2
  done
}

begin_run relief.sh "${1:-}"
mkdir -p "$WORK"
exec 9> "$WORK/.lock"
flock -n 9 || die "another relief bench run is using $WORK"
OWN_WORK=1
stop_orphan_postgres
rm -rf "$WORK/data" "$WORK/raw" "$WORK/drop" "$PARTIAL" "$RESULTS" "$WORK"/*.log
mkdir -p "$WORK/data" "$WORK/raw"
for bin in $BANK_BINS; do mkdir -p "$WORK/drop/$bin"; done
printf '# bench/relief.sh %s; host: %s cores; %s rows, stub %s ms\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" \
  "$ROWS" "$DELAY_MS" > "$PARTIAL"

# The list: every row a different person (the stub's citizen, born 1990-05-17), one household each,
# about 3% without an account (paid in cash), the rest across four banks and five communes.
log "generating $ROWS relief rows -> $CSV"
awk -v rows="$ROWS" -v amount="$AMOUNT" -v banks="$BANK_BINS" -v communes="$COMMUNES" 'BEGIN {
  nb = split(banks, bank, " "); nc = split(communes, commune, " ")
  print "payment_id,beneficiary_id,personal_id,full_name,amount_vnd,bank_bin,account_number,province_code,commune_code,purpose,date_of_birth,household_id"
  for (i = 1; i <= rows; i++) {
    account = (i % 33 == 0) ? "," : bank[(i % nb) + 1] "," sprintf("15002%08d", i)
    printf "RLF-%06d,R-%06d,040090%06d,Nguyễn Văn An,%d,%s,40,%s,Hỗ trợ khẩn cấp bão,1990-05-17,HH-%06d\n", \
      i, i, i, amount, account, commune[(i % nc) + 1], i
  }
}' > "$CSV"
CONTROL_SUM=$((ROWS * AMOUNT))

log "baseline: RawPain001Loop $RAW_JAVA_OPTS on the same list"
# shellcheck disable=SC2086
java $RAW_JAVA_OPTS "$BENCH_DIR/RawPain001Loop.java" "$CSV" "$WORK/raw" > "$WORK/raw.txt" 2>&1 9>&- \
  || die "RawPain001Loop failed: $(tail -n 5 "$WORK/raw.txt")"
read -r _ RAW_SECONDS RAW_ROWS < <(grep '^RAW ' "$WORK/raw.txt")

! port_in_use "$STUB_PORT" || die "port $STUB_PORT is already in use (set BENCH_RELIEF_STUB_PORT)"
# shellcheck disable=SC2086
java $STUB_JAVA_OPTS "$BENCH_DIR/PopulationStub.java" "$STUB_PORT" > "$WORK/stub.log" 2>&1 9>&- &
STUB_PID=$!
wait_for_200 "$STUB/admin/stats" 30 "$STUB_PID" stub "$WORK/stub.log"
curl -sS --max-time 5 -o /dev/null -X POST "$STUB/admin/delay?ms=$DELAY_MS" || die "could not set the stub's delay"

! port_in_use "$GW_PORT" || die "port $GW_PORT is already in use (set BENCH_RELIEF_PORT)"
bank_args=()
for bin in $BANK_BINS; do
  bank_args+=("--gateway.banks[$bin].name=Bank-$bin" "--gateway.banks[$bin].url=$GW/sim/banks/$bin"
    "--gateway.banks[$bin].payment-files=FILE_DROP" "--gateway.banks[$bin].drop-folder=$WORK/drop/$bin")
done
log "starting gateway on :$GW_PORT ($GW_JAVA_OPTS)"
# shellcheck disable=SC2086
java $GW_JAVA_OPTS -jar "$JAR" --server.port="$GW_PORT" --gateway.data-dir="$WORK/data" \
  --gateway.simulators.enabled=true --gateway.agencies.population-registry.url="$STUB/population" \
  --gateway.payments.verification-concurrency="$CONCURRENCY" \
  "${bank_args[@]}" > "$WORK/gateway.log" 2>&1 9>&- &
GW_PID=$!
wait_for_200 "$GW/actuator/health/readiness" "$STARTUP_TIMEOUT" "$GW_PID" gateway "$WORK/gateway.log" \
  "Application run failed"
PAYER_TOKEN=$(token "$PAYER_ID")
TREASURY_TOKEN=$(token "$TREASURY_ID")
[[ -n $PAYER_TOKEN && -n $TREASURY_TOKEN ]] || die "no tokens"

decided=$(TZ=Asia/Ho_Chi_Minh date -d yesterday +%F)
until=$(TZ=Asia/Ho_Chi_Minh date -d '+30 days' +%F)
communes_json=$(printf '"%s",' $COMMUNES)
curl -sS --max-time 10 -o "$WORK/program.json" -H "Authorization: Bearer $PAYER_TOKEN" \
  -H 'Content-Type: application/json' --data-binary "{\"decisionNumber\":\"$(date +%s)/QĐ-UBND\",\
\"decidedOn\":\"$decided\",\"hazard\":\"STORM\",\"provinceCode\":\"40\",\"communeCodes\":[${communes_json%,}],\
\"amountPerPersonVnd\":$AMOUNT,\"budgetVnd\":$CONTROL_SUM,\"payUntil\":\"$until\"}" "$GW/api/v1/relief-programs"
PROGRAM_ID=$(sed -n 's/.*"reliefProgramId":"\([^"]*\)".*/\1/p' "$WORK/program.json")
[[ -n $PROGRAM_ID ]] || die "no relief program: $(cat "$WORK/program.json")"
curl -sS --max-time 5 -o /dev/null -X POST "$STUB/admin/stats"

# --- the measured part: submit, verification at intake, approval, files written ----------------
log "submitting $ROWS rows for relief program $PROGRAM_ID"
SUBMITTED=$(now)
code=$(curl -sS --max-time "$LIST_TIMEOUT" -o "$WORK/submit.json" -w '%{http_code}' -H 'Expect:' \
  -H "Authorization: Bearer $PAYER_TOKEN" -H 'Content-Type: text/csv' -H "X-Control-Count: $ROWS" \
  -H "X-Control-Sum: $CONTROL_SUM" --data-binary @"$CSV" \
  "$GW/api/v1/payment-batches?program=EMERGENCY_RELIEF&reliefProgramId=$PROGRAM_ID") || code=000
[[ $code == 202 ]] || die "submit answered $code: $(head -c 800 "$WORK/submit.json")"
BATCH_ID=$(sed -n 's/.*"batchId":"\([^"]*\)".*/\1/p' "$WORK/submit.json")
wait_for "$BATCH_ID" AWAITING_APPROVAL
VALIDATED=$(since "$SUBMITTED")
log "  AWAITING_APPROVAL after ${VALIDATED}s"
code=$(curl -sS --max-time 60 -o "$WORK/approval.json" -w '%{http_code}' -H "Authorization: Bearer $TREASURY_TOKEN" \
  -H 'Content-Type: application/json' --data-binary '{"approved":true}' \
  "$GW/api/v1/payment-batches/$BATCH_ID/approval") || code=000
[[ $code == 200 ]] || die "approval answered $code: $(head -c 800 "$WORK/approval.json")"
wait_for "$BATCH_ID" DISPATCHED
LIST_SECONDS=$(since "$SUBMITTED")
log "  DISPATCHED after ${LIST_SECONDS}s"

# --- checks: everyone verified live, every bank row in exactly one file, the budget committed ---
CALLS=$(curl -sS --max-time 5 "$STUB/admin/stats" | sed -n 's/^answered=//p')
((CALLS >= ROWS)) || die "the stub answered $CALLS look-ups for $ROWS people: not everyone was verified live"
FILES=$(find "$WORK/drop" -name '*.xml' | wc -l)
IN_FILES=$(cat "$WORK"/drop/*/*.xml | grep -o '<CdtTrfTxInf>' | wc -l)
CASH=$((ROWS / 33))
((IN_FILES == ROWS - CASH)) || die "$IN_FILES transfers in the files, expected $((ROWS - CASH))"
((IN_FILES == RAW_ROWS)) || die "the baseline wrote $RAW_ROWS transfers, the gateway $IN_FILES"
curl -sS --max-time 10 -o "$WORK/program-after.json" -H "Authorization: Bearer $PAYER_TOKEN" \
  "$GW/api/v1/relief-programs/$PROGRAM_ID"
grep -q "\"committedVnd\":$CONTROL_SUM" "$WORK/program-after.json" \
  || die "the program did not commit $CONTROL_SUM VND: $(cat "$WORK/program-after.json")"
log "checks passed: $CALLS live look-ups, $IN_FILES transfers in $FILES files, $CASH in cash, budget committed"

emit relief_list_seconds "$LIST_SECONDS" s
emit relief_validation_seconds "$VALIDATED" s
emit relief_raw_seconds "$RAW_SECONDS" s
emit relief_vs_raw_ratio "$(ratio "$LIST_SECONDS" "$RAW_SECONDS")" ratio
emit relief_registry_floor_seconds "$(calc '%.2f' "$ROWS * $DELAY_MS / 1000 / $CONCURRENCY")" s
emit relief_vs_registry_floor_ratio "$(ratio "$LIST_SECONDS" "$(calc '%.2f' "$ROWS * $DELAY_MS / 1000 / $CONCURRENCY")")" ratio
emit relief_registry_lookups "$CALLS" count
mv "$PARTIAL" "$RESULTS"
log "results in $RESULTS"
