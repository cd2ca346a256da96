package io.asyncio4j.http.client;

import static io.asyncio4j.http.client.Options.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.MultipartWriter;
import io.asyncio4j.net.StreamReader;
import io.asyncio4j.net.TlsOptions;
import io.asyncio4j.testing.AsyncioTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Request bodies against real servers: files (zero-copy), streams, generators and writers, forms and
 * multipart bodies read by CPython's aiohttp, files stored by nginx's WebDAV module; a body that
 * cannot be replayed is never sent twice.
 */
class RequestBodyTest {
    record Digest(
            String method,
            long length,
            String sha256,
            String contentLength,
            String transferEncoding,
            String contentType) {}

    record Field(String name, String filename, String contentType, long length, String sha256, String text) {}

    record Form(String contentType, List<Field> fields) {}

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @AsyncioTest(realClock = true)
    void aFileIsTypedByItsNameAsTheServerTypesTheSameFile() throws Exception {
        Path dir = Files.createTempDirectory("typed");
        Path font = Files.writeString(dir.resolve("font.woff2"), "w");
        Path page = Files.writeString(dir.resolve("page.html"), "<p>");
        List<String> received = new ArrayList<>();
        try (TestServer server = TestServer.start(ex -> {
                    String type = ex.header("Content-Type");
                    received.add(type.startsWith("multipart/") ? new String(ex.body, StandardCharsets.UTF_8) : type);
                    ex.respond(200, "ok");
                });
                ClientSession session = new ClientSession()) {
            session.post(server.url("/"), data(font)).close();
            session.post(server.url("/"), data(new FormData().addField("f", page)))
                    .close();
        } finally {
            Files.delete(font);
            Files.delete(page);
            Files.delete(dir);
        }
        assertThat(received.get(0)).as("the JDK's table does not know woff2").isEqualTo("font/woff2");
        assertThat(received.get(1))
                .as("a part's type without the charset the server adds to text it serves")
                .contains("Content-Type: text/html\r\n");
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void filesStreamsAndWritersReachAiohttpWhole() throws Exception {
        byte[] big = random(3 << 20, 1);
        Path file = Files.createTempFile("upload", ".bin");
        Files.write(file, big);
        try (Peer peer = Peer.aiohttp();
                ClientSession session = new ClientSession()) {
            String url = peer.url("/digest");

            // a file: Content-Length, no chunking
            try (ClientResponse r = session.post(url, data(file))) {
                assertThat(r.json(Digest.class))
                        .isEqualTo(new Digest(
                                "POST", big.length, sha256(big), "" + big.length, null, "application/octet-stream"));
            }

            // a generator: chunked, each piece as it comes
            List<byte[]> pieces = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                pieces.add(("piece " + i + "\n").repeat(100 * i + 1).getBytes(StandardCharsets.US_ASCII));
            }
            byte[] joined = join(pieces);
            try (ClientResponse r = session.put(url, data(pieces))) {
                assertThat(r.json(Digest.class))
                        .isEqualTo(new Digest(
                                "PUT", joined.length, sha256(joined), null, "chunked", "application/octet-stream"));
            }

            // a StreamReader fed by another task while the request sends it
            StreamReader reader = new StreamReader();
            Task<Void> feeder = Asyncio.createTask(() -> {
                for (byte[] p : pieces) {
                    reader.feedData(p);
                    Asyncio.yieldNow();
                }
                reader.feedEof();
            });
            try (ClientResponse r = session.post(url, data(reader).header("Content-Type", "text/plain"))) {
                assertThat(r.json(Digest.class))
                        .isEqualTo(new Digest("POST", joined.length, sha256(joined), null, "chunked", "text/plain"));
            }
            feeder.await();

            // a writer, with small writes gathered and a declared length: no chunking then
            try (ClientResponse r = session.post(
                    url,
                    data(out -> {
                                for (byte b : big) {
                                    out.write(b);
                                }
                            })
                            .header("Content-Length", "" + big.length))) {
                assertThat(r.json(Digest.class))
                        .isEqualTo(new Digest(
                                "POST", big.length, sha256(big), "" + big.length, null, "application/octet-stream"));
            }
            assertThat(session.statistics().inUse()).isZero();
        } finally {
            Files.delete(file);
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void formsAreReadByAiohttpFieldByField() throws Exception {
        Path photo = Files.createTempFile("photo", ".png");
        byte[] png = random(100_000, 2);
        Files.write(photo, png);
        try (Peer peer = Peer.aiohttp();
                ClientSession session = new ClientSession()) {
            String url = peer.url("/form");

            // text fields only: urlencoded, read by request.post()
            FormData plain = new FormData().addField("user", "ann & bob").addField("city", "Zürich");
            assertThat(plain.isMultipart()).isFalse();
            try (ClientResponse r = session.post(url, data(plain))) {
                Form f = r.json(Form.class);
                assertThat(f.contentType()).isEqualTo("application/x-www-form-urlencoded");
                assertThat(f.fields())
                        .extracting(Field::name, Field::text)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("user", "ann & bob"),
                                org.assertj.core.groups.Tuple.tuple("city", "Zürich"));
            }

            // a file among them: multipart/form-data, read by request.multipart()
            byte[] generated = "generated\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            FormData form = new FormData()
                    .addField("user", "ann")
                    .addField("photo", photo, "résumé \"1\".png", null)
                    .addField("raw", new byte[] {1, 2, 3})
                    .addField("note", "{\"a\":1}", null, "application/json");
            try (ClientResponse r = session.post(url, data(form))) {
                Form f = r.json(Form.class);
                assertThat(f.contentType()).startsWith("multipart/form-data; boundary=");
                assertThat(f.fields())
                        .containsExactly(
                                new Field(
                                        "user", null, "text/plain; charset=utf-8", 3, sha256("ann".getBytes()), "ann"),
                                new Field(
                                        "photo",
                                        // UTF-8 as it is; quotes escaped as browsers do, which
                                        // aiohttp 3.8 hands over as they came
                                        "résumé %221%22.png",
                                        "image/png",
                                        png.length,
                                        sha256(png),
                                        null),
                                new Field(
                                        "raw",
                                        null,
                                        "application/octet-stream",
                                        3,
                                        sha256(new byte[] {1, 2, 3}),
                                        "\u0001\u0002\u0003"),
                                new Field(
                                        "note",
                                        null,
                                        "application/json",
                                        7,
                                        sha256("{\"a\":1}".getBytes()),
                                        "{\"a\":1}"));
            }
            // the form's file is read again for a second request; a streamed field makes it chunked
            form.addField("log", List.of(generated, generated), "log.txt", "text/plain");
            try (ClientResponse r = session.post(url, data(form))) {
                Form f = r.json(Form.class);
                assertThat(f.fields()).hasSize(5);
                assertThat(f.fields().get(1).sha256()).isEqualTo(sha256(png));
                assertThat(f.fields().get(4))
                        .isEqualTo(new Field(
                                "log",
                                "log.txt",
                                "text/plain",
                                2 * generated.length,
                                sha256(join(List.of(generated, generated))),
                                null));
            }

            // a MultipartWriter of another subtype, with a nested one
            MultipartWriter inner = new MultipartWriter("mixed");
            inner.append("inner text");
            MultipartWriter mp = new MultipartWriter("form-data");
            mp.append("{\"k\":2}", Headers.of("Content-Type", "application/json"))
                    .setContentDisposition("form-data", "name", "meta");
            mp.append(inner, null).setContentDisposition("form-data", "name", "nested");
            try (ClientResponse r = session.post(url, data(mp))) {
                Form f = r.json(Form.class);
                assertThat(f.contentType()).isEqualTo(mp.contentType());
                assertThat(f.fields())
                        .extracting(Field::name, Field::contentType, Field::text)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("meta", "application/json", "{\"k\":2}"),
                                org.assertj.core.groups.Tuple.tuple(
                                        "form-data; name=\"nested\"", inner.contentType(), "inner text"));
            }
        } finally {
            Files.delete(photo);
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void aReplayableBodyFollows307And308AndAStreamedOneFailsClearly() throws Exception {
        byte[] content = random(200_000, 3);
        Path file = Files.createTempFile("redirected", ".bin");
        Files.write(file, content);
        try (Peer peer = Peer.aiohttp();
                ClientSession session = new ClientSession()) {
            for (String status : List.of("307", "308")) {
                try (ClientResponse r = session.post(peer.url("/redirect-keep/" + status), data(file))) {
                    assertThat(r.history()).extracting(ClientResponse::status).containsExactly(Integer.valueOf(status));
                    assertThat(r.json(Digest.class).method()).isEqualTo("POST");
                    assertThat(r.json(Digest.class).sha256()).isEqualTo(sha256(content));
                }
            }
            // the stream is spent, so the redirect cannot be followed
            String url = peer.url("/redirect-keep/307");
            Throwable e = catchThrowable(() -> session.post(url, data(List.of(content))));
            assertThat(e)
                    .isInstanceOf(ClientPayloadError.class)
                    .hasMessageStartingWith("cannot follow the 307 redirect of POST " + url + " to "
                            + peer.url("/digest") + ": it must send the body again, and an Iterable body was"
                            + " streamed once and cannot be replayed");
            // without following, the 307 itself is the answer
            try (ClientResponse r = session.post(url, data(List.of(content)).allowRedirects(false))) {
                assertThat(r.status()).isEqualTo(307);
            }
            assertThat(session.statistics().inUse()).isZero();
        } finally {
            Files.delete(file);
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void aStreamedBodyIsNeverResentOnAStaleConnectionWhereBytesAre() throws Exception {
        try (Peer peer = Peer.aiohttp();
                ClientSession session =
                        new ClientSession(SessionOptions.defaults().limit(1))) {
            int before = Integer.parseInt(text(session, peer.url("/count")));
            // aiohttp closes the connection after answering; the client keeps it for reuse
            assertThat(text(session, peer.url("/close-after"))).isEqualTo("closing");
            assertThatThrownBy(() -> session.put(peer.url("/count-put"), data(List.of("x".getBytes()))))
                    .isInstanceOf(ServerDisconnectedError.class)
                    .hasMessageContaining("PUT " + peer.url("/count-put"));
            assertThat(text(session, peer.url("/count")))
                    .as("aiohttp never saw the PUT")
                    .isEqualTo("" + before);

            // the same PUT with bytes is sent again on a new connection
            assertThat(text(session, peer.url("/close-after"))).isEqualTo("closing");
            try (ClientResponse r = session.put(peer.url("/count-put"), data("x"))) {
                assertThat(r.text()).isEqualTo("" + (before + 1));
            }
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void aFailingSourceFailsTheRequestWithItsOwnErrorAndDropsTheConnection() throws Exception {
        try (Peer peer = Peer.aiohttp();
                ClientSession session = new ClientSession()) {
            IOException broken = new IOException("the disk went away");
            Iterable<byte[]> failing = () -> new Iterator<>() {
                int n;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public byte[] next() {
                    if (n++ == 3) {
                        throw new UncheckedIOException(broken);
                    }
                    return "part".getBytes();
                }
            };
            Throwable e = catchThrowable(() -> session.post(peer.url("/digest"), data(failing)));
            assertThat(e).isInstanceOf(UncheckedIOException.class).hasCause(broken);

            Throwable w = catchThrowable(() -> session.post(peer.url("/digest"), data(out -> {
                out.write(1);
                out.flush();
                throw broken;
            })));
            assertThat(w).isSameAs(broken);

            // a declared length that the body does not keep: the request fails, the message is cut
            assertThatThrownBy(() -> session.post(
                            peer.url("/digest"), data(List.of(new byte[10])).header("Content-Length", "11")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the request body ended after 10 bytes but its Content-Length is 11;"
                            + " send exactly that many");
            assertThatThrownBy(() ->
                            session.post(peer.url("/digest"), data(new byte[3]).header("Content-Length", "4")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("says 4 bytes but the body (3 bytes) has 3");
            ClientSession.Statistics s = session.statistics();
            assertThat(s.inUse()).isZero();
            assertThat(s.idle()).as("no connection with a cut body is pooled").isZero();
            // a missing file is the file system's error, before anything is sent
            Path missing = Path.of("/nonexistent/upload.bin");
            assertThatThrownBy(() -> session.post(peer.url("/digest"), data(missing)))
                    .isInstanceOf(java.nio.file.NoSuchFileException.class);
            // and the session still works
            try (ClientResponse r = session.post(peer.url("/digest"), data("ok"))) {
                assertThat(r.json(Digest.class).length()).isEqualTo(2);
            }
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void nginxStoresFilesSentWholeAndChunkedOverPlainAndTls() throws Exception {
        Path dir = Files.createTempDirectory("tls-peer");
        TestPki ca = TestPki.create(dir, "ca");
        TestPki.ServerCert cert = ca.issue("localhost", "DNS:localhost,IP:127.0.0.1");
        String dav = "location /dav/ { dav_methods PUT; create_full_put_path on; client_max_body_size 64m; }";
        byte[] big = random(8 << 20, 4);
        Path file = Files.createTempFile("nginx-upload", ".bin");
        Files.write(file, big);
        try (Peer plain = Peer.nginx(dav);
                Peer tls = Peer.nginxTls(cert, dav);
                ClientSession session =
                        new ClientSession(SessionOptions.defaults().tls(TlsOptions.client(ca.caCert)))) {
            for (Peer nginx : List.of(plain, tls)) {
                String base = nginx == plain ? nginx.url("/dav/") : nginx.httpsUrl("/dav/");
                try (ClientResponse r = session.put(base + "whole.bin", data(file))) {
                    assertThat(r.status()).isEqualTo(201);
                }
                try (ClientResponse r = session.put(base + "chunked.bin", data(out -> {
                    for (int off = 0; off < big.length; off += 100_000) {
                        out.write(big, off, Math.min(100_000, big.length - off));
                    }
                }))) {
                    assertThat(r.status()).isEqualTo(201);
                }
                assertThat(Files.readAllBytes(nginx.dir().resolve("www/dav/whole.bin")))
                        .isEqualTo(big);
                assertThat(Files.readAllBytes(nginx.dir().resolve("www/dav/chunked.bin")))
                        .isEqualTo(big);
            }
            assertThat(session.statistics().inUse()).isZero();
        } finally {
            Files.delete(file);
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void anAnswerThatComesBeforeTheBodyIsSentIsRead() throws Exception {
        byte[] big = random(8 << 20, 5);
        Path file = Files.createTempFile("too-large", ".bin");
        Files.write(file, big);
        // nginx answers 413 as soon as it has the head, and closes: the answer must not be lost
        // in the reset that follows, as it would be if the client read only after writing.
        try (Peer nginx = Peer.nginx("location /small/ { dav_methods PUT; client_max_body_size 1k; }");
                ClientSession session = new ClientSession()) {
            for (RequestOptions body : List.of(data(file), data(List.of(big)))) {
                try (ClientResponse r = session.put(nginx.url("/small/x.bin"), body)) {
                    assertThat(r.status()).isEqualTo(413);
                }
                assertThat(session.statistics().inUse()).isZero();
                assertThat(session.statistics().idle())
                        .as("a connection whose request was cut is not pooled")
                        .isZero();
            }
        } finally {
            Files.delete(file);
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void aServerThatAnswersWhileItReadsGetsTheBodyAndSendsItsAnswerAtOnce() throws Exception {
        // aiohttp echoes each piece as it reads it. A client that read only after writing would
        // stall once both directions' socket buffers are full, a few MiB on loopback.
        byte[] big = random(32 << 20, 6);
        Path file = Files.createTempFile("duplex", ".bin");
        Files.write(file, big);
        try (Peer peer = Peer.aiohttp();
                ClientSession session = new ClientSession(SessionOptions.defaults()
                        .timeout(ClientTimeout.defaults().total(java.time.Duration.ofSeconds(60))))) {
            for (RequestOptions body : List.of(data(file), data(List.of(big)))) {
                MessageDigest echoed = MessageDigest.getInstance("SHA-256");
                long n = 0;
                try (ClientResponse r = session.post(peer.url("/echo-stream"), body)) {
                    for (byte[] chunk : r.content().iterChunked(1 << 20)) {
                        echoed.update(chunk);
                        n += chunk.length;
                    }
                }
                assertThat(n).isEqualTo(big.length);
                assertThat(HexFormat.of().formatHex(echoed.digest())).isEqualTo(sha256(big));
                assertThat(session.statistics().inUse()).isZero();
            }
        } finally {
            Files.delete(file);
        }
    }

    /** A POST of a file and the reading of its answer, cancelled at each of its suspension points. */
    record Upload(ClientSession session, String url, Path file, List<String> got)
            implements io.asyncio4j.testing.CancellationSweep.Scenario {
        @Override
        public void run() throws Exception {
            try (ClientResponse r = session.post(url, data(file))) {
                got.add(r.text());
            }
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void anUploadCancelledAtAnyPointLeavesNoConnectionNorWriterBehind() throws Exception {
        byte[] content = random(300_000, 7); // above the size written with the head: a writer task sends it
        Path file = Files.createTempFile("cancelled", ".bin");
        Files.write(file, content);
        try (TestServer.OnOwnLoop server = TestServer.startOnOwnLoop(ex -> ex.respond(200, "" + ex.body.length))) {
            io.asyncio4j.testing.CancellationSweep.Result result = io.asyncio4j.testing.CancellationSweep.run(
                    () -> new Upload(new ClientSession(), server.url("/"), file, new ArrayList<>()),
                    400,
                    (upload, outcome) -> {
                        ClientSession.Statistics s = upload.session().statistics();
                        assertThat(s.inUse())
                                .as("connections still held after %s", outcome)
                                .isZero();
                        try (ClientResponse r = upload.session().post(upload.url(), data(upload.file()))) {
                            assertThat(r.text()).isEqualTo("" + content.length);
                        }
                        upload.session().close();
                    });
            assertThat(result.completedAt()).isPositive();
        } finally {
            Files.delete(file);
        }
    }

    private static String text(ClientSession session, String url) throws Exception {
        try (ClientResponse r = session.get(url)) {
            return r.text();
        }
    }

    private static byte[] join(List<byte[]> pieces) {
        int n = 0;
        for (byte[] p : pieces) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : pieces) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
