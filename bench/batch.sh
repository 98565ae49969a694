#!/usr/bin/env bash
# B2 (monthly payment batch, bulk path) for the An Sinh Gateway -- see bench/README.md.
#
#   bench/batch.sh target/ansinh-gateway-0.1.0-SNAPSHOT.jar
#
# Generates a payment list (BatchGenerator), turns it into pain.001 files with a plain streaming
# loop (RawPain001Loop: the raw limit), then runs the same list through the gateway: submit as CSV,
# validation, treasury approval, dispatch of the bank files into four drop folders. Checks that the
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
PARTIAL=$WORK/results.partial
GC_LOG=$WORK/gc.log

GW_PID= CHILD_PID=
OWN_WORK=0
RSS_PEAK_KB=0
PG_PEAK_KB=0
declare -A TOKENS=() TOKEN_AT=()
AUTH= VIEW_CODE=

# --- small helpers (bench/lib.sh) ------------------------------------------------------------
LOG_TAG=batch
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

cleanup() {
  local status=$?
  trap - EXIT
  stop_pid "$CHILD_PID" child 2
  stop_pid "$GW_PID" gateway 30   # long grace: it shuts its PostgreSQL down on the way out
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
  for tool in java curl awk sed grep; do
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

# --- the gateway -----------------------------------------------------------------------------
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
    "${bank_args[@]}" \
    $GW_EXTRA_ARGS > "$WORK/gateway.log" 2>&1 9>&- &
  GW_PID=$!
  wait_for_200 "$GW/actuator/health/readiness" "$STARTUP_TIMEOUT" "$GW_PID" gateway "$WORK/gateway.log" \
    "Application run failed"
  log "gateway ready after $(since "$GW_LAUNCHED")s"
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
      cp "$WORK/view.json" "$WORK/batch-view.json"
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
      cp "$WORK/view.json" "$WORK/batch-view.json"
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
run_batch() {
  local code approved t_uploaded t_validated t_dispatched
  auth "$TREASURY_ID"
  auth "$PAYER_ID"
  log "submitting $CSV ($CONTROL_COUNT rows) as $PAYER_ID"
  SUBMIT_STARTED=$(now)
  SUBMIT_UPTIME=$(since "$GW_LAUNCHED" "$SUBMIT_STARTED")   # about the JVM's uptime in gc.log
  # 'Expect:' off: no wait for a 100-continue before the body
  code=$(curl -sS --max-time "$BATCH_TIMEOUT" -o "$WORK/submit.json" -D "$WORK/submit.headers" -w '%{http_code}' \
    -H "Authorization: Bearer $AUTH" -H 'Content-Type: text/csv' -H 'Expect:' \
    -H "X-Control-Count: $CONTROL_COUNT" -H "X-Control-Sum: $CONTROL_SUM" \
    --data-binary @"$CSV" "$BATCHES?program=$PROGRAM&period=$PERIOD") || code=000
  t_uploaded=$(now)
  [[ $code == 202 ]] || die "submit answered $code: $(head -c 800 "$WORK/submit.json" 2>/dev/null)"
  BATCH_ID=$(json_str "$WORK/submit.json" batchId)
  [[ -n $BATCH_ID ]] || die "no batchId in the 202: $(head -c 800 "$WORK/submit.json")"
  grep -qiE "^location: *(https?://[^/]*)?/api/v1/payment-batches/$BATCH_ID"$'\r'"?$" "$WORK/submit.headers" \
    || die "no Location /api/v1/payment-batches/$BATCH_ID in the 202: $(tr -d '\r' < "$WORK/submit.headers" | head -n 20)"
  UPLOAD_SECONDS=$(since "$SUBMIT_STARTED" "$t_uploaded")
  log "  202 after ${UPLOAD_SECONDS}s: batch $BATCH_ID, $(json_str "$WORK/submit.json" status)"
  [[ $(json_str "$WORK/submit.json" status) != REJECTED ]] \
    || die "the batch was REJECTED at once: $(json_str "$WORK/submit.json" statusReason)"

  wait_for_status AWAITING_APPROVAL
  t_validated=$(now)
  VALIDATION_SECONDS=$(since "$t_uploaded" "$t_validated")

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
  log "batch $BATCH_ID DISPATCHED after ${BATCH_SECONDS}s (upload ${UPLOAD_SECONDS}s," \
    "validation ${VALIDATION_SECONDS}s, approval and dispatch ${DISPATCH_SECONDS}s)"
}

# --- checks after the clock has stopped ------------------------------------------------------
# check NAME LEFT RIGHT: one equality, logged; failures counted in $1's variable
UNBALANCED=0
MISMATCHED=0
check() {
  local kind=$1 what=$2 a=$3 b=$4
  if [[ $a == "$b" && -n $a ]]; then
    log "  ok   $what: $a"
  else
    log "  FAIL $what: $a != $b"
    if [[ $kind == balance ]]; then UNBALANCED=$((UNBALANCED + 1)); else MISMATCHED=$((MISMATCHED + 1)); fi
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
  check generated "raw loop files = gateway files" "$RAW_FILES" "$file_count"
  TO_BANKS=$to_banks
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
#   heap_mb before|after [FROM]  -> the largest figure before (or after) a collection, counting
#   only collections at JVM uptime FROM seconds or later.
heap_mb() {
  local which=$1 from=${2:-0}
  grep -o '^\[[0-9.]*s\].*GC([0-9]*) Pause.* [0-9]*[KMG]->[0-9]*[KMG]([0-9]*[KMG])' "$GC_LOG" 2>/dev/null \
    | sed 's/^\[\([0-9.]*\)s\].* \([0-9]*\)\([KMG]\)->\([0-9]*\)\([KMG]\)(.*/\1 \2 \3 \4 \5/' \
    | awk -v which="$which" -v from="$from" '
        function mb(n, unit) { return unit == "K" ? n / 1024 : unit == "G" ? n * 1024 : n }
        $1 + 0 >= from + 0 { v = which == "after" ? mb($4, $5) : mb($2, $3); if (v > m) m = v }
        END { printf "%.0f\n", m }' || true
}

main() {
  begin_run batch.sh "${1:-}"
  ! port_in_use "$GW_PORT" || die "port $GW_PORT is already in use (set BENCH_BATCH_PORT)"
  prepare_workdir

  generate
  raw_limit
  start_gateway
  run_batch

  check_balance
  check_schema || true
  emit batch_rows_per_s "$(calc %.0f "$CONTROL_COUNT / $BATCH_SECONDS")" rows/s
  emit batch_seconds "$BATCH_SECONDS" s
  emit batch_upload_seconds "$UPLOAD_SECONDS" s
  emit batch_validation_seconds "$VALIDATION_SECONDS" s
  emit batch_dispatch_seconds "$DISPATCH_SECONDS" s
  emit raw_seconds "$RAW_SECONDS" s
  emit raw_process_seconds "$RAW_PROCESS_SECONDS" s
  emit raw_rows_per_s "$(calc %.0f "$CONTROL_COUNT / $RAW_SECONDS")" rows/s
  emit batch_vs_raw_ratio "$(ratio "$BATCH_SECONDS" "$RAW_SECONDS")" ratio
  # the whole life of the gateway (startup included), then the batch alone (uptime at submit on)
  emit batch_peak_heap_mb "$(heap_mb before)" MB
  emit batch_window_peak_heap_mb "$(heap_mb before "$SUBMIT_UPTIME")" MB
  emit batch_window_max_heap_after_gc_mb "$(heap_mb after "$SUBMIT_UPTIME")" MB
  emit batch_rss_mb "$(calc %.0f "$RSS_PEAK_KB / 1024")" MB
  ((PG_PEAK_KB == 0)) || emit batch_postgres_pss_mb "$(calc %.0f "$PG_PEAK_KB / 1024")" MB
  emit batch_files "$(wc -l < "$WORK/files.txt")" count
  emit batch_balanced "$((UNBALANCED == 0 ? 1 : 0))" bool
  emit batch_counts_as_generated "$((MISMATCHED == 0 ? 1 : 0))" bool
  emit batch_files_schema_valid "$SCHEMA_VALID" bool

  ((UNBALANCED == 0)) || die "$UNBALANCED balance checks failed (see above)"
  ((MISMATCHED == 0)) || die "$MISMATCHED counts differ from what the generator made (see above)"
  ((SCHEMA_VALID == 1)) || die "pain.001 files not valid against $XSD (see $WORK/xmllint.txt)"
  mv "$PARTIAL" "$RESULTS"
  log "done: $RESULTS"
}

if [[ ${BENCH_SOURCE_ONLY:-0} != 1 ]]; then
  main "$@"
fi
