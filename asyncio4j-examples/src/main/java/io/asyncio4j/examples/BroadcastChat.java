package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.channel.BroadcastChannel;
import io.asyncio4j.channel.LaggedException;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Handler;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.Web;
import io.asyncio4j.http.web.WebSocketResponse;
import io.asyncio4j.http.ws.WsMessage;
import io.asyncio4j.http.ws.WsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A chat room in a browser: every line anyone types reaches everyone. The page ({@code GET /}) opens
 * a WebSocket to {@code /ws}; each connection's handler receives the user's lines and sends them to
 * a {@link BroadcastChannel}, while a task of its own forwards everything the channel carries to the
 * user. A user too slow to keep up with the room skips what it missed and is told so ({@link
 * LaggedException}) instead of slowing everybody down.
 *
 * <p>{@code ./aio run chat [port=8080]}, then open {@code http://127.0.0.1:8080/} in two browser
 * windows ({@code ?name=ann} picks a name).
 *
 * <p>In Python, with aiohttp and a broadcast helper {@code room} (asyncio has no broadcast channel):
 *
 * <pre>{@code
 * async def chat(request):
 *     ws = web.WebSocketResponse(heartbeat=30)
 *     await ws.prepare(request)
 *     name = request.query.get("name", "guest")
 *     queue = room.subscribe()
 *     async def forward():
 *         while True:
 *             await ws.send_str(await queue.get())
 *     forwarder = asyncio.create_task(forward())
 *     room.publish(f"{name} joined")
 *     try:
 *         async for msg in ws:
 *             if msg.type == WSMsgType.TEXT:
 *                 room.publish(f"{name}: {msg.data}")
 *     finally:
 *         forwarder.cancel()
 *         room.publish(f"{name} left")
 *     return ws
 * }</pre>
 */
public final class BroadcastChat {
    private BroadcastChat() {}

    /** How many lines the room keeps for a subscriber that falls behind. */
    static final int BACKLOG = 256;

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Web.runApp(app(new BroadcastChannel<>(BACKLOG)), "127.0.0.1", port);
    }

    /** The chat application around {@code room}: the page at {@code /}, the WebSocket at {@code /ws}. */
    public static Application app(BroadcastChannel<String> room) throws IOException {
        String page;
        try (InputStream in = BroadcastChat.class.getResourceAsStream("chat.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Application app = new Application();
        app.addRoutes(Web.get("/", request -> Response.html(page)), Web.get("/ws", chat(room)));
        return app;
    }

    private static Handler chat(BroadcastChannel<String> room) {
        return request -> {
            WebSocketResponse ws =
                    new WebSocketResponse(WsOptions.defaults().compress(15).heartbeat(Duration.ofSeconds(30)));
            ws.prepare(request);
            String name = request.query().get("name", "guest");
            BroadcastChannel.Subscription<String> lines = room.subscribe();
            Task<Void> forwarder = Asyncio.createTask("chat forwarder for " + name, () -> {
                while (true) {
                    try {
                        ws.sendText(lines.receive());
                    } catch (LaggedException e) {
                        ws.sendText("(you missed " + e.missed() + " lines)");
                    }
                }
            });
            room.send(name + " joined");
            try {
                for (WsMessage msg : ws) {
                    if (msg instanceof WsMessage.Text t) {
                        room.send(name + ": " + t.data());
                    }
                }
            } finally {
                forwarder.cancel();
                Asyncio.gatherSettled(List.of(forwarder)); // its end (a cancel, or the socket closing) is expected
                room.send(name + " left");
            }
            return ws;
        };
    }
}
