#!/usr/bin/env bash
# A Cachalot memcached node against Debian's memcached (-t 1), same run, rounds interleaved, both
# pinned to core $SERVER_CPU and the load generator to core $CLIENT_CPU:
#   - throughput, operations per server CPU-second (/proc/<pid>/stat) and p50/p99 latency of a
#     1:10 SET:GET mix, 100-byte values, 100,000 keys, 50 connections, one request in flight each
#     (bench/McLoad.java: memcslap cannot mix, memcaslap gives no percentiles);
#   - bytes per item for 1,000,000 items of 100 bytes: (RSS loaded - RSS empty) / items, fresh
#     processes with the flags a node really gets from the agent.
#
#   bench/memcached.sh [rounds]      (default 3; SECONDS_PER_RUN=10, ITEMS=1000000)
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
ENGINE_JAR="${ENGINE_JAR:-$REPO_DIR/cache-engine/target/cache-engine.jar}"
MEMCACHED="${MEMCACHED:-/usr/bin/memcached}"
SERVER_CPU="${SERVER_CPU:-1}"
CLIENT_CPU="${CLIENT_CPU:-0}"
ROUNDS=${1:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
ITEMS=${ITEMS:-1000000}
MAXMEMORY_MB=1024

[[ -f "$ENGINE_JAR" ]] || { echo "build the engine first: ./mvnw -q -B -o -pl cache-engine package -DskipTests" >&2; exit 1; }
[[ -x "$MEMCACHED" ]] || { echo "$MEMCACHED is missing: apt-get install memcached" >&2; exit 1; }

# What the data-plane agent runs for a node of 1 GiB (EngineCommand: heap = 2 x maxmemory, Serial GC
# with a young generation of heap/64 between 16 and 64 MiB).
NODE_JVM_OPTS=(-XX:+UseSerialGC -Xmn32m -Xmx2048m -Xss512k -XX:+UseCompactObjectHeaders
  --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -Dio.netty.leakDetection.level=disabled)
USER_OPT=()
[[ "$(id -u)" == 0 ]] && USER_OPT=(-u root)

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
wait_port() {
  for _ in $(seq 1 200); do
    if python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1',$1)); s.sendall(b'version\r\n'); sys.exit(0 if s.recv(100).startswith(b'VERSION') else 1)" 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "nothing answers on port $1" >&2; return 1
}
start_cachalot() { # port -> PID
  taskset -c "$SERVER_CPU" "$JAVA" "${NODE_JVM_OPTS[@]}" -jar "$ENGINE_JAR" --engine memcached --port "$1" \
    --bind 127.0.0.1 --maxmemory $((MAXMEMORY_MB * 1024 * 1024)) >/dev/null 2>&1 &
  PID=$!; PIDS+=("$PID"); wait_port "$1"
}
start_memcached() { # port -> PID
  taskset -c "$SERVER_CPU" "$MEMCACHED" "${USER_OPT[@]}" -p "$1" -U 0 -l 127.0.0.1 -t 1 -m "$MAXMEMORY_MB" &
  PID=$!; PIDS+=("$PID"); wait_port "$1"
}

LOADGEN=$(mktemp -d)
"$JAVA_HOME/bin/javac" -d "$LOADGEN" "$BENCH_DIR/McLoad.java"
mcload() { taskset -c "$CLIENT_CPU" "$JAVA" -XX:+UseParallelGC -cp "$LOADGEN" McLoad "$@"; }

echo "== memory: $ITEMS items of 100 bytes, fresh processes"
for name in memcached cachalot; do
  port=$(free_port)
  if [[ $name == memcached ]]; then start_memcached "$port"; else start_cachalot "$port"; fi
  pid=$PID
  mcload --port "$port" --keys 1000 --preload --seconds 0.2 >/dev/null   # connections, classes, buffers
  sleep 1
  empty=$(rss_kb "$pid")
  mcload --port "$port" --keys "$ITEMS" --preload --seconds 0.1 >/dev/null
  sleep 2
  loaded=$(rss_kb "$pid")
  echo "$name rss_empty_kb=$empty rss_loaded_kb=$loaded bytes_per_item=$(( (loaded - empty) * 1024 / ITEMS ))"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done

echo "== 1:10 set:get, 100-byte values, 100000 keys, 50 connections, ${SECONDS_PER_RUN}s runs, $ROUNDS rounds"
MPORT=$(free_port); start_memcached "$MPORT"; MPID=$PID
CPORT=$(free_port); start_cachalot "$CPORT"; CPID=$PID
for port in "$MPORT" "$CPORT"; do
  mcload --port "$port" --keys 100000 --preload --seconds 5 >/dev/null   # load, and warm the JIT up
done
for round in $(seq 1 "$ROUNDS"); do
  for name in memcached cachalot; do
    if [[ $name == memcached ]]; then port=$MPORT; pid=$MPID; else port=$CPORT; pid=$CPID; fi
    before=$(cpu_ticks "$pid")
    out=$(mcload --port "$port" --keys 100000 --connections 50 --sets 1 --gets 10 --seconds "$SECONDS_PER_RUN")
    after=$(cpu_ticks "$pid")
    ops=$(sed -E 's/.*ops=([0-9]+) .*/\1/' <<<"$out")
    ops_per_cpu=$(( ops * 100 / (after - before) ))
    echo "round=$round server=$name cpu_s=$(awk "BEGIN{print ($after-$before)/100}") ops_per_cpu_s=$ops_per_cpu $out"
  done
done
