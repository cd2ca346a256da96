"""CPython's aiohttp client against the asyncio4j server under test: prints one JSON object of
what it saw, for the Java test to check. Usage: aiohttp_client.py BASE_URL"""
import asyncio
import hashlib
import json
import sys

import aiohttp


async def main(base):
    out = {}
    connector = aiohttp.TCPConnector(limit=1)
    async with aiohttp.ClientSession(connector=connector, cookies={"session": "s1"}) as s:
        async with s.get(base + "/hello") as r:
            out["hello"] = [r.status, r.headers["Content-Type"], await r.text()]
        async with s.head(base + "/hello") as r:
            out["head"] = [r.status, r.headers["Content-Length"], (await r.read()).decode()]
        async with s.post(base + "/echo", json={"k": [1, 2]}) as r:
            out["echo"] = await r.text()

        async def chunks():
            for i in range(50):
                yield bytes([i % 256]) * 1000

        expected = hashlib.sha256(b"".join(bytes([i % 256]) * 1000 for i in range(50))).hexdigest()
        async with s.post(base + "/upload", data=chunks()) as r:
            out["upload"] = [await r.text(), "50000 " + expected]
        async with s.post(base + "/upload", data=b"y" * 3000, expect100=True) as r:
            out["expect100"] = [r.status, await r.text(), "3000 " + hashlib.sha256(b"y" * 3000).hexdigest()]
        async with s.get(base + "/stream") as r:
            out["stream"] = [r.headers.get("Transfer-Encoding"), [line.decode() async for line in r.content]]
        ports = set()
        for _ in range(5):
            async with s.get(base + "/peer") as r:
                ports.add(await r.text())
        out["connections"] = len(ports)
        async with s.get(base + "/cookies") as r:
            out["cookies"] = await r.json()
        async with s.get(base + "/missing", headers={"Accept": "application/json"}) as r:
            out["missing"] = [r.status, await r.json()]
    print(json.dumps(out))


asyncio.run(main(sys.argv[1]))
