# A CPython peer for the connection-isolation tests: N clients connect at once (TCP, Unix or TLS
# with the standard ssl module), each sends its own unique payload in several pieces, half-closes
# when the transport allows, and checks that exactly its own bytes come back.
# usage: isolation_clients.py tcp HOST PORT N SIZE | unix PATH N SIZE | tls HOST PORT N SIZE CAFILE
# Prints one line: "ok <n>" when every client got its own bytes, else "wrong <n>: <first problem>".
import asyncio
import os
import ssl
import sys


async def client(i, mode, args, size, ctx):
    payload = (b"client-%05d:" % i + os.urandom(size // 2).hex().encode())[:size] + b"\n"
    if mode == "unix":
        reader, writer = await asyncio.open_unix_connection(args[0])
    else:
        reader, writer = await asyncio.open_connection(
            args[0], int(args[1]), ssl=ctx, server_hostname="localhost" if ctx else None)
    for k in range(0, len(payload), 4096):
        writer.write(payload[k:k + 4096])
        await writer.drain()
    got = await reader.readexactly(len(payload))
    writer.close()
    try:
        await writer.wait_closed()
    except (ConnectionError, ssl.SSLError):
        pass
    if got != payload:
        prefix = got[:12]
        return "client %d got %r... instead of its own %r..." % (i, prefix, payload[:12])
    return None


async def main():
    mode = sys.argv[1]
    if mode == "unix":
        args, n, size = sys.argv[2:3], int(sys.argv[3]), int(sys.argv[4])
        ctx = None
    else:
        args, n, size = sys.argv[2:4], int(sys.argv[4]), int(sys.argv[5])
        ctx = None
        if mode == "tls":
            ctx = ssl.create_default_context(cafile=sys.argv[6])
    results = await asyncio.gather(
        *(client(i, mode, args, size, ctx) for i in range(n)), return_exceptions=True)
    problems = [r if isinstance(r, str) else "client %d failed: %r" % (i, r)
                for i, r in enumerate(results) if r is not None]
    if problems:
        print("wrong %d: %s" % (len(problems), problems[0]), flush=True)
    else:
        print("ok %d" % n, flush=True)


asyncio.run(asyncio.wait_for(main(), 100))
