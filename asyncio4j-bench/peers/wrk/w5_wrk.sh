#!/usr/bin/env bash
# W5's load: wrk against 127.0.0.1:PORT/PATH, BENCH.md's `wrk -t1 -c100 -d10s --latency` after a
# warm-up of the same shape (so the JIT of the JVM peers is warm, as a long-running server's is).
# Prints MEASURE when the measured run starts (the harness samples the server's CPU time then) and
# the RESULT line at its end (w5_result.lua).
# Usage: w5_wrk.sh PORT [PATH=/] [SECONDS=10] [WARMUP=3]
set -euo pipefail
port=$1
path=${2:-/}
seconds=${3:-10}
warmup=${4:-3}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk; bench/setup.sh does it when root)" >&2; exit 2; }
wrk -t1 -c100 -d"${warmup}s" "http://127.0.0.1:${port}${path}" >/dev/null
echo MEASURE
wrk -t1 -c100 -d"${seconds}s" --latency -s "$here/w5_result.lua" "http://127.0.0.1:${port}${path}"
