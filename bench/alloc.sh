#!/usr/bin/env bash
# Heap bytes allocated per command on the node's hot path (SET and GET, 100-byte values, pipelining
# 16): the young generation's "used" before and after a redis-benchmark run, with an eden large
# enough that no collection happens in between. The gate, stats, tracking and pub/sub checks must
# keep it near zero. ENGINE_JAR=... measures another build (e.g. the previous commit's).
#
#   bench/alloc.sh [requests]      (default 2000000 per command)
source "$(dirname "$0")/lib.sh"

N=${1:-2000000}
JCMD="$(dirname "$JAVA")/jcmd"

young_used() { # pid -> bytes used in the young generation
  "$JCMD" "$1" GC.heap_info | awk '/DefNew/ { gsub(/K,?/, "", $5); print $5 * 1024; exit }'
}

NODE_JVM_OPTS+=(-Xmn1536m)
CPORT=$(free_port); start_cachalot "$CPORT" 2048
taskset -c "$CLIENT_CPU" "$REDIS_BENCHMARK" -p "$CPORT" -c 50 -n 1000000 -d 100 -r 100000 -P 16 -t set,get -q >/dev/null 2>&1
"$JCMD" "$CACHALOT_PID" GC.run >/dev/null
for test in set get; do
  before=$(young_used "$CACHALOT_PID")
  taskset -c "$CLIENT_CPU" "$REDIS_BENCHMARK" -p "$CPORT" -c 50 -n "$N" -d 100 -r 100000 -P 16 -t "$test" -q >/dev/null 2>&1
  after=$(young_used "$CACHALOT_PID")
  if (( after < before )); then
    echo "$test: a collection happened during the run; use fewer requests" >&2
    continue
  fi
  python3 -c "import sys; b,a,n=map(float,sys.argv[1:]); print(f'$test: {(a-b)/n:.2f} bytes/command over {int(n):,} commands')" "$before" "$after" "$N"
done
