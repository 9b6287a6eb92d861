#!/usr/bin/env bash
# Shared helpers of the benchmark scripts: start/stop a Cachalot node and a Debian redis-server,
# read a process's CPU time, pick free ports. Source it; do not run it.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
ENGINE_JAR="${ENGINE_JAR:-$REPO_DIR/cache-engine/target/cache-engine.jar}"
REDIS_SERVER="${REDIS_SERVER:-/usr/bin/redis-server}"
REDIS_BENCHMARK="${REDIS_BENCHMARK:-/usr/bin/redis-benchmark}"
SERVER_CPU="${SERVER_CPU:-1}"   # core the servers are pinned to
CLIENT_CPU="${CLIENT_CPU:-0}"   # core the load generator is pinned to

# The JVM options the data-plane agent gives every node (data-plane-agent/.../EngineCommand.java),
# heap = 2 x maxmemory (256 MB when there is no maxmemory).
NODE_JVM_OPTS=(-XX:+UseSerialGC -Xss512k -XX:+UseCompactObjectHeaders --sun-misc-unsafe-memory-access=allow
  --enable-native-access=ALL-UNNAMED -Dio.netty.leakDetection.level=disabled)

PIDS_TO_KILL=()
cleanup() {
  for pid in "${PIDS_TO_KILL[@]:-}"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS_TO_KILL[@]:-}"; do
    [[ -n "$pid" ]] && wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_port() { # port
  for _ in $(seq 1 200); do
    if redis-cli -p "$1" PING >/dev/null 2>&1; then return 0; fi
    sleep 0.05
  done
  echo "nothing answers on port $1" >&2
  return 1
}

# start_cachalot PORT HEAP_MB [extra engine args...] -> sets CACHALOT_PID
start_cachalot() {
  local port=$1 heap=$2; shift 2
  [[ -f "$ENGINE_JAR" ]] || { echo "build the engine first: ./mvnw -q -B -o -pl cache-engine package -DskipTests" >&2; exit 1; }
  # the young generation as the agent sizes it (EngineCommand.gcOptions): heap/64, 16-64 MiB
  local young=$(( heap / 64 )); (( young < 16 )) && young=16; (( young > 64 )) && young=64
  young=${YOUNG_MB:-$young}
  taskset -c "$SERVER_CPU" "$JAVA" "${NODE_JVM_OPTS[@]}" "-Xmx${heap}m" "-Xmn${young}m" -jar "$ENGINE_JAR" \
    --port "$port" --bind 127.0.0.1 "$@" >/dev/null 2>&1 &
  CACHALOT_PID=$!
  PIDS_TO_KILL+=("$CACHALOT_PID")
  wait_port "$port"
}

# start_redis PORT -> sets REDIS_PID
start_redis() {
  local port=$1
  taskset -c "$SERVER_CPU" "$REDIS_SERVER" --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
    --daemonize no --loglevel warning >/dev/null 2>&1 &
  REDIS_PID=$!
  PIDS_TO_KILL+=("$REDIS_PID")
  wait_port "$port"
}

# CPU time (user + system) of a process in clock ticks (USER_HZ, 100 per second), from /proc/<pid>/stat
cpu_ticks() {
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

# resident set size in bytes
rss_bytes() {
  awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$1/status"
}
