package io.asyncio4j.bench.peers.vertx;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * W5 on Vert.x 5: {@code GET /} answers {@code Hello, World!} as {@code text/plain} on keep-alive
 * connections, as the asyncio4j program does, with {@code /json} and {@code /sleep} (1 ms timer).
 * One event loop by default, or one server per event loop ({@code loops}), sharing the port as
 * Vert.x does.
 *
 * <p>Usage: {@code HttpServer serve [port=0] [loops=1]}: prints {@code READY port=<n>} and serves
 * until its standard input closes.
 */
public final class HttpServer {
    private HttpServer() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int loops = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        List<io.vertx.core.http.HttpServer> servers = new ArrayList<>();
        int bound = port;
        for (int i = 0; i < loops; i++) {
            io.vertx.core.http.HttpServer server = vertx.createHttpServer(
                    new HttpServerOptions().setHost("127.0.0.1").setPort(bound).setAcceptBacklog(1024));
            server.requestHandler(r -> handle(vertx, r));
            bound = server.listen().toCompletionStage().toCompletableFuture().get().actualPort();
            servers.add(server);
        }
        System.out.println("READY port=" + bound);
        System.out.flush();
        System.in.transferTo(java.io.OutputStream.nullOutputStream());
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static void handle(Vertx vertx, HttpServerRequest r) {
        switch (r.path()) {
            case "/" -> r.response().putHeader("Content-Type", "text/plain").end("Hello, World!");
            case "/json" ->
                r.response()
                        .putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message", "Hello, World!").encode());
            case "/sleep" ->
                vertx.setTimer(1, id -> r.response().putHeader("Content-Type", "text/plain").end("Hello, World!"));
            default -> r.response().setStatusCode(404).end();
        }
    }
}
