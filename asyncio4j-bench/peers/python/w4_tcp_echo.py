"""W4 tcp-echo: the asyncio streams echo server, as a user would write it.

Listens on 127.0.0.1:PORT (0: any free port), prints "READY port=<n>", and echoes every connection
(read 64 KiB, write, drain) until its standard input closes. The load generator
(peers/c/w4_loadgen.c) drives it and prints the RESULT line; the harness measures this process's
CPU time. The same protocol as `TcpEcho serve` (asyncio4j).
Usage: w4_tcp_echo.py [PORT] [--loop=uvloop]
"""

import asyncio
import sys

from bench_common import parse_args, run


async def handle(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass  # the load generator resets its connections at the end
    writer.close()


async def main(port):
    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=1024)
    print("READY port=%d" % server.sockets[0].getsockname()[1], flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    server.close()


if __name__ == "__main__":
    loop, (port,) = parse_args([0])
    run(main(port), loop)
