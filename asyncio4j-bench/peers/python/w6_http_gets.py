"""W6 http-client: REQUESTS GETs of URL through one aiohttp ClientSession, CONCURRENCY at a time.

Each worker reads the whole body; the connector's limit is the concurrency, as an aiohttp user
sets it. req_per_s is over the whole run. Needs aiohttp (Debian: python3-aiohttp).
Usage: w6_http_gets.py URL [REQUESTS] [CONCURRENCY] [--loop=uvloop]
"""

import asyncio
import sys
import time

import aiohttp

from bench_common import result, run


async def main(url, requests, concurrency):
    remaining = requests
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def worker():
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                async with session.get(url) as r:
                    body = await r.read()
                    if r.status != 200 or len(body) != 13:
                        raise RuntimeError(f"unexpected answer: {r.status}, {len(body)} bytes")

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return time.perf_counter() - start


if __name__ == "__main__":
    loop = "asyncio"
    positional = []
    for arg in sys.argv[1:]:
        if arg.startswith("--loop="):
            loop = arg.split("=", 1)[1]
        else:
            positional.append(arg)
    if not positional:
        raise SystemExit("usage: w6_http_gets.py URL [REQUESTS] [CONCURRENCY] [--loop=uvloop]")
    url = positional[0]
    requests = int(positional[1]) if len(positional) > 1 else 20_000
    concurrency = int(positional[2]) if len(positional) > 2 else 100
    seconds = run(main(url, requests, concurrency), loop)
    result("W6", requests=requests, concurrency=concurrency, req_per_s=requests / seconds)
