#!/usr/bin/env bash
# redis-benchmark's whole default suite (-q) against a Cachalot node: every test must finish without
# an error reply. Prints the suite's output and exits non-zero on "Error from server" / "ERR".
#
#   bench/suite.sh [requests] [tests]     (default 100000, the whole suite; tests as redis-benchmark -t)
source "$(dirname "$0")/lib.sh"

N=${1:-100000}
TESTS=()
[[ -n "${2:-}" ]] && TESTS=(-t "$2")
CPORT=$(free_port); start_cachalot "$CPORT" 256
out=$(taskset -c "$CLIENT_CPU" "$REDIS_BENCHMARK" -p "$CPORT" -q -n "$N" "${TESTS[@]}" 2>&1 | tr '\r' '\n' | grep -v 'rps=' | grep -v '^[[:space:]]*$' || true)
echo "$out"
if echo "$out" | grep -qi 'error\|ERR '; then
  echo "FAILED: the suite hit an error" >&2
  exit 1
fi
echo "suite completed without errors"
