#!/usr/bin/env bash
# Installs the real peers the HTTP tests talk to: nginx (nginx-light), CPython's aiohttp
# (python3-aiohttp, for Debian's /usr/bin/python3), headless Chromium (chromium, for the chat
# example's browser test), curl, openssl, h2load (nghttp2-client) and wrk (the server's tests) from
# Debian, and Node's WebSocket library `ws` from npm into a cache folder (ASYNCIO4J_NODE_PEERS,
# default ~/.cache/asyncio4j/node-peers), where the WebSocket tests look for it. Idempotent: does
# nothing when they are there, runs `apt-get update` only when a package is missing. Tests whose
# peer is still absent skip with a message naming the package, so a machine without apt, npm (or
# root) still builds.
set -euo pipefail

# ---- npm: the `ws` package (Node's WebSocket client and server) ----
NODE_PEERS="${ASYNCIO4J_NODE_PEERS:-$HOME/.cache/asyncio4j/node-peers}"
WS_VERSION=8.18.3
if [ -f "$NODE_PEERS/node_modules/ws/package.json" ] \
        && grep -q "\"version\": \"$WS_VERSION\"" "$NODE_PEERS/node_modules/ws/package.json"; then
    echo "install-test-peers: npm ws@$WS_VERSION already in $NODE_PEERS"
elif command -v npm >/dev/null 2>&1; then
    mkdir -p "$NODE_PEERS"
    if npm install --prefix "$NODE_PEERS" --no-audit --no-fund --silent "ws@$WS_VERSION" >/dev/null; then
        echo "install-test-peers: installed npm ws@$WS_VERSION into $NODE_PEERS"
    else
        echo "install-test-peers: npm install ws failed: the tests against Node's ws skip" >&2
    fi
else
    echo "install-test-peers: no npm here: the tests against Node's ws skip (install nodejs and npm)" >&2
fi

PACKAGES=(nginx-light python3-aiohttp chromium curl openssl nghttp2-client wrk)

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-test-peers: ${PACKAGES[*]} already installed"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-test-peers: no apt-get here; missing ${missing[*]}: the tests that need them skip" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "install-test-peers: not root and no sudo; missing ${missing[*]}: the tests that need them skip" >&2
        exit 0
    fi
fi

echo "install-test-peers: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# nginx's package starts a service on port 80 where it can; the tests start their own nginx on a
# loopback port with a generated config, so the packaged service is not needed.
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if command -v systemctl >/dev/null 2>&1; then
    $SUDO systemctl stop nginx >/dev/null 2>&1 || true
fi
echo "install-test-peers: done"
