#!/bin/sh
# Builds the gateway's ahead-of-time cache (Java 25+, JEP 483/514/515) by a training run: the
# extracted gateway starts in demo mode (embedded PostgreSQL, simulated agencies) on a throw-away
# data dir with -XX:AOTCacheOutput, TrainingLoad sends verifications for a while, and a clean stop
# makes the JVM write the cache. Run it with the JVM, class path and jar layout the cache will be
# used with (deploy/Dockerfile does).
#
#   deploy/aot/train.sh <java> <extracted gateway jar> <cache file> [seconds] [TrainingLoad.java or its class dir]
set -eu
JAVA=$1 APP=$2 CACHE=$3 SECONDS_OF_LOAD=${4:-60}
LOAD=${5:-$(dirname "$0")/TrainingLoad.java}
PORT=${AOT_TRAINING_PORT:-8089}
DATA=$(mktemp -d)

"$JAVA" -XX:AOTCacheOutput="$CACHE" -Xlog:aot=error -Xmx1g -jar "$APP" --spring.profiles.active=demo \
  --server.port="$PORT" --gateway.data-dir="$DATA" --gateway.rate-limit.partners.dolisa-demo=0 &
GATEWAY=$!
STATUS=0
if [ -d "$LOAD" ]; then
  "$JAVA" -cp "$LOAD" TrainingLoad "http://127.0.0.1:$PORT" "$SECONDS_OF_LOAD" 32 || STATUS=$?
else
  "$JAVA" "$LOAD" "http://127.0.0.1:$PORT" "$SECONDS_OF_LOAD" 32 || STATUS=$?
fi
kill -TERM "$GATEWAY"
wait "$GATEWAY" || true
rm -rf "$DATA"
[ "$STATUS" -eq 0 ] || { echo "training load failed ($STATUS)" >&2; exit "$STATUS"; }
[ -s "$CACHE" ] || { echo "no AOT cache written at $CACHE" >&2; exit 1; }
echo "AOT cache: $CACHE ($(du -h "$CACHE" | cut -f1))"
