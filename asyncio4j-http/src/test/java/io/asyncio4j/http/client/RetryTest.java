package io.asyncio4j.http.client;

import static io.asyncio4j.http.client.Options.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Loop;
import io.asyncio4j.http.Headers;
import io.asyncio4j.net.Resolver;
import io.asyncio4j.testing.AsyncioTest;
import io.asyncio4j.testing.Transcript;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The opt-in retry policy: backoff on the loop's (virtual) clock, Retry-After, methods, statuses, failures. */
class RetryTest {
    /** Answers each request with the next status of {@code statuses} (then 200), recording when it came. */
    static TestServer scripted(Loop loop, Transcript log, Deque<Object[]> answers) throws Exception {
        return TestServer.start(ex -> {
            log.record(ex.request.method() + " at " + loop.time() / 1_000_000 + " ms");
            Object[] a = answers.isEmpty() ? new Object[] {200} : answers.poll();
            Headers h = Headers.of("Content-Type", "text/plain");
            for (int i = 1; i < a.length; i += 2) {
                h.add((String) a[i], (String) a[i + 1]);
            }
            ex.respond((Integer) a[0], h, ("status " + a[0]).getBytes());
        });
    }

    static RetryPolicy exact() {
        return RetryPolicy.exponential().jitter(0);
    }

    @AsyncioTest(autojumpThresholdMillis = 200)
    void waitsGrowExponentiallyOnTheLoopsClockUntilAnAnswerIsNotRetried(Loop loop) throws Exception {
        Transcript log = new Transcript();
        Deque<Object[]> answers = new ArrayDeque<>(List.of(new Object[] {503}, new Object[] {502}, new Object[] {500}));
        try (TestServer server = scripted(loop, log, answers);
                ClientSession session = new ClientSession(SessionOptions.defaults()
                        .retry(exact().attempts(4).backoff(Duration.ofMillis(100), 2.0, Duration.ofMillis(250))))) {
            try (ClientResponse r = session.get(server.url("/"))) {
                assertThat(r.text()).isEqualTo("status 200");
            }
            // 100 ms, 200 ms, then 400 ms capped at 250 ms
            log.assertEquals("GET at 0 ms", "GET at 100 ms", "GET at 300 ms", "GET at 550 ms");
            assertThat(server.connections())
                    .as("every retry reused the connection")
                    .isEqualTo(1);
        }
    }

    @AsyncioTest(autojumpThresholdMillis = 200)
    void retryAfterSetsTheWaitInSecondsOrAsADateAndTooLongAWaitEndsTheRetries(Loop loop) throws Exception {
        Transcript log = new Transcript();
        ZonedDateTime date = ZonedDateTime.of(2026, 12, 6, 12, 0, 0, 0, ZoneOffset.UTC);
        DateTimeFormatter http = DateTimeFormatter.RFC_1123_DATE_TIME;
        Deque<Object[]> answers = new ArrayDeque<>(List.of(
                new Object[] {503, "Retry-After", "5"},
                new Object[] {429, "Date", http.format(date), "Retry-After", http.format(date.plusSeconds(3))},
                new Object[] {200},
                new Object[] {503, "Retry-After", "120"}));
        try (TestServer server = scripted(loop, log, answers);
                ClientSession session =
                        new ClientSession(SessionOptions.defaults().retry(exact().attempts(5)))) {
            try (ClientResponse r = session.get(server.url("/"))) {
                assertThat(r.status()).isEqualTo(200);
            }
            try (ClientResponse r = session.get(server.url("/"))) {
                assertThat(r.status())
                        .as("a wait of 120 s is more than the 30 s allowed")
                        .isEqualTo(503);
            }
            log.assertEquals("GET at 0 ms", "GET at 5000 ms", "GET at 8000 ms", "GET at 8000 ms");
        }
    }

    @AsyncioTest(autojumpThresholdMillis = 200)
    void retryAfterDatesAreReadInTheObsoleteFormsTooAsRfc9110Asks(Loop loop) throws Exception {
        Transcript log = new Transcript();
        Deque<Object[]> answers = new ArrayDeque<>(List.of(
                new Object[] {
                    503, "Date", "Sunday, 06-Dec-26 12:00:00 GMT", "Retry-After", "Sunday, 06-Dec-26 12:00:02 GMT"
                },
                new Object[] {503, "Date", "Sun Dec  6 12:00:00 2026", "Retry-After", "Sun Dec  6 12:00:03 2026"}));
        try (TestServer server = scripted(loop, log, answers);
                ClientSession session =
                        new ClientSession(SessionOptions.defaults().retry(exact().attempts(3)))) {
            try (ClientResponse r = session.get(server.url("/"))) {
                assertThat(r.status()).isEqualTo(200);
            }
            log.assertEquals("GET at 0 ms", "GET at 2000 ms", "GET at 5000 ms");
        }
    }

    @AsyncioTest(autojumpThresholdMillis = 200)
    void onlyIdempotentMethodsWithReplayableBodiesAreRetriedUnlessTold(Loop loop) throws Exception {
        Transcript log = new Transcript();
        Deque<Object[]> answers = new ArrayDeque<>();
        try (TestServer server = scripted(loop, log, answers);
                ClientSession session =
                        new ClientSession(SessionOptions.defaults().retry(exact()))) {
            answers.add(new Object[] {503});
            try (ClientResponse r = session.post(server.url("/"), data("x"))) {
                assertThat(r.status()).as("POST is not retried by default").isEqualTo(503);
            }
            log.record("-");
            answers.add(new Object[] {503});
            try (ClientResponse r = session.post(server.url("/"), data("x").retry(exact().methods("POST")))) {
                assertThat(r.status()).isEqualTo(200);
            }
            log.record("-");
            answers.add(new Object[] {503});
            try (ClientResponse r = session.put(server.url("/"), data(List.of("x".getBytes())))) {
                assertThat(r.status())
                        .as("a streamed body cannot be sent again")
                        .isEqualTo(503);
            }
            log.record("-");
            answers.add(new Object[] {503});
            try (ClientResponse r = session.get(server.url("/"), retry(RetryPolicy.none()))) {
                assertThat(r.status())
                        .as("the session's policy turned off for one request")
                        .isEqualTo(503);
            }
            log.assertEquals(
                    "POST at 0 ms", "-", "POST at 0 ms", "POST at 100 ms", "-", "PUT at 100 ms", "-", "GET at 100 ms");
        }
    }

    @AsyncioTest(autojumpThresholdMillis = 200)
    void aStatusThatStaysBadEndsInTheLastResponseOrItsErrorWithRaiseForStatus(Loop loop) throws Exception {
        Transcript log = new Transcript();
        Deque<Object[]> answers = new ArrayDeque<>();
        try (TestServer server = scripted(loop, log, answers);
                ClientSession session =
                        new ClientSession(SessionOptions.defaults().retry(exact()))) {
            for (int i = 0; i < 6; i++) {
                answers.add(new Object[] {503});
            }
            try (ClientResponse r = session.get(server.url("/"))) {
                assertThat(r.status()).isEqualTo(503);
            }
            assertThatThrownBy(() -> session.get(server.url("/"), raiseForStatus(true)))
                    .isInstanceOf(ClientResponseError.class)
                    .hasMessage("503 Service Unavailable for GET " + server.url("/"));
            log.assertEquals(
                    "GET at 0 ms", "GET at 100 ms", "GET at 300 ms", "GET at 300 ms", "GET at 400 ms", "GET at 600 ms");
            assertThat(session.statistics().inUse()).isZero();
        }
    }

    @AsyncioTest(autojumpThresholdMillis = 200)
    void connectionFailuresAreRetriedWithJitteredWaits(Loop loop) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Transcript log = new Transcript();
        Resolver recording = host -> {
            log.record("connect at " + loop.time() / 1_000_000 + " ms");
            return List.of(InetAddress.getLoopbackAddress());
        };
        double[] randoms = {0.5, 0.25};
        int[] next = {0};
        RetryPolicy policy = RetryPolicy.exponential()
                .jitter(1.0)
                .backoff(Duration.ofMillis(400), 2.0, Duration.ofSeconds(10))
                .random(() -> randoms[next[0]++]);
        String url = "http://svc.test:" + closed + "/";
        try (ClientSession session = new ClientSession(
                SessionOptions.defaults().resolver(recording).useDnsCache(false).retry(policy))) {
            assertThatThrownBy(() -> session.get(url))
                    .isInstanceOf(ClientConnectorError.class)
                    .hasMessageContaining("GET " + url);
        }
        // 400 ms less half of it, then 800 ms less a quarter
        log.assertEquals("connect at 0 ms", "connect at 200 ms", "connect at 800 ms");
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void aiohttpsServiceUnavailableWithRetryAfterIsWaitedOut() throws Exception {
        try (Peer peer = Peer.aiohttp();
                ClientSession session =
                        new ClientSession(SessionOptions.defaults().retry(exact().attempts(4)))) {
            try (ClientResponse r = session.get(peer.url("/flaky?key=a&failures=2&retry_after=1"))) {
                assertThat(r.text()).isEqualTo("attempt 3");
            }
            // a POST is answered with the first 503
            try (ClientResponse r = session.post(peer.url("/flaky?key=b&failures=2&retry_after=0"))) {
                assertThat(r.status()).isEqualTo(503);
            }
        }
    }
}
