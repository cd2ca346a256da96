package io.asyncio4j.bench.peers.vertx;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * W5 on Vert.x 5: {@code GET /} answers {@code Hello, World!} as {@code text/plain} on keep-alive
 * connections, as the asyncio4j program does, with {@code /json} and {@code /sleep} (1 ms timer).
 * One event loop by default, or {@code loops} event loops, each serving with an instance of the
 * server's verticle on one shared port, as Vert.x scales.
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
        // Vert.x's way to use several event loops: the server as a verticle deployed once per loop
        // (each instance runs on an event loop of its own), every instance listening on the same
        // port, which Vert.x shares among them. Servers made outside a verticle all ran on the first
        // event loop; port 0 gives each server a port of its own (the second one bound the first's
        // port anew and failed), port -1 a random port the instances share.
        int listen = port == 0 ? -1 : port;
        AtomicInteger bound = new AtomicInteger();
        try {
            vertx.deployVerticle(
                            () -> new VerticleBase() {
                                @Override
                                public Future<?> start() {
                                    return vertx.createHttpServer(new HttpServerOptions()
                                                    .setHost("127.0.0.1")
                                                    .setPort(listen)
                                                    .setAcceptBacklog(1024))
                                            .requestHandler(r -> handle(vertx, r))
                                            .listen()
                                            .onSuccess(server -> bound.set(server.actualPort()));
                                }
                            },
                            new DeploymentOptions().setInstances(loops))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get();
        } catch (Exception e) {
            // Vert.x's threads would keep the JVM alive: end it so the harness sees the failure.
            vertx.close().toCompletionStage().toCompletableFuture().get();
            throw e;
        }
        System.out.println("READY port=" + bound.get());
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
