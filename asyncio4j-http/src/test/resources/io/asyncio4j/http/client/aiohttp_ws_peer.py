"""aiohttp's WebSocket server for the client's interop tests.

Prints "PORT <n>" once listening on 127.0.0.1, then "CLOSED <code>" for each WebSocket that ends;
exits when stdin closes. /ws echoes (commands: "close <code> <reason>", "info", "big <n>"); /ws
with ?compress=0 turns compression off, ?heartbeat=S makes aiohttp ping every S seconds.
"""
import asyncio
import json
import sys

from aiohttp import WSMsgType, web


async def ws_handler(request):
    heartbeat = request.query.get("heartbeat")
    ws = web.WebSocketResponse(
        protocols=("chat.v2", "chat.v1"),
        compress=request.query.get("compress", "1") != "0",
        heartbeat=float(heartbeat) if heartbeat else None,
    )
    await ws.prepare(request)
    async for msg in ws:
        if msg.type == WSMsgType.TEXT:
            command, _, rest = msg.data.partition(" ")
            if command == "close":
                code, _, reason = rest.partition(" ")
                await ws.close(code=int(code), message=reason.encode())
            elif command == "info":
                await ws.send_str(json.dumps({
                    "protocol": ws.ws_protocol,
                    "compress": ws.compress,
                    "extensions": request.headers.get("Sec-WebSocket-Extensions"),
                    "origin": request.headers.get("Origin"),
                    "custom": request.headers.get("X-Custom"),
                }))
            elif command == "big":
                await ws.send_str("abcdefghij" * (int(rest) // 10))
            else:
                await ws.send_str(msg.data)
        elif msg.type == WSMsgType.BINARY:
            await ws.send_bytes(msg.data)
    print("CLOSED", ws.close_code, flush=True)
    return ws


async def main():
    app = web.Application()
    app.router.add_get("/ws", ws_handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    print("PORT", port, flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)
    await runner.cleanup()


asyncio.run(main())
