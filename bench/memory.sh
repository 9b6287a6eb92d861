#!/usr/bin/env bash
# Bytes per key: 1,000,000 keys with 100-byte values in a fresh Cachalot node and a fresh redis-server,
# counted as (RSS after loading and a settled GC - RSS when empty) / keys. No AlwaysPreTouch: the
# node runs with exactly the JVM options the agent gives it (heap = 2 x maxmemory).
#
#   bench/memory.sh [keys] [maxmemory-mb]      (defaults 1000000 and 1024)
source "$(dirname "$0")/lib.sh"

KEYS=${1:-1000000}
MAXMEMORY_MB=${2:-1024}
JCMD="$(dirname "$JAVA")/jcmd"

load() { # port
  python3 - "$KEYS" <<'PY' | redis-cli -p "$1" --pipe >/dev/null
import sys
n = int(sys.argv[1])
value = b"v" * 100
out = sys.stdout.buffer
for i in range(n):
    key = b"key:%09d" % i
    out.write(b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$100\r\n%s\r\n" % (len(key), key, value))
PY
  [[ $(redis-cli -p "$1" DBSIZE) == "$KEYS" ]] || { echo "load failed on port $1" >&2; exit 1; }
}

settle_jvm() { # pid
  "$JCMD" "$1" GC.run >/dev/null
  sleep 2
  "$JCMD" "$1" GC.run >/dev/null
  sleep 1
}

CPORT=$(free_port); start_cachalot "$CPORT" $((MAXMEMORY_MB * 2)) --maxmemory "${MAXMEMORY_MB}mb"
settle_jvm "$CACHALOT_PID"
c_empty=$(rss_bytes "$CACHALOT_PID")
load "$CPORT"
settle_jvm "$CACHALOT_PID"
c_loaded=$(rss_bytes "$CACHALOT_PID")
c_used=$(redis-cli -p "$CPORT" INFO memory | tr -d '\r' | awk -F: '/^used_memory:/ { print $2 }')
kill "$CACHALOT_PID"; wait "$CACHALOT_PID" 2>/dev/null || true

RPORT=$(free_port); start_redis "$RPORT"
sleep 1
r_empty=$(rss_bytes "$REDIS_PID")
load "$RPORT"
sleep 1
r_loaded=$(rss_bytes "$REDIS_PID")
r_used=$(redis-cli -p "$RPORT" INFO memory | tr -d '\r' | awk -F: '/^used_memory:/ { print $2 }')

python3 - "$KEYS" "$c_empty" "$c_loaded" "$c_used" "$r_empty" "$r_loaded" "$r_used" "$MAXMEMORY_MB" <<'PY'
import sys
keys, ce, cl, cu, re_, rl, ru, mm = (int(x) for x in sys.argv[1:])
cb = (cl - ce) / keys; rb = (rl - re_) / keys
print(f"{keys:,} keys x 100-byte values; Cachalot with -Xmx{2*mm}m --maxmemory {mm}mb (agent flags)")
print("| server | RSS empty MB | RSS loaded MB | bytes/key (RSS delta) | INFO used_memory MB |")
print("|---|---|---|---|---|")
print(f"| cachalot | {ce/2**20:.1f} | {cl/2**20:.1f} | {cb:.0f} | {cu/2**20:.1f} |")
print(f"| redis-server | {re_/2**20:.1f} | {rl/2**20:.1f} | {rb:.0f} | {ru/2**20:.1f} |")
print(f"ratio cachalot/redis bytes per key: {cb/rb:.2f}x")
PY
