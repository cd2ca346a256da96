package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import io.asyncio4j.net.ServerOptions;
import io.asyncio4j.net.StreamPair;
import io.asyncio4j.net.Streams;
import io.asyncio4j.testing.AsyncioTest;
import io.asyncio4j.testing.CancellationSweep;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection's task cancelled at every point of a request whose handler reads the body, sleeps
 * and streams its answer: the connection always ends, closed, counted out, and the client gets a
 * whole answer, a 503, or (once the answer had started) a cut one; never a hang or an error report.
 */
class CancellationTest {
    /** One connection served by the scenario's own task (the task the sweep cancels). */
    record OneConnection(WebServer web, ServerSocketChannel listener, List<String> outcome, List<StreamPair> served)
            implements CancellationSweep.Scenario {
        @Override
        public void run() throws Exception {
            Loop loop = Asyncio.currentLoop();
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            Task<Void> client = Asyncio.createTask("client", () -> {
                try (RawClient c = RawClient.connect(port)) {
                    c.send("POST /work HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\n\r\n");
                    Asyncio.sleep(Duration.ofMillis(2));
                    c.send("hello");
                    outcome.add(c.readToEnd());
                }
            });
            SocketChannel accepted = loop.sockAccept(listener);
            StreamPair p = Streams.connectAcceptedSocket(accepted, ServerOptions.defaults());
            served.add(p);
            try {
                web.handler().handle(p.reader(), p.writer());
            } finally {
                p.writer().close();
                Asyncio.uncancellable(() -> {
                    client.await();
                    return null;
                });
            }
        }
    }

    private static Application app() {
        Application app = new Application();
        app.addRoutes(Web.post("/work", r -> {
            String body = r.text();
            Asyncio.sleep(Duration.ofMillis(3));
            StreamResponse s = new StreamResponse();
            s.prepare(r);
            s.write(body + " 1;");
            Asyncio.sleep(Duration.ofMillis(3));
            s.write("2;");
            Asyncio.sleep(Duration.ofMillis(3));
            return s;
        }));
        return app;
    }

    @AsyncioTest(autojumpThresholdMillis = 20, wallTimeoutSeconds = 120)
    void cancellingTheHandlerAnywhereLeaksNoConnection() throws Exception {
        Application app = app();
        app.freeze();
        WebServer web = new WebServer(app, RunnerOptions.defaults().accessLog(false));
        List<String> kinds = new ArrayList<>();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.configureBlocking(false);
            CancellationSweep.Result result = CancellationSweep.runTimed(
                    () -> new OneConnection(web, listener, new ArrayList<>(), new ArrayList<>()),
                    Duration.ofMillis(1),
                    40,
                    (s, outcome) -> {
                        assertThat(web.connectionCount())
                                .as("connections counted as live")
                                .isZero();
                        for (StreamPair p : s.served()) {
                            assertThat(p.writer().isClosing())
                                    .as("the server side is closed")
                                    .isTrue();
                        }
                        String answer = s.outcome().isEmpty() ? "" : s.outcome().get(0);
                        String kind;
                        if (answer.isEmpty()) {
                            kind = "closed before a request was read";
                        } else if (answer.startsWith("HTTP/1.1 503 ")) {
                            assertThat(answer).contains("Connection: close").endsWith("the server is shutting down");
                            kind = "503";
                        } else {
                            assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("hello 1;");
                            kind = answer.endsWith("0\r\n\r\n") ? "whole" : "cut";
                            if (kind.equals("whole")) {
                                assertThat(answer).contains("2;");
                            }
                        }
                        if (!kinds.contains(kind)) {
                            kinds.add(kind);
                        }
                    });
            assertThat(result.completedAt())
                    .as("a late enough cut lets the request finish")
                    .isPositive();
        }
        assertThat(kinds).contains("503", "cut", "whole");
    }
}
