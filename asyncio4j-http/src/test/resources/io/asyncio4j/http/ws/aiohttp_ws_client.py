"""aiohttp's WebSocket client for the server's interop tests: one scripted conversation, each event
printed as a line. argv: url, compress (0 or 15), then the subprotocols."""
import asyncio
import sys

import aiohttp


async def main(url, compress, protocols):
    async with aiohttp.ClientSession() as session:
        try:
            ws = await session.ws_connect(url, protocols=protocols, compress=compress, autoping=False)
        except aiohttp.WSServerHandshakeError as e:
            print("REFUSED", e.status, flush=True)
            return
        print("OPEN protocol=%s compress=%s" % (ws.protocol, ws.compress), flush=True)
        await ws.send_str("hello")
        await ws.send_bytes(b"\x01\x02\x03")
        await ws.send_str("κόσμε" * 1000)
        await ws.ping(b"p1")
        await ws.send_str("close-me")
        async for msg in ws:
            if msg.type == aiohttp.WSMsgType.TEXT:
                print("TEXT", msg.data if len(msg.data) <= 60 else "%d chars" % len(msg.data), flush=True)
            elif msg.type == aiohttp.WSMsgType.BINARY:
                print("BINARY", msg.data.hex(), flush=True)
            elif msg.type == aiohttp.WSMsgType.PONG:
                print("PONG", msg.data.decode(), flush=True)
            else:
                print(msg.type.name, msg.data, msg.extra, flush=True)
        print("CLOSE", ws.close_code, flush=True)


asyncio.run(main(sys.argv[1], int(sys.argv[2]), sys.argv[3:]))
