package io.asyncio4j.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import io.asyncio4j.net.Resolver;
import io.asyncio4j.testing.AsyncioTest;
import io.asyncio4j.testing.Transcript;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The session's DNS cache on the loop's clock (virtual here), lookups shared between requests, and
 * happy eyeballs across a host's addresses.
 */
class DnsTest {
    /** Maps every name to {@code addresses} after {@code delay} of loop time, recording each lookup. */
    static Resolver recording(Transcript log, Loop loop, Duration delay, List<InetAddress> addresses) {
        return host -> {
            log.record("lookup " + host + " at " + loop.time() / 1_000_000 + " ms");
            Asyncio.sleep(delay);
            return addresses;
        };
    }

    static final List<InetAddress> LOOPBACK = List.of(InetAddress.getLoopbackAddress());

    static SessionOptions fresh(Resolver resolver) {
        // keepaliveTimeout 0: every request opens a connection, so every request needs the address
        return SessionOptions.defaults().resolver(resolver).keepaliveTimeout(Duration.ZERO);
    }

    @AsyncioTest(autojumpThresholdMillis = 200)
    void answersAreKeptForTheTtlOnTheLoopsClock(Loop loop) throws Exception {
        Transcript log = new Transcript();
        try (TestServer server = TestServer.start(ex -> ex.respond(200, "ok"));
                ClientSession session = new ClientSession(fresh(recording(log, loop, Duration.ZERO, LOOPBACK)))) {
            String url = "http://svc.test:" + server.port() + "/";
            session.get(url).close();
            Asyncio.sleep(Duration.ofSeconds(9));
            session.get(url).close();
            Asyncio.sleep(Duration.ofSeconds(2));
            session.get(url).close(); // 11 s after the lookup: expired
            log.assertEquals("lookup svc.test at 0 ms", "lookup svc.test at 11000 ms");
            assertThat(server.connections()).isEqualTo(3);
        }
    }

    @AsyncioTest(autojumpThresholdMillis = 200)
    void aNullTtlKeepsAnswersAndADisabledCacheAsksEachTime(Loop loop) throws Exception {
        Transcript log = new Transcript();
        Resolver resolver = recording(log, loop, Duration.ZERO, LOOPBACK);
        try (TestServer server = TestServer.start(ex -> ex.respond(200, "ok"))) {
            String url = "http://svc.test:" + server.port() + "/";
            try (ClientSession session = new ClientSession(fresh(resolver).ttlDnsCache(null))) {
                session.get(url).close();
                Asyncio.sleep(Duration.ofHours(1));
                session.get(url).close();
            }
            log.record("then without a cache");
            try (ClientSession session = new ClientSession(fresh(resolver).useDnsCache(false))) {
                session.get(url).close();
                session.get(url).close();
            }
            log.assertEquals(
                    "lookup svc.test at 0 ms",
                    "then without a cache",
                    "lookup svc.test at 3600000 ms",
                    "lookup svc.test at 3600000 ms");
        }
    }

    @AsyncioTest(autojumpThresholdMillis = 200)
    void requestsForAHostBeingLookedUpShareTheLookupEvenWhenTheFirstIsCancelled(Loop loop) throws Exception {
        Transcript log = new Transcript();
        try (TestServer server = TestServer.start(ex -> ex.respond(200, "ok " + ex.path()));
                ClientSession session =
                        new ClientSession(fresh(recording(log, loop, Duration.ofSeconds(1), LOOPBACK)))) {
            List<Task<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String url = "http://svc.test:" + server.port() + "/" + i;
                tasks.add(Asyncio.createTask(() -> {
                    try (ClientResponse r = session.get(url)) {
                        return r.text();
                    }
                }));
            }
            Asyncio.sleep(Duration.ofMillis(500)); // all five wait for the one lookup
            tasks.get(0).cancel();
            assertThat(Asyncio.gatherSettled(tasks).get(0)).isInstanceOf(io.asyncio4j.Outcome.Cancelled.class);
            for (int i = 1; i < 5; i++) {
                assertThat(tasks.get(i).result()).isEqualTo("ok /" + i);
            }
            log.assertEquals("lookup svc.test at 0 ms");
        }
    }

    @AsyncioTest(autojumpThresholdMillis = 200)
    void aFailedLookupIsNotCached(Loop loop) throws Exception {
        Transcript log = new Transcript();
        int[] calls = {0};
        Resolver flaky = host -> {
            log.record("lookup " + host);
            if (calls[0]++ == 0) {
                throw new UnknownHostException(host + ": temporary failure in name resolution");
            }
            return LOOPBACK;
        };
        try (TestServer server = TestServer.start(ex -> ex.respond(200, "ok"));
                ClientSession session =
                        new ClientSession(SessionOptions.defaults().resolver(flaky))) {
            String url = "http://svc.test:" + server.port() + "/";
            assertThatThrownBy(() -> session.get(url))
                    .isInstanceOf(ClientConnectorError.class)
                    .hasMessageContaining("GET " + url)
                    .hasRootCauseInstanceOf(UnknownHostException.class);
            try (ClientResponse r = session.get(url)) {
                assertThat(r.text()).isEqualTo("ok");
            }
            log.assertEquals("lookup svc.test", "lookup svc.test");
        }
    }

    /**
     * A host with two addresses, the first of which never answers a connect (a listener on
     * 127.0.0.2 whose accept queue is full): happy eyeballs tries the second after 250 ms; one after
     * the other, the first meets sockConnect.
     */
    @AsyncioTest(autojumpThresholdMillis = 200)
    void happyEyeballsConnectsToTheAddressThatAnswers(Loop loop) throws Exception {
        try (TestServer server = TestServer.start(ex -> ex.respond(200, "second address"));
                ServerSocket blackhole = new ServerSocket()) {
            try {
                blackhole.bind(new InetSocketAddress("127.0.0.2", server.port()), 1);
            } catch (IOException e) {
                org.junit.jupiter.api.Assumptions.assumeTrue(
                        false, "cannot listen on 127.0.0.2 (no 127.0.0.0/8 loopback here): " + e);
            }
            List<Socket> queued = Asyncio.toThread(() -> FailureCasesTest.fillAcceptQueue(blackhole));
            try {
                Transcript log = new Transcript();
                List<InetAddress> both =
                        List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.1"));
                Resolver resolver = recording(log, loop, Duration.ZERO, both);
                String url = "http://svc.test:" + server.port() + "/";
                try (ClientSession session =
                        new ClientSession(SessionOptions.defaults().resolver(resolver))) {
                    long start = loop.time();
                    try (ClientResponse r = session.get(url)) {
                        assertThat(r.text()).isEqualTo("second address");
                    }
                    assertThat(loop.time() - start)
                            .isGreaterThanOrEqualTo(Duration.ofMillis(250).toNanos());
                }
                try (ClientSession session = new ClientSession(SessionOptions.defaults()
                        .resolver(resolver)
                        .happyEyeballsDelay(null)
                        .timeout(ClientTimeout.defaults().sockConnect(Duration.ofSeconds(5))))) {
                    assertThatThrownBy(() -> session.get(url))
                            .isInstanceOf(TimeoutException.class)
                            .hasMessageStartingWith("ClientTimeout.sockConnect (5 s) expired");
                }
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    @AsyncioTest
    void aNegativeTtlIsRefused() {
        assertThatThrownBy(() -> SessionOptions.defaults().ttlDnsCache(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttlDnsCache must not be negative: PT-1S");
    }
}
