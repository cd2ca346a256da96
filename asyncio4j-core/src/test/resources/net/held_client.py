# A CPython asyncio client for the startServing test: connects to 127.0.0.1:PORT, prints
# "CONNECTED" as soon as the connection is made (the server may not have accepted it yet), then
# sends each argument as a line and prints each answer as "got <line>".
import asyncio
import sys


async def main():
    reader, writer = await asyncio.open_connection("127.0.0.1", int(sys.argv[1]))
    print("CONNECTED", flush=True)
    for line in sys.argv[2:]:
        writer.write(line.encode() + b"\n")
        await writer.drain()
        answer = await reader.readline()
        print("got", answer.decode().rstrip("\n"), flush=True)
    writer.close()
    await writer.wait_closed()


asyncio.run(asyncio.wait_for(main(), 30))
