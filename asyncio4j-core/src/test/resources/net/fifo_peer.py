# A CPython asyncio peer at the other end of a FIFO, through asyncio's own pipe transports.
#   fifo_peer.py write PATH LINE...  opens PATH for writing, writes each line with
#                                    loop.connect_write_pipe, closes, prints "wrote <n>"
#   fifo_peer.py read PATH           reads PATH with loop.connect_read_pipe and a StreamReader,
#                                    prints "got <line>" per line, then "eof"
import asyncio
import sys


async def write(path, lines):
    loop = asyncio.get_running_loop()
    pipe = open(path, "wb", buffering=0)
    transport, protocol = await loop.connect_write_pipe(asyncio.streams.FlowControlMixin, pipe)
    writer = asyncio.StreamWriter(transport, protocol, None, loop)
    for line in lines:
        writer.write(line.encode() + b"\n")
        await writer.drain()
    writer.close()
    print("wrote", len(lines), flush=True)


async def read(path):
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=1 << 20)
    pipe = open(path, "rb", buffering=0)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), pipe)
    while True:
        line = await reader.readline()
        if not line:
            break
        print("got", line.decode().rstrip("\n"), flush=True)
    print("eof", flush=True)


if sys.argv[1] == "write":
    asyncio.run(asyncio.wait_for(write(sys.argv[2], sys.argv[3:]), 30))
else:
    asyncio.run(asyncio.wait_for(read(sys.argv[2]), 30))
