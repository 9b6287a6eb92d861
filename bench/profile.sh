#!/usr/bin/env bash
# Where the node's time goes: a JFR recording (settings=profile) during one redis-benchmark workload,
# printed as the methods most often on top of the data thread's stack.
#
#   bench/profile.sh [test] [pipeline] [requests]     (defaults get 16 3000000)
source "$(dirname "$0")/lib.sh"

TEST=${1:-get}
PIPELINE=${2:-16}
N=${3:-3000000}
JFR_FILE=$(mktemp --suffix=.jfr)
BIN="$(dirname "$JAVA")"

NODE_JVM_OPTS+=("-XX:StartFlightRecording=filename=$JFR_FILE,settings=profile")
CPORT=$(free_port); start_cachalot "$CPORT" 256
taskset -c "$CLIENT_CPU" "$REDIS_BENCHMARK" -p "$CPORT" -c 50 -n 1000000 -d 100 -r 100000 -P 16 -t set,get -q >/dev/null 2>&1
"$BIN/jcmd" "$CACHALOT_PID" JFR.stop >/dev/null 2>&1 || true
"$BIN/jcmd" "$CACHALOT_PID" JFR.start "filename=$JFR_FILE" settings=profile >/dev/null
taskset -c "$CLIENT_CPU" "$REDIS_BENCHMARK" -p "$CPORT" -c 50 -n "$N" -d 100 -r 100000 -P "$PIPELINE" -t "$TEST" -q 2>&1 \
  | tr '\r' '\n' | grep 'per second'
"$BIN/jcmd" "$CACHALOT_PID" JFR.dump "filename=$JFR_FILE" >/dev/null
"$BIN/jfr" print --events jdk.ExecutionSample "$JFR_FILE" | grep -A1 'stackTrace = \[' | grep -v 'stackTrace\|^--' \
  | sed 's/line:.*//; s/^ *//' | sort | uniq -c | sort -rn | head -30
rm -f "$JFR_FILE"
