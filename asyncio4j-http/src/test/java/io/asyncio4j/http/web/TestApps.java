package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/** Applications the real-client tests share. */
final class TestApps {
    private TestApps() {}

    /**
     * {@code /echo} (every method): "METHOD bytes=N body"; {@code /hello}: "Hello, World!"; {@code
     * /upload}: the body streamed, answered with its length and SHA-256; {@code /reject}: 413 without
     * reading the body; {@code /stream}: five lines, streamed; {@code /peer}: the client's port;
     * {@code /cookies}: the cookies as JSON.
     */
    static Application echo() {
        Application app = new Application();
        app.router().add(Router.ANY, "/echo", r -> {
            byte[] body = r.bytes();
            return Response.text(r.method() + " bytes=" + body.length + " " + new String(body));
        });
        app.addRoutes(
                Web.get("/hello", r -> Response.text("Hello, World!")),
                Web.get("/peer", r -> Response.text(String.valueOf(((InetSocketAddress) r.peerAddress()).getPort()))),
                Web.get("/cookies", r -> Response.json(r.cookies())),
                Web.post("/upload", r -> {
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    long n = 0;
                    for (byte[] chunk : r.content().iterChunked(16 * 1024)) {
                        sha.update(chunk);
                        n += chunk.length;
                    }
                    return Response.text(n + " " + HexFormat.of().formatHex(sha.digest()));
                }),
                Web.post("/reject", r -> {
                    throw new HttpRequestEntityTooLarge("no uploads here");
                }),
                Web.get("/stream", r -> {
                    StreamResponse s = new StreamResponse();
                    s.contentType("text/plain");
                    s.prepare(r);
                    for (int i = 0; i < 5; i++) {
                        s.write("line " + i + "\n");
                        Asyncio.sleep(Duration.ofMillis(1));
                    }
                    return s;
                }));
        return app;
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
