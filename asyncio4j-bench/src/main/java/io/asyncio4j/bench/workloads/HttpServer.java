package io.asyncio4j.bench.workloads;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.web.AppRunner;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.RunnerOptions;
import io.asyncio4j.http.web.TcpSite;
import io.asyncio4j.http.web.Web;
import java.time.Duration;
import java.util.Map;

/**
 * W5 http-server: {@code GET /} answers {@code Hello, World!} as {@code text/plain}, with
 * keep-alive; {@code wrk -t1 -c100 -d10s --latency} loads it from another CPU. Also {@code GET
 * /json} ({@code {"message":"Hello, World!"}}) and {@code GET /sleep} (the same text after a 1 ms
 * sleep: many requests in flight).
 *
 * <p>Usage: {@code HttpServer serve [port=0] [workers=1]}: prints {@code READY port=<n>} and serves
 * until its standard input closes. The access log is off, as for the peers.
 */
public final class HttpServer {
    private HttpServer() {}

    /** The application every W5 case serves. */
    static Application app() {
        Application app = new Application();
        app.addRoutes(
                Web.get("/", request -> Response.text("Hello, World!")),
                Web.get("/json", request -> Response.json(Map.of("message", "Hello, World!"))),
                Web.get("/sleep", request -> {
                    Asyncio.sleep(Duration.ofMillis(1));
                    return Response.text("Hello, World!");
                }));
        return app;
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "serve";
        if (!mode.equals("serve")) {
            throw new IllegalArgumentException("usage: HttpServer serve [port] [workers]");
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        int port = Cli.intArg(rest, 0, 0);
        int workers = Cli.intArg(rest, 1, 1);
        Asyncio.run(() -> {
            AppRunner runner = new AppRunner(
                    app(),
                    RunnerOptions.defaults().accessLog(false).workers(workers).backlog(1024));
            runner.setup();
            try {
                TcpSite site = new TcpSite(runner, "127.0.0.1", port);
                site.start();
                System.out.println("READY port=" + site.port());
                System.out.flush();
                Asyncio.toThread(() -> System.in.transferTo(java.io.OutputStream.nullOutputStream()));
            } finally {
                runner.cleanup();
            }
            return null;
        });
    }
}
