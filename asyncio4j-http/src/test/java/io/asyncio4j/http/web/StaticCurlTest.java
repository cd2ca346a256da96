package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.http.BodyPartReader;
import io.asyncio4j.http.BodySource;
import io.asyncio4j.http.MultipartReader;
import io.asyncio4j.testing.AsyncioTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static routes and {@link FileResponse} against curl, a client nobody here wrote: whole files
 * (zero-copy), HEAD, {@code -r} ranges (one, several as {@code multipart/byteranges}, none
 * satisfiable), {@code -z} and {@code If-None-Match} conditionals, {@code --compressed} with a
 * precompressed sibling, and every path attack sent as is ({@code --path-as-is}).
 */
class StaticCurlTest {
    @TempDir
    Path dir;

    Curl.Got curl(String... args) throws Exception {
        return Curl.run(dir, args);
    }

    static void serve(Application app, Curl.Body body) throws Exception {
        Curl.serve(app, body);
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    Path root;
    byte[] big;

    Application app(StaticOptions options) throws Exception {
        Application app = new Application();
        if (root != null) {
            app.router().addStatic("/static", root, options);
            return app;
        }
        root = Files.createDirectories(dir.resolve("public"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(root.resolve("hello.txt"), "Hello, static world!\n");
        Files.setLastModifiedTime(root.resolve("hello.txt"), FileTime.from(Instant.parse("2024-03-01T12:00:00Z")));
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/index.html"), "<h1>sub</h1>");
        Files.writeString(root.resolve(".env"), "KEY=1");
        Files.writeString(root.resolve("%2e%2e"), "literal");
        Files.createSymbolicLink(root.resolve("link-out"), outside.resolve("secret.txt"));
        String js = "console.log('compressed?');\n".repeat(100);
        Files.writeString(root.resolve("app.js"), js);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(js.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(root.resolve("app.js.gz"), gz.toByteArray());
        big = new byte[20 * 1024 * 1024 + 3];
        new Random(5).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        app.router().addStatic("/static", root, options);
        return app;
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void servesFilesWithValidatorsAndHead() throws Exception {
        serve(app(StaticOptions.defaults()), s -> {
            Curl.Got got = curl(s.url("/static/hello.txt"));
            assertThat(got.status()).isEqualTo(200);
            assertThat(got.text()).isEqualTo("Hello, static world!\n");
            assertThat(got.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(got.header("Content-Length")).isEqualTo("21");
            assertThat(got.header("Last-Modified")).isEqualTo("Fri, 01 Mar 2024 12:00:00 GMT");
            assertThat(got.header("Accept-Ranges")).isEqualTo("bytes");
            String etag = got.header("ETag");
            long mtimeNs = Instant.parse("2024-03-01T12:00:00Z").getEpochSecond() * 1_000_000_000L;
            assertThat(etag).isEqualTo("\"" + Long.toHexString(mtimeNs) + "-15\"");

            Curl.Got head = curl("-I", s.url("/static/hello.txt"));
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo("21");
            assertThat(head.text())
                    .as("with -I curl writes the head as its output: no body came")
                    .endsWith("\r\n\r\n");

            Curl.Got whole = curl(s.url("/static/big.bin"));
            assertThat(whole.body().length).isEqualTo(big.length);
            assertThat(sha256(whole.body())).isEqualTo(sha256(big));
        });
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void rangesAsCurlAsksForThem() throws Exception {
        serve(app(StaticOptions.defaults()), s -> {
            Curl.Got one = curl("-r", "7-12", s.url("/static/hello.txt"));
            assertThat(one.status()).isEqualTo(206);
            assertThat(one.text()).isEqualTo("static");
            assertThat(one.header("Content-Range")).isEqualTo("bytes 7-12/21");

            Curl.Got suffix = curl("-r", "-7", s.url("/static/hello.txt"));
            assertThat(suffix.text()).isEqualTo("world!\n");

            Curl.Got bigRange = curl("-r", "10000000-10999999", s.url("/static/big.bin"));
            assertThat(bigRange.status()).isEqualTo(206);
            assertThat(sha256(bigRange.body()))
                    .isEqualTo(sha256(java.util.Arrays.copyOfRange(big, 10_000_000, 11_000_000)));

            Curl.Got several = curl("-r", "0-4,14-19", s.url("/static/hello.txt"));
            assertThat(several.status()).isEqualTo(206);
            String type = several.header("Content-Type");
            assertThat(type).startsWith("multipart/byteranges; boundary=");
            MultipartReader reader = new MultipartReader(type, BodySource.of(several.body()));
            List<String> parts = new ArrayList<>();
            BodyPartReader part;
            while ((part = reader.nextPart()) != null) {
                parts.add(part.headers().get("Content-Type") + " | "
                        + part.headers().get("Content-Range") + " | " + part.text());
            }
            assertThat(parts)
                    .containsExactly(
                            "text/plain; charset=utf-8 | bytes 0-4/21 | Hello",
                            "text/plain; charset=utf-8 | bytes 14-19/21 | world!");
            assertThat(several.header("Content-Length")).isEqualTo(String.valueOf(several.body().length));

            Curl.Got overlapping = curl("-r", "0-9,5-14", s.url("/static/hello.txt"));
            assertThat(overlapping.header("Content-Range"))
                    .as("merged into one range")
                    .isEqualTo("bytes 0-14/21");

            Curl.Got unsatisfiable = curl("-r", "100-200", s.url("/static/hello.txt"));
            assertThat(unsatisfiable.status()).isEqualTo(416);
            assertThat(unsatisfiable.header("Content-Range")).isEqualTo("bytes */21");

            String etag = curl(s.url("/static/hello.txt")).header("ETag");
            Curl.Got ifRange = curl("-r", "0-4", "-H", "If-Range: " + etag, s.url("/static/hello.txt"));
            assertThat(ifRange.status()).isEqualTo(206);
            Curl.Got staleIfRange = curl("-r", "0-4", "-H", "If-Range: \"stale\"", s.url("/static/hello.txt"));
            assertThat(staleIfRange.status()).isEqualTo(200);
            assertThat(staleIfRange.text()).isEqualTo("Hello, static world!\n");
        });
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void conditionalRequests() throws Exception {
        serve(app(StaticOptions.defaults()), s -> {

            // curl -z DATE sends If-Modified-Since; -z -DATE sends If-Unmodified-Since.
            Curl.Got newer = curl("-z", "Sat, 02 Mar 2024 00:00:00 GMT", s.url("/static/hello.txt"));
            assertThat(newer.status()).isEqualTo(304);
            assertThat(newer.body()).isEmpty();
            Curl.Got older = curl("-z", "Thu, 29 Feb 2024 00:00:00 GMT", s.url("/static/hello.txt"));
            assertThat(older.status()).isEqualTo(200);
            Curl.Got unmodified = curl("-z", "-Thu, 29 Feb 2024 00:00:00 GMT", s.url("/static/hello.txt"));
            assertThat(unmodified.status()).isEqualTo(412);

            String etag = curl(s.url("/static/hello.txt")).header("ETag");
            Curl.Got notModified = curl("-H", "If-None-Match: " + etag, s.url("/static/hello.txt"));
            assertThat(notModified.status()).isEqualTo(304);
            assertThat(notModified.header("ETag")).isEqualTo(etag);
            Curl.Got ifMatch = curl("-H", "If-Match: \"stale\"", s.url("/static/hello.txt"));
            assertThat(ifMatch.status()).isEqualTo(412);
        });
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void precompressedSiblingForClientsThatAcceptIt() throws Exception {
        serve(app(StaticOptions.defaults()), s -> {
            String js = Files.readString(root.resolve("app.js"));
            Curl.Got compressed = curl("--compressed", s.url("/static/app.js"));
            assertThat(compressed.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(compressed.header("Vary")).isEqualTo("Accept-Encoding");
            assertThat(compressed.header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
            assertThat(compressed.header("Content-Length"))
                    .isEqualTo(String.valueOf(Files.size(root.resolve("app.js.gz"))));
            assertThat(compressed.text()).as("curl decompressed it").isEqualTo(js);

            Curl.Got plain = curl(s.url("/static/app.js"));
            assertThat(plain.header("Content-Encoding")).isNull();
            assertThat(plain.header("Vary")).isEqualTo("Accept-Encoding");
            assertThat(plain.text()).isEqualTo(js);

            Curl.Got refused = curl("-H", "Accept-Encoding: gzip;q=0, identity", s.url("/static/app.js"));
            assertThat(refused.header("Content-Encoding")).isNull();
        });
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void everyPathAttackIsRefused() throws Exception {
        serve(app(StaticOptions.defaults()), s -> {
            Map<String, Integer> statuses = new LinkedHashMap<>();
            for (String path : List.of(
                    "/static/../outside/secret.txt",
                    "/static/%2e%2e/outside/secret.txt",
                    "/static/%2E%2E%2Foutside%2Fsecret.txt",
                    "/static/sub/../../outside/secret.txt",
                    "/static/..%5coutside%5csecret.txt",
                    "/static/..\\outside\\secret.txt",
                    "/static//etc/passwd",
                    "/static/%2fetc%2fpasswd",
                    "/static/hello.txt%00.png",
                    "/static/link-out",
                    "/static/.env",
                    "/static/%2eenv",
                    "/static/sub",
                    "/static/nope.txt")) {
                statuses.put(path, curl("--path-as-is", s.url(path)).status());
            }
            assertThat(statuses)
                    .containsExactly(
                            Map.entry("/static/../outside/secret.txt", 403),
                            Map.entry("/static/%2e%2e/outside/secret.txt", 403),
                            Map.entry("/static/%2E%2E%2Foutside%2Fsecret.txt", 403),
                            Map.entry("/static/sub/../../outside/secret.txt", 403),
                            Map.entry("/static/..%5coutside%5csecret.txt", 403),
                            Map.entry("/static/..\\outside\\secret.txt", 403),
                            Map.entry("/static//etc/passwd", 403),
                            Map.entry("/static/%2fetc%2fpasswd", 403),
                            Map.entry("/static/hello.txt%00.png", 403),
                            Map.entry("/static/link-out", 404),
                            Map.entry("/static/.env", 404),
                            Map.entry("/static/%2eenv", 404),
                            Map.entry("/static/sub", 403),
                            Map.entry("/static/nope.txt", 404));
            Curl.Got doubleEncoded = curl("--path-as-is", s.url("/static/%252e%252e"));
            assertThat(doubleEncoded.status()).isEqualTo(200);
            assertThat(doubleEncoded.text())
                    .as("decoded once: the file named %2e%2e")
                    .isEqualTo("literal");
        });
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void aFileResponseOfAHandler() throws Exception {
        Application app = app(StaticOptions.defaults());
        app.router().addGet("/report", r -> new FileResponse(root.resolve("hello.txt")));
        app.router().addGet("/typed", r -> {
            FileResponse f = new FileResponse(root.resolve("hello.txt"));
            f.contentType("application/x-report");
            f.header("Content-Disposition", "attachment; filename=\"report.txt\"");
            return f;
        });
        app.router().addGet("/missing", r -> new FileResponse(root.resolve("nope.txt")));
        app.router().addGet("/directory", r -> new FileResponse(root.resolve("sub")));
        serve(app, s -> {
            Curl.Got report = curl("-r", "0-4", s.url("/report"));
            assertThat(report.status()).isEqualTo(206);
            assertThat(report.text()).isEqualTo("Hello");
            Curl.Got typed = curl(s.url("/typed"));
            assertThat(typed.header("Content-Type"))
                    .as("set by the handler, kept")
                    .isEqualTo("application/x-report");
            assertThat(typed.header("Content-Disposition")).isEqualTo("attachment; filename=\"report.txt\"");
            assertThat(typed.text()).isEqualTo("Hello, static world!\n");
            assertThat(curl(s.url("/missing")).status()).isEqualTo(404);
            assertThat(curl(s.url("/directory")).status()).isEqualTo(403);
        });
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void optionsOpenWhatTheDefaultsClose() throws Exception {
        StaticOptions open = StaticOptions.defaults()
                .withFollowSymlinks(true)
                .withShowHidden(true)
                .withIndexFile("index.html");
        serve(app(open), s -> {
            assertThat(curl(s.url("/static/link-out")).text()).isEqualTo("secret");
            assertThat(curl(s.url("/static/.env")).text()).isEqualTo("KEY=1");
            assertThat(curl(s.url("/static/sub/")).text()).isEqualTo("<h1>sub</h1>");
            assertThat(curl("--path-as-is", s.url("/static/../outside/secret.txt"))
                            .status())
                    .isEqualTo(403);
        });
        serve(app(StaticOptions.defaults().withShowIndex(true)), s -> {
            Curl.Got listing = curl(s.url("/static/"));
            assertThat(listing.header("Content-Type")).startsWith("text/html");
            assertThat(listing.text()).contains("<li><a href=\"/static/hello.txt\">hello.txt</a></li>");
            assertThat(listing.text()).doesNotContain(".env");
        });
    }
}
