"""W7 ws-echo: aiohttp's WebSocket echo server, as its users write it.

Listens on 127.0.0.1:PORT (0: any free port), prints "READY port=<n>", and sends back every text
message until its standard input closes. The load generator (peers/c/w4_loadgen.c in ws mode)
drives it and prints the RESULT line; the harness measures this process's CPU time.
Usage: w7_ws_echo.py [PORT] [--loop=uvloop]
"""

import asyncio
import sys

from aiohttp import WSMsgType, web

from bench_common import parse_args, run


async def echo(request):
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    async for msg in ws:
        if msg.type == WSMsgType.TEXT:
            await ws.send_str(msg.data)
    return ws


async def main(port):
    app = web.Application()
    app.router.add_get("/", echo)
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
