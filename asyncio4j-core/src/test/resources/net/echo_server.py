# A CPython asyncio peer for the stream tests: a TCP (or Unix, with --unix PATH) echo server.
# Prints "PORT <n>" (or "READY") once listening; echoes each line with a prefix "echo: " in line
# mode, or every byte in raw mode; at EOF it writes "bye <bytes read>\n" and closes.
import asyncio
import sys


async def handle(reader, writer):
    raw = "--raw" in sys.argv
    total = 0
    while True:
        if raw:
            data = await reader.read(65536)
            if not data:
                break
            total += len(data)
            writer.write(data)
        else:
            line = await reader.readline()
            if not line:
                break
            total += len(line)
            writer.write(b"echo: " + line)
        await writer.drain()
    if not raw:
        writer.write(b"bye %d\n" % total)
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main():
    if "--unix" in sys.argv:
        path = sys.argv[sys.argv.index("--unix") + 1]
        server = await asyncio.start_unix_server(handle, path)
        print("READY", flush=True)
    else:
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        print("PORT", server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await asyncio.wait_for(server.serve_forever(), 60)


try:
    asyncio.run(main())
except asyncio.TimeoutError:
    pass
