#!/usr/bin/env bash
# bench/setup.sh — installs what ./aio bench needs and is missing, or says plainly what it skips.
#
# Run by `./aio bench` before the harness (AIO_BENCH_SETUP=0 turns that off). Installs Debian
# packages with apt-get when run as root; otherwise, or when apt-get fails, it prints what is
# missing and the harness skips what depends on it. Every step is bounded in time.
#   time            /usr/bin/time -v measures each run's peak RSS
#   python3-uvloop  the uvloop peer (Debian installs it for /usr/bin/python3)
#   gcc             builds W4's load generator (asyncio4j-bench/peers/c/w4_loadgen.c)
#   nginx-light     W6's fixed server (/usr/sbin/nginx)
#   python3-aiohttp W5's and W6's Python peers (aiohttp's server and client, for /usr/bin/python3)
#   wrk             W5's load generator
set -uo pipefail

missing=()
[ -x /usr/bin/time ] || missing+=(time)
if ! python3 -c 'import uvloop' 2>/dev/null && ! /usr/bin/python3 -c 'import uvloop' 2>/dev/null; then
    missing+=(python3-uvloop)
fi
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
if ! python3 -c 'import aiohttp' 2>/dev/null && ! /usr/bin/python3 -c 'import aiohttp' 2>/dev/null; then
    missing+=(python3-aiohttp)
fi
command -v python3 >/dev/null 2>&1 || echo "bench/setup: python3 is not installed: the CPython asyncio and uvloop peers are skipped"
command -v node >/dev/null 2>&1 || echo "bench/setup: node is not installed: the Node.js peer is skipped"

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "bench/setup: missing ${missing[*]} and cannot install them here (needs root and apt-get):"
    echo "             the harness skips what depends on them"
    exit 0
fi

echo "bench/setup: installing ${missing[*]} with apt-get ..."
export DEBIAN_FRONTEND=noninteractive
if ! timeout 300 apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then
    # The package lists may be stale or absent on a fresh machine: refresh once and retry.
    timeout 300 apt-get update -qq >/dev/null 2>&1
    if ! timeout 300 apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then
        echo "bench/setup: apt-get could not install ${missing[*]}: the harness skips what depends on them"
    fi
fi
exit 0
