package io.asyncio4j.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.http.Headers;
import io.asyncio4j.testing.AsyncioTest;
import io.asyncio4j.testing.CancellationSweep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The connection pool: idle eviction on the loop's timers, per-host limits, and no leak on cancellation. */
class PoolTest {

    @AsyncioTest(autojumpThresholdMillis = 200)
    void idleConnectionsAreClosedAfterTheKeepaliveTimeout() throws Exception {
        try (TestServer server = TestServer.start(ex -> ex.respond(200, "x"));
                ClientSession session = new ClientSession()) {
            session.get(server.url("/")).close();
            assertThat(session.statistics().idle()).isEqualTo(1);
            Asyncio.sleep(Duration.ofSeconds(14));
            assertThat(session.statistics().idle()).isEqualTo(1);
            session.get(server.url("/")).close(); // reuse restarts the 15 s
            Asyncio.sleep(Duration.ofSeconds(14));
            assertThat(session.statistics().idle()).isEqualTo(1);
            Asyncio.sleep(Duration.ofSeconds(2));
            assertThat(session.statistics().idle()).isZero();
            session.get(server.url("/")).close();
            assertThat(server.log).containsExactly("conn 1 GET /", "conn 1 GET /", "conn 2 GET /");
        }
    }

    @AsyncioTest(realClock = true)
    void limitPerHostBoundsEachOriginAlone() throws Exception {
        List<String> events = new ArrayList<>();
        io.asyncio4j.sync.Event release = new io.asyncio4j.sync.Event();
        io.asyncio4j.sync.Event aStarted = new io.asyncio4j.sync.Event();
        try (TestServer a = TestServer.start(ex -> {
                    events.add("a " + ex.path());
                    aStarted.set();
                    release.await();
                    ex.respond(200, "a");
                });
                TestServer b = TestServer.start(ex -> {
                    events.add("b " + ex.path());
                    ex.respond(200, "b");
                });
                ClientSession session =
                        new ClientSession(SessionOptions.defaults().limitPerHost(1))) {
            Task<String> a1 = Asyncio.createTask(() -> read(session, a.url("/1")));
            Task<String> a2 = Asyncio.createTask(() -> read(session, a.url("/2")));
            aStarted.await(); // a's one connection is busy, a2 queues behind it
            String fromB = read(session, b.url("/1")); // another host is not held up by a's limit
            events.add("client got " + fromB);
            assertThat(session.statistics().waiting()).isEqualTo(1);
            release.set();
            assertThat(Asyncio.gather(a1, a2)).containsExactly("a", "a");
            assertThat(events).containsExactly("a /1", "b /1", "client got b", "a /2");
        }
    }

    private static String read(ClientSession session, String url) throws Exception {
        try (ClientResponse r = session.get(url)) {
            return r.text();
        }
    }

    /** A GET and its body, cancelled at each of its suspension points. */
    record Fetch(ClientSession session, String url, List<String> got) implements CancellationSweep.Scenario {
        @Override
        public void run() throws Exception {
            try (ClientResponse r = session.get(url)) {
                got.add(r.text().length() + " chars");
            }
        }
    }

    @AsyncioTest(realClock = true)
    void cancellationAtAnyPointNeverLeaksAConnection() throws Exception {
        String body = "y".repeat(200_000); // several reads, so the body read is cut too
        // The server runs on a loop of its own, so its tasks are not the scenario's.
        try (TestServer.OnOwnLoop server =
                TestServer.startOnOwnLoop(ex -> ex.respond(200, Headers.of(), body.getBytes()))) {
            CancellationSweep.Result result = CancellationSweep.run(
                    () -> new Fetch(new ClientSession(), server.url("/"), new ArrayList<>()), 200, (fetch, outcome) -> {
                        ClientSession.Statistics s = fetch.session().statistics();
                        assertThat(s.inUse())
                                .as("connections still held after %s", outcome)
                                .isZero();
                        assertThat(s.waiting()).isZero();
                        // Whatever the pool kept must carry the next request cleanly.
                        try (ClientResponse r = fetch.session().get(fetch.url())) {
                            assertThat(r.text()).hasSize(body.length());
                        }
                        fetch.session().close();
                    });
            assertThat(result.completedAt()).isPositive();
        }
    }

    /**
     * A request cancelled in the same loop step as the lookup it waits for is answered ends
     * cancelled, not failed with whatever its next step met, and holds no connection.
     */
    @AsyncioTest(realClock = true)
    void aRequestCancelledAsItsWaitEndsEndsCancelledNotFailed() throws Exception {
        try (TestServer server = TestServer.start(ex -> ex.respond(200, "x"))) {
            for (int i = 0; i < 3; i++) {
                java.util.concurrent.CompletableFuture<java.util.List<java.net.InetAddress>> answer =
                        new java.util.concurrent.CompletableFuture<>();
                io.asyncio4j.sync.Event asked = new io.asyncio4j.sync.Event();
                io.asyncio4j.net.Resolver resolver = host -> {
                    asked.set();
                    try {
                        return Asyncio.await(answer); // as the JDK's resolver, off the loop, is awaited
                    } catch (java.io.IOException | RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
                try (ClientSession session = new ClientSession(
                        SessionOptions.defaults().resolver(resolver).useDnsCache(false))) {
                    Task<String> request =
                            Asyncio.createTask(() -> read(session, "http://svc.test:" + server.port() + "/"));
                    asked.await();
                    answer.complete(java.util.List.of(java.net.InetAddress.getLoopbackAddress()));
                    request.cancel(); // woken, not yet resumed
                    io.asyncio4j.Outcome<String> outcome =
                            Asyncio.gatherSettled(java.util.List.of(request)).get(0);
                    assertThat(outcome).isInstanceOf(io.asyncio4j.Outcome.Cancelled.class);
                    assertThat(session.statistics().inUse()).isZero();
                }
            }
        }
    }
}
