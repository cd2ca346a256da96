# Opens N concurrent connections to 127.0.0.1:PORT from CPython asyncio; each sends one line and
# waits for its echo; all stay open until every one has its answer; prints "ok <n>" at the end.
import asyncio
import resource
import sys


async def main(port, n):
    conns = []
    sem = asyncio.Semaphore(500)

    async def connect(i):
        async with sem:
            return await asyncio.open_connection("127.0.0.1", port)

    conns = await asyncio.gather(*(connect(i) for i in range(n)))
    print("connected", len(conns), flush=True)

    async def talk(i, reader, writer):
        writer.write(b"hello %d\n" % i)
        await writer.drain()
        line = await reader.readline()
        return line == b"hello %d\n" % i

    results = await asyncio.gather(*(talk(i, r, w) for i, (r, w) in enumerate(conns)))
    print("ok", sum(results), flush=True)
    for r, w in conns:
        w.close()
    await asyncio.gather(*(w.wait_closed() for r, w in conns), return_exceptions=True)


soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
asyncio.run(asyncio.wait_for(main(int(sys.argv[1]), int(sys.argv[2])), 240))
