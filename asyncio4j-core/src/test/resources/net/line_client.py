# A CPython asyncio client for the stream tests: connects to 127.0.0.1:PORT (or a Unix socket with
# --unix PATH), sends each argument as a line, prints each answer line as "got <line>", then
# half-closes and prints what comes until EOF as "tail <line>", then "eof".
import asyncio
import sys


async def main():
    args = sys.argv[1:]
    if args[0] == "--unix":
        reader, writer = await asyncio.open_unix_connection(args[1])
        lines = args[2:]
    else:
        reader, writer = await asyncio.open_connection("127.0.0.1", int(args[0]))
        lines = args[1:]
    for line in lines:
        writer.write(line.encode() + b"\n")
        await writer.drain()
        answer = await reader.readline()
        print("got", answer.decode().rstrip("\n"), flush=True)
    writer.write_eof()
    while True:
        line = await reader.readline()
        if not line:
            break
        print("tail", line.decode().rstrip("\n"), flush=True)
    print("eof", flush=True)
    writer.close()
    await writer.wait_closed()


asyncio.run(asyncio.wait_for(main(), 30))
