#!/usr/bin/env bash
# Installs the real servers the HTTP client's tests talk to: nginx (nginx-light), CPython's
# aiohttp (python3-aiohttp, for Debian's /usr/bin/python3) and an HTTP proxy (tinyproxy; its
# packaged service is stopped: the tests start their own on a loopback port). Idempotent: does nothing when they are
# there, runs `apt-get update` only when a package is missing. Tests whose peer is still absent
# skip with a message naming the package, so a machine without apt (or without root) still builds.
set -euo pipefail

PACKAGES=(nginx-light python3-aiohttp tinyproxy)

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
    $SUDO systemctl stop tinyproxy >/dev/null 2>&1 || true
fi
echo "install-test-peers: done"
