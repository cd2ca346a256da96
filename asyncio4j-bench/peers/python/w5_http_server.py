"""W5 http-server: aiohttp.web answering GET / with "Hello, World!" text/plain over keep-alive, as
a user would write it (access log off, as for every peer). Also /json and /sleep (1 ms).

Listens on 127.0.0.1:PORT (0: any free port), prints "READY port=<n>", and serves until its
standard input closes. wrk (peers/wrk/w5_wrk.sh) drives it and prints the RESULT line; the harness
measures this process's CPU time. The same protocol as `HttpServer serve` (asyncio4j).
Usage: w5_http_server.py [PORT] [--loop=uvloop]
"""

import asyncio
import sys

from aiohttp import web

from bench_common import parse_args, run


async def hello(request):
    return web.Response(text="Hello, World!")


async def json_hello(request):
    return web.json_response({"message": "Hello, World!"})


async def sleep_hello(request):
    await asyncio.sleep(0.001)
    return web.Response(text="Hello, World!")


async def main(port):
    app = web.Application()
    app.add_routes([web.get("/", hello), web.get("/json", json_hello), web.get("/sleep", sleep_hello)])
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port, backlog=1024)
    await site.start()
    print("READY port=%d" % site._server.sockets[0].getsockname()[1], flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await runner.cleanup()


if __name__ == "__main__":
    loop, (port,) = parse_args([0])
    run(main(port), loop)
