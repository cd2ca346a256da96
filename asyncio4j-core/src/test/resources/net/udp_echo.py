# A CPython asyncio datagram echo server on 127.0.0.1; prints "PORT <n>"; answers each datagram
# with b"echo: " + datagram to its sender (with --whoami, b"you are HOST:PORT"); exits after 60 s.
import asyncio
import sys


class Echo(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        if "--whoami" in sys.argv:
            self.transport.sendto(b"you are %s:%d" % (addr[0].encode(), addr[1]), addr)
        else:
            self.transport.sendto(b"echo: " + data, addr)


async def main():
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_datagram_endpoint(Echo, local_addr=("127.0.0.1", 0))
    print("PORT", transport.get_extra_info("sockname")[1], flush=True)
    await asyncio.sleep(60)


asyncio.run(main())
