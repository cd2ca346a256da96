package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.ws.WsMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A server process behind nginx for {@link NginxProxyTest}, configured as docs/deploying.md says
 * ({@code Web.runApp}, nginx's address trusted). Its routes: {@code /whoami} says which process
 * answered, what it believes of the client and which connection from nginx carried the request;
 * {@code /slow} prints {@code slow started} and answers once the line {@code release} arrives on
 * standard input; {@code /ws} echoes WebSocket lines with the process's name.
 *
 * <p>Usage: {@code ProxiedAppMain NAME}; serves on a free loopback port until SIGTERM.
 */
public final class ProxiedAppMain {
    private ProxiedAppMain() {}

    public static void main(String[] args) throws Exception {
        String name = args[0];
        CompletableFuture<Void> release = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("stdin").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("release")) {
                        release.complete(null);
                    }
                }
            } catch (IOException e) {
                // the test has gone
            }
        });
        Application app = new Application();
        app.onShutdown(a -> System.out.println("on_shutdown"));
        app.addRoutes(
                Web.get(
                        "/whoami",
                        r -> Response.text("backend=" + name + " remote=" + r.remote() + " scheme=" + r.scheme()
                                + " host=" + r.host() + " conn=" + ((InetSocketAddress) r.peerAddress()).getPort())),
                Web.get("/slow", r -> {
                    System.out.println("slow started");
                    Asyncio.await(release);
                    return Response.text("finished by " + name);
                }),
                Web.get("/ws", r -> {
                    WebSocketResponse ws = new WebSocketResponse();
                    ws.prepare(r);
                    for (WsMessage m : ws) {
                        if (m instanceof WsMessage.Text t) {
                            ws.sendText(name + ": " + t.data());
                        }
                    }
                    return ws;
                }));
        RunnerOptions options = RunnerOptions.defaults().accessLog(false).trustedProxies(List.of("127.0.0.1"));
        Web.runApp(app, "127.0.0.1", 0, options);
        System.out.println("stopped");
    }
}
