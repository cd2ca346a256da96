package io.asyncio4j.bench.workloads;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.web.AppRunner;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.RunnerOptions;
import io.asyncio4j.http.web.TcpSite;
import io.asyncio4j.http.web.Web;
import io.asyncio4j.http.web.WebSocketResponse;
import io.asyncio4j.http.ws.WsMessage;
import java.net.InetSocketAddress;

/**
 * W7 ws-echo: a WebSocket echo server on asyncio4j's web server, as aiohttp's users write one
 * ({@code peers/python/w7_ws_echo.py} line for line). The C load generator ({@code
 * peers/c/w4_loadgen.c} in ws mode) keeps 100 connections, each sending a 1 KiB text message and
 * waiting for its echo, for 10 s; the harness measures this process's CPU time per message.
 *
 * <p>Usage: {@code WsEcho serve [port=0]}: prints {@code READY port=<n>} and serves until its
 * standard input closes.
 */
public final class WsEcho {
    private WsEcho() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "serve";
        if (!mode.equals("serve")) {
            throw new IllegalArgumentException("usage: WsEcho serve [port]");
        }
        int port = Cli.intArg(java.util.Arrays.copyOfRange(args, 1, args.length), 0, 0);
        Asyncio.run(() -> {
            Application app = new Application();
            app.addRoutes(Web.get("/", request -> {
                WebSocketResponse ws = new WebSocketResponse();
                ws.prepare(request);
                for (WsMessage msg : ws) {
                    if (msg instanceof WsMessage.Text t) {
                        ws.sendText(t.data());
                    }
                }
                return ws;
            }));
            AppRunner runner = new AppRunner(app, RunnerOptions.defaults().accessLog(false));
            runner.setup();
            TcpSite site = new TcpSite(runner, "127.0.0.1", port);
            site.start();
            System.out.println(
                    "READY port=" + ((InetSocketAddress) site.addresses().get(0)).getPort());
            System.out.flush();
            Asyncio.toThread(() -> System.in.transferTo(java.io.OutputStream.nullOutputStream()));
            runner.cleanup();
            return null;
        });
    }
}
