# A CPython asyncio server that reads one connection to its end and prints "GOT <bytes> <sha256>".
# Prints "PORT <n>" once listening on 127.0.0.1; with --tls CERT KEY it speaks TLS.
import asyncio
import hashlib
import ssl
import sys


async def main():
    ctx = None
    if "--tls" in sys.argv:
        i = sys.argv.index("--tls")
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[i + 1], sys.argv[i + 2])
    done = asyncio.get_running_loop().create_future()

    async def handle(reader, writer):
        digest = hashlib.sha256()
        total = 0
        while True:
            data = await reader.read(1 << 16)
            if not data:
                break
            total += len(data)
            digest.update(data)
        print("GOT", total, digest.hexdigest(), flush=True)
        writer.close()
        done.set_result(None)

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=ctx)
    print("PORT", server.sockets[0].getsockname()[1], flush=True)
    await asyncio.wait_for(done, 60)
    server.close()


asyncio.run(main())
