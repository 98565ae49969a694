# Helpers shared by bench/run.sh and bench/batch.sh; sourced, not run. The caller sets LOG_TAG,
# WORK, OWN_WORK (1 once the run owns WORK) and PARTIAL (where BENCH lines collect).

# progress to stderr, and to run.log once this run owns the work dir
log() {
  printf '[%s] %s\n' "$LOG_TAG" "$*" >&2
  [[ $OWN_WORK != 1 ]] || printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >> "$WORK/run.log"
}
die() { log "ERROR: $*"; exit 1; }
now() { date +%s.%N; }

# One figure: to stdout and to the results file.
emit() {
  printf 'BENCH %s %s %s\n' "$1" "$2" "$3" | tee -a "$PARTIAL"
}

# awk does the arithmetic (as doubles: exact below 2^53) so the shell needs no bc or python
calc() { awk "BEGIN { printf \"$1\\n\", $2 }"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f\n", a / b; else print "0.000" }'; }
greater() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > b) }'; }
since() { awk -v a="$1" -v b="${2:-$(now)}" 'BEGIN { printf "%.2f\n", b - a }'; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# HTTP status of a GET, 000 when nothing answers
http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true; }

# Stop one process we started: TERM, a grace period, then KILL.
stop_pid() {
  local pid=$1 name=$2 grace=${3:-5} i
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name ($pid) did not stop in ${grace}s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# The gateway stops its embedded PostgreSQL on a clean shutdown; if it was killed, the postmaster
# is left running on our data dir -- stop it through its own pid file.
stop_orphan_postgres() {
  local pidfile pid
  [[ -d $WORK/data ]] || return 0
  while IFS= read -r pidfile; do
    pid=$(head -n 1 "$pidfile" 2>/dev/null || true)
    if [[ $pid =~ ^[0-9]+$ ]] && [[ $(cat "/proc/$pid/comm" 2>/dev/null || true) == postgres* ]]; then
      log "stopping leftover PostgreSQL $pid ($pidfile)"
      kill -INT "$pid" 2>/dev/null || true   # SIGINT = PostgreSQL's fast shutdown
      for _ in {1..50}; do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  done < <(find "$WORK/data" -name postmaster.pid 2>/dev/null)
}

# The embedded PostgreSQL runs outside the JVM (pg_ctl detaches it): the postmaster named in its
# pid file under the data dir, plus its backends. PSS, so shared buffers are counted once.
postgres_pss_kb() {
  local pidfile pm pid kb total=0
  pidfile=$(find "$WORK/data" -name postmaster.pid 2>/dev/null | head -n 1)
  pm=$([[ -n $pidfile ]] && head -n 1 "$pidfile" 2>/dev/null || true)
  if [[ $pm =~ ^[0-9]+$ ]] && [[ -r /proc/$pm/smaps_rollup ]]; then
    for pid in "$pm" $(cat "/proc/$pm/task/$pm/children" 2>/dev/null || true); do
      kb=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || true)
      total=$((total + ${kb:-0}))
    done
  fi
  echo "$total"
}

# How each script's main begins: the gateway jar as an absolute $JAR, the tools it needs
# (ensure_tools), and cleanup on every way out. begin_run <script> <jar>
begin_run() {
  JAR=${2:-}
  [[ -n $JAR ]] || die "usage: bench/$1 <gateway jar>"
  [[ -f $JAR ]] || die "no gateway jar at $JAR (build it first: ./mvnw -DskipTests package)"
  JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
  ensure_tools
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# Peak memory while the gateway works, sampled once per tick: its RSS every time, PostgreSQL's
# (a few processes to add up) every $2-th tick. Keeps RSS_PEAK_KB and PG_PEAK_KB; needs GW_PID.
sample_footprint() {
  local tick=$1 postgres_every=$2 kb
  kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$GW_PID/status" 2>/dev/null || echo 0)
  ((kb > RSS_PEAK_KB)) && RSS_PEAK_KB=$kb
  if ((tick % postgres_every == 0)); then
    kb=$(postgres_pss_kb)
    ((kb > PG_PEAK_KB)) && PG_PEAK_KB=$kb
  fi
  return 0
}

# Poll until a URL answers 200; fail early if the process behind it died or logged fail_pattern.
wait_for_200() {
  local url=$1 timeout=$2 pid=$3 name=$4 logfile=$5 fail_pattern=${6:-} deadline
  deadline=$(($(date +%s) + timeout))
  until [[ $(http_status "$url") == 200 ]]; do
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$logfile" >&2 || true; die "$name exited during startup (log: $logfile)"; }
    if [[ -n $fail_pattern ]] && grep -q "$fail_pattern" "$logfile" 2>/dev/null; then
      grep -E "$fail_pattern|^Caused by:" "$logfile" | cut -c1-300 >&2 || true
      die "$name failed to start (log: $logfile)"
    fi
    (($(date +%s) < deadline)) || { tail -n 30 "$logfile" >&2 || true; die "$name not ready after ${timeout}s (log: $logfile)"; }
    sleep 0.2
  done
}
