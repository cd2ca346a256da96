"""Opens N keep-alive connections to the server under test with CPython's asyncio streams, one GET
on each; once every connection has its answer and is still open it prints HELD and waits for a
line on its standard input, then sends a second GET on every connection, reads the answers,
closes, and prints one JSON object: how many connections were answered twice.
Usage: many_connections.py PORT N"""
import asyncio
import json
import sys

REQUEST = b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"


async def answer(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    body = await reader.readexactly(length)
    return head.split(b" ")[1] == b"200" and body == b"Hello, World!"


async def main(port, n):
    connecting = asyncio.Semaphore(200)
    streams = []

    async def connect():
        async with connecting:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(REQUEST)
            ok = await answer(reader)
            streams.append((reader, writer, ok))

    await asyncio.gather(*(connect() for _ in range(n)))
    first = sum(1 for _, _, ok in streams if ok)
    print("HELD %d" % first, flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)

    async def again(reader, writer):
        writer.write(REQUEST)
        ok = await answer(reader)
        writer.close()
        return ok

    second = await asyncio.gather(*(again(r, w) for r, w, _ in streams))
    print(json.dumps({"first": first, "second": sum(1 for ok in second if ok)}), flush=True)


asyncio.run(main(int(sys.argv[1]), int(sys.argv[2])))
