#!/usr/bin/env bash
# W4 tcp-echo for any server that speaks the READY protocol (prints "READY port=<n>", serves until
# its stdin closes): TcpEcho serve (asyncio4j), peers/python/w4_tcp_echo.py (asyncio, uvloop), ...
#
#   w4_measure.sh [--unpinned] SERVER-COMMAND...
#
# Runs the server pinned to CPU 1 and the load generator (built from w4_loadgen.c) pinned to CPU 0,
# 100 connections, 100-byte messages, 2 s warm-up, 10 s measured (W4_CONNS, W4_SECONDS, W4_MSG,
# W4_WARMUP override). The server's CPU time (all threads, user + system) is sampled from
# /proc/<pid>/stat when the measured window starts and ends. Prints one line:
#   RESULT W4 msgs_per_s=... p50_us=... p99_us=... server_cpu_us_per_msg=... connections=... msg_bytes=...
# Linux only; every step is bounded in time.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pin_server=(taskset -c 1)
pin_gen=(taskset -c 0)
if [ "${1:-}" = --unpinned ]; then
    pin_server=()
    pin_gen=()
    shift
fi
[ $# -gt 0 ] || { echo "usage: w4_measure.sh [--unpinned] SERVER-COMMAND..." >&2; exit 2; }
gen="$here/../../target/w4_loadgen"
if [ ! -x "$gen" ] || [ "$here/w4_loadgen.c" -nt "$gen" ]; then
    mkdir -p "$(dirname "$gen")"
    gcc -O2 -o "$gen" "$here/w4_loadgen.c"
fi
conns=${W4_CONNS:-100} seconds=${W4_SECONDS:-10} msg=${W4_MSG:-100} warmup=${W4_WARMUP:-2}
limit=$((seconds + warmup + 60))

dir=$(mktemp -d)
mkfifo "$dir/in" "$dir/out"
# The server reads its stdin from a fifo this script holds open (fd 4): closing it ends the server.
timeout "$limit" "${pin_server[@]}" "$@" <"$dir/in" >"$dir/out" &
server=$!
exec 4>"$dir/in" 3<"$dir/out"
rm -rf "$dir"
pid=""
cleanup() {
    exec 4>&-
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        kill -0 "$server" 2>/dev/null || return 0
        sleep 0.5
    done
    kill "$server" ${pid:+"$pid"} 2>/dev/null || true
}
trap cleanup EXIT
port=""
while IFS= read -r -t 60 line <&3; do
    case "$line" in READY\ port=*) port=${line#READY port=}; break ;; esac
done
[ -n "$port" ] || { echo "w4_measure: the server never printed READY port=<n>" >&2; exit 1; }
# The server process: the one listening on the port.
pid=$(ss -Htlnp "sport = :$port" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
[ -n "$pid" ] || { echo "w4_measure: cannot find the process listening on port $port" >&2; exit 1; }
ticks=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
c0="" res=""
while IFS= read -r line; do
    case "$line" in
        MEASURE) c0=$(cpu) ;;
        RESULT*) c1=$(cpu); res=$line ;;
    esac
done < <(timeout "$limit" "${pin_gen[@]}" "$gen" 127.0.0.1 "$port" "$conns" "$seconds" "$msg" "$warmup")
[ -n "$res" ] && [ -n "$c0" ] || { echo "w4_measure: the load generator failed" >&2; exit 1; }
msgs=$(sed 's/.* msgs=\([0-9]*\).*/\1/' <<<"$res")
cpu_us=$(awk -v a="$c0" -v b="$c1" -v t="$ticks" -v m="$msgs" 'BEGIN { printf "%.3f", (b - a) * 1e6 / t / m }')
sed "s/ msgs=[0-9]* seconds=[0-9.]*//; s/^RESULT W4 \(msgs_per_s=[^ ]* p50_us=[^ ]* p99_us=[^ ]*\)/RESULT W4 \1 server_cpu_us_per_msg=$cpu_us/" <<<"$res"
