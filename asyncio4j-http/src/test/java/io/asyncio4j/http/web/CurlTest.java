package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.testing.AsyncioTest;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** The server against curl: every method, chunked uploads, HTTP/1.0, Expect: 100-continue. */
class CurlTest {
    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void everyMethod() throws Exception {
        Peers.assumeCurl();
        try (Served s = Served.start(TestApps.echo())) {
            for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
                Peers.Output o = Peers.curl(new byte[0], "-X", method, "--data-binary", "abc", s.url("/echo"));
                assertThat(o.stdout()).as(o.stderr()).isEqualTo(method + " bytes=3 abc");
            }
            for (String method : new String[] {"GET", "OPTIONS", "PROPFIND"}) {
                Peers.Output o = Peers.curl(new byte[0], "-X", method, s.url("/echo"));
                assertThat(o.stdout()).as(o.stderr()).isEqualTo(method + " bytes=0 ");
            }
            Peers.Output head = Peers.curl(new byte[0], "-I", s.url("/hello"));
            assertThat(head.stdout())
                    .startsWith("HTTP/1.1 200 OK\r\n")
                    .contains("Content-Length: 13\r\n")
                    .contains("Content-Type: text/plain; charset=utf-8\r\n");
            Peers.Output missing = Peers.curl(new byte[0], "-i", s.url("/missing"));
            assertThat(missing.stdout())
                    .startsWith("HTTP/1.1 404 Not Found\r\n")
                    .endsWith("404: Not Found");
            Peers.Output wrong = Peers.curl(new byte[0], "-i", "-X", "DELETE", s.url("/hello"));
            assertThat(wrong.stdout())
                    .startsWith("HTTP/1.1 405 Method Not Allowed\r\n")
                    .contains("Allow: GET, HEAD\r\n");
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void chunkedUploadIsStreamedToTheHandler() throws Exception {
        Peers.assumeCurl();
        byte[] data = new byte[300_000];
        new Random(1).nextBytes(data);
        try (Served s = Served.start(TestApps.echo())) {
            Peers.Output o = Peers.curl(
                    data,
                    "-v",
                    "-H",
                    "Transfer-Encoding: chunked",
                    "-H",
                    "Content-Type: application/octet-stream",
                    "--data-binary",
                    "@-",
                    s.url("/upload"));
            assertThat(o.stderr()).contains("> Transfer-Encoding: chunked");
            assertThat(o.stdout()).isEqualTo(data.length + " " + TestApps.sha256(data));
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void http10() throws Exception {
        Peers.assumeCurl();
        try (Served s = Served.start(TestApps.echo())) {
            // Without keep-alive the connection closes after each response; a streamed body then
            // ends with the connection (HTTP/1.0 has no chunked coding).
            Peers.Output stream = Peers.curl(new byte[0], "-v", "--http1.0", s.url("/stream"));
            assertThat(stream.stdout()).isEqualTo("line 0\nline 1\nline 2\nline 3\nline 4\n");
            assertThat(stream.stderr()).contains("> GET /stream HTTP/1.0").doesNotContain("Transfer-Encoding");
            // With keep-alive asked, the second request reuses the connection.
            Peers.Output twice = Peers.curl(
                    new byte[0], "-v", "--http1.0", "-H", "Connection: keep-alive", s.url("/hello"), s.url("/hello"));
            assertThat(twice.stdout()).isEqualTo("Hello, World!Hello, World!");
            assertThat(twice.stderr()).contains("< Connection: keep-alive").contains("Re-using existing connection");
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void expect100Continue() throws Exception {
        Peers.assumeCurl();
        byte[] data = "x".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        try (Served s = Served.start(TestApps.echo())) {
            // The handler reads the body: the server says 100 Continue first.
            Peers.Output ok =
                    Peers.curl(data, "-v", "-H", "Expect: 100-continue", "--data-binary", "@-", s.url("/upload"));
            assertThat(ok.stderr()).contains("< HTTP/1.1 100 Continue");
            assertThat(ok.stdout()).isEqualTo("5000 " + TestApps.sha256(data));
            // The handler refuses without reading: no 100 Continue, the answer, and the connection
            // closes (the client might still send the body).
            Peers.Output refused =
                    Peers.curl(data, "-v", "-H", "Expect: 100-continue", "--data-binary", "@-", s.url("/reject"));
            assertThat(refused.stderr()).doesNotContain("100 Continue").contains("< HTTP/1.1 413 Content Too Large");
            assertThat(refused.stderr()).contains("< Connection: close");
            assertThat(refused.stdout()).isEqualTo("no uploads here");
        }
    }
}
