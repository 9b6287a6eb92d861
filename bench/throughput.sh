#!/usr/bin/env bash
# Operations per server CPU-second, throughput and p99 of a Cachalot node and redis-server, same run,
# rounds interleaved. Server pinned to core $SERVER_CPU, redis-benchmark to core $CLIENT_CPU.
#
#   bench/throughput.sh [rounds]          (default 3; REQUESTS_P1 / REQUESTS_P16 to change sizes)
#
# Workloads: SET and GET with 100-byte values over 100,000 random keys, 50 clients, pipelining 1
# and 16; "mix 1:10" is the SET and GET runs combined as 1 SET per 10 GETs (CPU per operation
# weighted 1:10; p99 the larger of the two), because memtier_benchmark, which mixes in one run, is
# not packaged for Debian 12. BASELINE_JAR=path/to/other/cache-engine.jar adds a third server, another
# build of the engine, to the same rounds (before/after comparisons of a change).
source "$(dirname "$0")/lib.sh"

ROUNDS=${1:-3}
REQUESTS_P1=${REQUESTS_P1:-300000}
REQUESTS_P16=${REQUESTS_P16:-3000000}
RESULTS=$(mktemp)

run_one() { # server-name pid port test pipeline requests
  local name=$1 pid=$2 port=$3 test=$4 pipeline=$5 requests=$6
  local before after csv
  before=$(cpu_ticks "$pid")
  csv=$(taskset -c "$CLIENT_CPU" "$REDIS_BENCHMARK" -p "$port" -c 50 -n "$requests" -d 100 -r 100000 \
        -P "$pipeline" -t "$test" --csv 2>/dev/null | tail -1)
  after=$(cpu_ticks "$pid")
  # "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
  local rps p99
  rps=$(echo "$csv" | awk -F'","' '{ print $2 }')
  p99=$(echo "$csv" | awk -F'","' '{ print $7 }')
  echo "$name $test P$pipeline $requests $((after - before)) $rps $p99" >> "$RESULTS"
}

CPORT=$(free_port); start_cachalot "$CPORT" 256
RPORT=$(free_port); start_redis "$RPORT"
SERVERS=(cachalot redis)
PORTS=("$CPORT" "$RPORT")
SPIDS=("$CACHALOT_PID" "$REDIS_PID")
if [[ -n "${BASELINE_JAR:-}" ]]; then
  BPORT=$(free_port); ENGINE_JAR="$BASELINE_JAR" start_cachalot "$BPORT" 256
  SERVERS+=(baseline); PORTS+=("$BPORT"); SPIDS+=("$CACHALOT_PID")
fi
echo "servers ${SERVERS[*]} on ports ${PORTS[*]}; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# warm-up: fills the key space on each and lets the JIT compile the hot path
for p in "${PORTS[@]}"; do
  taskset -c "$CLIENT_CPU" "$REDIS_BENCHMARK" -p "$p" -c 50 -n 500000 -d 100 -r 100000 -P 16 -t set,get -q >/dev/null 2>&1
done

for round in $(seq 1 "$ROUNDS"); do
  for i in "${!SERVERS[@]}"; do
    server=${SERVERS[$i]}; pid=${SPIDS[$i]}; port=${PORTS[$i]}
    for pipeline in 1 16; do
      n=$REQUESTS_P1; [[ $pipeline == 16 ]] && n=$REQUESTS_P16
      run_one "$server" "$pid" "$port" set "$pipeline" "$n"
      run_one "$server" "$pid" "$port" get "$pipeline" "$n"
    done
  done
  echo "round $round done; load: $(cut -d' ' -f1-3 /proc/loadavg)"
done

python3 - "$RESULTS" "$ROUNDS" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
rounds = int(sys.argv[2])
data = {}
for name, test, pipe, n, ticks, rps, p99 in rows:
    data.setdefault((name, test.upper(), pipe), []).append((int(n), int(ticks) / 100.0, float(rps), float(p99)))
def per_round(name, test, pipe):
    return data[(name, test, pipe)]
def summary(name, test, pipe):
    if test == "MIX":
        out = []
        for (sn, sc, sr, sp), (gn, gc, gr, gp) in zip(per_round(name, "SET", pipe), per_round(name, "GET", pipe)):
            cpu_per_op = (1 * sc / sn + 10 * gc / gn) / 11
            rps = 11 / (1 / sr + 10 / gr)
            out.append((1 / cpu_per_op, rps, max(sp, gp)))
        return out
    return [(n / c if c > 0 else float("inf"), r, p) for n, c, r, p in per_round(name, test, pipe)]
names = sorted({k[0] for k in data if k[0] != "redis"})
for name in names:
  print()
  print(f"| workload | pipeline | {name} ops/CPU-s | redis ops/CPU-s | ratio (median, min-max of {rounds} rounds) | {name} ops/s | redis ops/s | {name} p99 ms | redis p99 ms | p99 ratio |")
  print("|---|---|---|---|---|---|---|---|---|---|")
  for test in ("SET", "GET", "MIX"):
    for pipe in ("P1", "P16"):
        c = summary(name, test, pipe); r = summary("redis", test, pipe)
        ratios = [a[0] / b[0] for a, b in zip(c, r)]
        p99r = [a[2] / b[2] if b[2] > 0 else float("nan") for a, b in zip(c, r)]
        med = statistics.median
        print(f"| {test if test != 'MIX' else 'mix 1:10'} | {pipe[1:]} | {med([x[0] for x in c]):,.0f} | {med([x[0] for x in r]):,.0f} "
              f"| {med(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f}) | {med([x[1] for x in c]):,.0f} | {med([x[1] for x in r]):,.0f} "
              f"| {med([x[2] for x in c]):.3f} | {med([x[2] for x in r]):.3f} | {med(p99r):.2f}x |")
PY
rm -f "$RESULTS"
