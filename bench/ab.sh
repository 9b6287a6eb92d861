#!/usr/bin/env bash
# Two builds of the engine, A and B, in interleaved rounds of one redis-benchmark workload: ops per
# server CPU-second of each (the before/after of a change to the hot path).
#
#   bench/ab.sh A.jar B.jar [pipeline] [requests] [rounds] [test]    (defaults 16 1000000 6 get)
#   e.g. git archive <commit> | tar -x -C /tmp/base && (cd /tmp/base && ./mvnw -q -B -o -pl cache-engine package -DskipTests)
#        bench/ab.sh /tmp/base/cache-engine/target/cache-engine.jar cache-engine/target/cache-engine.jar
source "$(dirname "$0")/lib.sh"

A=$1; B=$2; P=${3:-16}; N=${4:-1000000}; R=${5:-6}; T=${6:-get}
PA=$(free_port); ENGINE_JAR=$A start_cachalot "$PA" 256; PIDA=$CACHALOT_PID
PB=$(free_port); ENGINE_JAR=$B start_cachalot "$PB" 256; PIDB=$CACHALOT_PID
for p in "$PA" "$PB"; do
  taskset -c "$CLIENT_CPU" "$REDIS_BENCHMARK" -p "$p" -c 50 -n 1000000 -d 100 -r 100000 -P 16 -t set,get -q >/dev/null 2>&1
done
for r in $(seq "$R"); do
  for x in A B; do
    if [[ $x == A ]]; then pid=$PIDA; port=$PA; else pid=$PIDB; port=$PB; fi
    before=$(cpu_ticks "$pid")
    taskset -c "$CLIENT_CPU" "$REDIS_BENCHMARK" -p "$port" -c 50 -n "$N" -d 100 -r 100000 -P "$P" -t "$T" -q >/dev/null 2>&1
    after=$(cpu_ticks "$pid")
    echo "$x $(( N * 100 / (after - before) ))"
  done
done | awk '{ s[$1] += $2; n[$1]++; v[$1] = v[$1] " " $2 }
            END { for (k in s) printf "%s: mean %d ops per CPU-second; rounds:%s\n", k, s[k] / n[k], v[k] }' | sort
