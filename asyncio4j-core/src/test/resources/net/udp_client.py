# Sends each argument as a datagram to 127.0.0.1:PORT from CPython asyncio and prints each answer
# as "got <answer>".
import asyncio
import sys


class Client(asyncio.DatagramProtocol):
    def __init__(self):
        self.answers = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.answers.put_nowait(data)


async def main():
    loop = asyncio.get_running_loop()
    transport, proto = await loop.create_datagram_endpoint(Client, remote_addr=("127.0.0.1", int(sys.argv[1])))
    for word in sys.argv[2:]:
        transport.sendto(word.encode())
        answer = await asyncio.wait_for(proto.answers.get(), 30)
        print("got", answer.decode(), flush=True)
    transport.close()


asyncio.run(main())
