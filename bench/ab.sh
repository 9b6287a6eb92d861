#!/usr/bin/env bash
# Two builds (or two JVM settings) of the engine, A and B, in interleaved rounds of one redis-benchmark
# workload: ops per server CPU-second and p99 of each (the before/after of a change to the hot path).
#
#   bench/ab.sh A.jar B.jar [pipeline] [requests] [rounds] [test]    (defaults 16 1000000 6 get)
#   e.g. git archive <commit> | tar -x -C /tmp/base && (cd /tmp/base && ./mvnw -q -B -o -pl cache-engine package -DskipTests)
#        bench/ab.sh /tmp/base/cache-engine/target/cache-engine.jar cache-engine/target/cache-engine.jar
#
# A_JVM_OPTS / B_JVM_OPTS add JVM options to one node (the same jar twice compares settings, e.g.
# A_JVM_OPTS=-Dcachalot.engine.transport=epoll); WITH_REDIS=1 adds redis-server as R to the rounds.
source "$(dirname "$0")/lib.sh"

A=$1; B=$2; P=${3:-16}; N=${4:-1000000}; R=${5:-6}; T=${6:-get}
BASE_OPTS=("${NODE_JVM_OPTS[@]}")
NODE_JVM_OPTS=("${BASE_OPTS[@]}" ${A_JVM_OPTS:-}); PA=$(free_port); ENGINE_JAR=$A start_cachalot "$PA" 256; PIDA=$CACHALOT_PID
NODE_JVM_OPTS=("${BASE_OPTS[@]}" ${B_JVM_OPTS:-}); PB=$(free_port); ENGINE_JAR=$B start_cachalot "$PB" 256; PIDB=$CACHALOT_PID
SERVERS=(A B); PORTS=("$PA" "$PB"); SPIDS=("$PIDA" "$PIDB")
if [[ -n "${WITH_REDIS:-}" ]]; then
  PR=$(free_port); start_redis "$PR"
  SERVERS+=(R); PORTS+=("$PR"); SPIDS+=("$REDIS_PID")
fi
for p in "${PORTS[@]}"; do
  taskset -c "$CLIENT_CPU" "$REDIS_BENCHMARK" -p "$p" -c 50 -n 1000000 -d 100 -r 100000 -P 16 -t set,get -q >/dev/null 2>&1
done
for r in $(seq "$R"); do
  for i in "${!SERVERS[@]}"; do
    pid=${SPIDS[$i]}; port=${PORTS[$i]}
    before=$(cpu_ticks "$pid")
    csv=$(taskset -c "$CLIENT_CPU" "$REDIS_BENCHMARK" -p "$port" -c 50 -n "$N" -d 100 -r 100000 -P "$P" -t "$T" --csv 2>/dev/null | tail -1)
    after=$(cpu_ticks "$pid")
    echo "${SERVERS[$i]} $(( N * 100 / (after - before) )) $(echo "$csv" | awk -F'","' '{ print $7 }')"
  done
done | awk '{ s[$1] += $2; n[$1]++; v[$1] = v[$1] " " $2 "/" $3 }
            END { for (k in s) printf "%s: mean %d ops per CPU-second; rounds (ops per CPU-second/p99 ms):%s\n", k, s[k] / n[k], v[k] }' | sort
