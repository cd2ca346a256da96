package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.BodyPartReader;
import io.asyncio4j.http.Form;
import io.asyncio4j.http.FormField;
import io.asyncio4j.http.MultipartReader;
import io.asyncio4j.testing.AsyncioTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code request.post()}, {@code request.multipart()} and cookies on a live server, against curl
 * ({@code -F}, {@code --data-urlencode}, {@code -c}/{@code -b} cookie jars) and CPython's aiohttp
 * client ({@code FormData}, its cookie jar, ranges and {@code If-None-Match}).
 */
class FormsAndCookiesTest {
    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    /** The temporary files of every form the server read, to check they are gone after the request. */
    final List<Path> temps = new CopyOnWriteArrayList<>();

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    Application app() throws Exception {
        Path root = Files.createDirectories(dir.resolve("public"));
        Files.writeString(root.resolve("hello.txt"), "Hello, static world!\n");
        Application app = new Application();
        app.router().addStatic("/static", root);
        app.router().addPost("/form", request -> {
            Form form = request.post();
            List<String> lines = new ArrayList<>();
            for (FormField f : form) {
                switch (f) {
                    case FormField.Text t -> lines.add(t.name() + "=" + t.value());
                    case FormField.File file -> {
                        temps.add(file.path());
                        byte[] content = Asyncio.toThread(() -> Files.readAllBytes(file.path()));
                        lines.add(file.name() + "=<" + file.filename() + " " + file.contentType() + " " + file.size()
                                + " " + sha256(content) + ">");
                    }
                }
            }
            return Response.text(String.join("\n", lines));
        });
        app.router().addPost("/stream", request -> {
            MultipartReader reader = request.multipart();
            List<String> lines = new ArrayList<>();
            BodyPartReader part;
            while ((part = reader.nextPart()) != null) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long size = 0;
                byte[] chunk;
                while ((chunk = part.readChunk(64 * 1024)).length > 0) {
                    sha.update(chunk);
                    size += chunk.length;
                }
                lines.add(part.name() + " " + part.filename() + " " + size + " "
                        + HexFormat.of().formatHex(sha.digest()));
            }
            return Response.text(String.join("\n", lines));
        });
        app.router().addGet("/login", request -> {
            Response r = Response.text("welcome");
            r.setCookie("session", "s3cr3t");
            r.setCookie(ResponseCookie.of("theme", "dark")
                    .withMaxAge(java.time.Duration.ofDays(30))
                    .withHttpOnly(true));
            r.setCookie(ResponseCookie.of("lang", "fr").withSameSite(ResponseCookie.SameSite.LAX));
            return r;
        });
        app.router().addGet("/logout", request -> {
            Response r = Response.text("bye");
            r.delCookie("session");
            return r;
        });
        app.router().addGet("/whoami", request -> Response.text(new TreeMap<>(request.cookies()).toString()));
        return app;
    }

    static void serve(Application app, Curl.Body body) throws Exception {
        Curl.serve(app, body);
    }

    Curl.Got curl(String... args) throws Exception {
        return Curl.run(dir, args);
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void postReadsCurlFormsAndDeletesTheUploadsAfterwards() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 5];
        new Random(9).nextBytes(big);
        Path file = dir.resolve("photo.jpg");
        Files.write(file, big);
        serve(app(), s -> {
            Curl.Got got = curl(
                    "-F",
                    "title=Hello world",
                    "-F",
                    "tag=a",
                    "-F",
                    "tag=b",
                    "-F",
                    "photo=@" + file + ";type=image/jpeg",
                    "-F",
                    "renamed=@" + file + ";filename=r\u00e9sum\u00e9 1.jpg",
                    s.url("/form"));
            assertThat(got.status()).isEqualTo(200);
            String sha = sha256(big);
            assertThat(got.text().split("\n"))
                    .containsExactly(
                            "title=Hello world",
                            "tag=a",
                            "tag=b",
                            "photo=<photo.jpg image/jpeg " + big.length + " " + sha + ">",
                            "renamed=<r\u00e9sum\u00e9 1.jpg image/jpeg " + big.length + " " + sha + ">");
            assertThat(temps).hasSize(2);
            for (Path p : temps) {
                assertThat(p).as("deleted when the request ended").doesNotExist();
            }

            Curl.Got urlencoded =
                    curl("--data-urlencode", "q=caf\u00e9 & cr\u00e8me", "--data-urlencode", "n=1+1=2", s.url("/form"));
            assertThat(urlencoded.text()).isEqualTo("q=caf\u00e9 & cr\u00e8me\nn=1+1=2");
        });
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void multipartStreamsALargeUpload() throws Exception {
        byte[] big = new byte[30 * 1024 * 1024 + 1];
        new Random(11).nextBytes(big);
        Path file = dir.resolve("big.bin");
        Files.write(file, big);
        serve(app(), s -> {
            Curl.Got got = curl("-F", "note=hi", "-F", "big=@" + file, s.url("/stream"));
            assertThat(got.text().split("\n"))
                    .containsExactly(
                            "note null 2 " + sha256("hi".getBytes(StandardCharsets.UTF_8)),
                            "big big.bin " + big.length + " " + sha256(big));
        });
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void formErrorsAreAnsweredWithTheirStatus() throws Exception {
        Application app = app();
        app.clientMaxSize(1000);
        serve(app, s -> {
            Curl.Got tooBig = curl("-F", "text=" + "x".repeat(2000), s.url("/form"));
            assertThat(tooBig.status()).isEqualTo(413);
            Curl.Got badBoundary = curl(
                    "-H",
                    "Content-Type: multipart/form-data; boundary=nope",
                    "--data-binary",
                    "--other\r\n",
                    s.url("/form"));
            assertThat(badBoundary.status()).isEqualTo(400);
            assertThat(badBoundary.text()).contains("no boundary line --nope");
            Curl.Got json = curl("-H", "Content-Type: application/json", "-d", "{}", s.url("/form"));
            assertThat(json.status()).isEqualTo(415);
            Curl.Got cut = curl(
                    "-H",
                    "Content-Type: multipart/form-data; boundary=b",
                    "--data-binary",
                    "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
                    s.url("/stream"));
            assertThat(cut.status()).isEqualTo(400);
            assertThat(cut.text()).contains("cut short");
        });
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void cookiesGoToCurlsJarAndComeBack() throws Exception {
        Path jar = dir.resolve("jar.txt");
        serve(app(), s -> {
            Curl.Got login = curl("-c", jar.toString(), s.url("/login"));
            assertThat(login.header("Set-Cookie").split("\n"))
                    .containsExactly(
                            "session=s3cr3t; Path=/",
                            "theme=dark; Max-Age=2592000; Path=/; HttpOnly",
                            "lang=fr; Path=/; SameSite=Lax");
            assertThat(curl("-b", jar.toString(), s.url("/whoami")).text())
                    .isEqualTo("{lang=fr, session=s3cr3t, theme=dark}");
            Curl.Got logout = curl("-b", jar.toString(), "-c", jar.toString(), s.url("/logout"));
            assertThat(logout.header("Set-Cookie"))
                    .isEqualTo("session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/");
            assertThat(curl("-b", jar.toString(), s.url("/whoami")).text()).isEqualTo("{lang=fr, theme=dark}");
            // Cookie headers as browsers and scripts send them: lenient, first of a name wins.
            assertThat(curl("-H", "Cookie: a=1; b=\"two\"; a=3;; junk; c={\"x\":[1,2]}; =nameless", s.url("/whoami"))
                            .text())
                    .isEqualTo("{a=1, b=two, c={\"x\":[1,2]}}");
        });
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void cpythonAiohttpClient() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON + ": install python3-aiohttp");
        Process check = new ProcessBuilder(PYTHON, "-c", "import aiohttp").start();
        assumeTrue(
                Asyncio.toThread(() -> check.waitFor(60, TimeUnit.SECONDS)) && check.exitValue() == 0,
                "CPython's aiohttp is missing: install python3-aiohttp (scripts/install-test-peers.sh)");
        Path script = dir.resolve("aiohttp_web_client.py");
        try (InputStream in = FormsAndCookiesTest.class.getResourceAsStream("aiohttp_web_client.py")) {
            Files.copy(in, script);
        }
        byte[] upload = "\u0000\u0001binary\r\n--".repeat(1000).getBytes(StandardCharsets.ISO_8859_1);
        serve(app(), s -> {
            Process p = new ProcessBuilder(PYTHON, script.toString(), s.url(""))
                    .redirectErrorStream(true)
                    .start();
            String out = Asyncio.toThread(() -> new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertThat(Asyncio.toThread(() -> p.waitFor(60, TimeUnit.SECONDS))).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            String sha = sha256(upload);
            // aiohttp 3.8's FormData percent-encodes a file name inside filename="..."; that is what it sent.
            assertThat(out.split("\n"))
                    .containsExactly(
                            "form 200 title=caf\u00e9 au lait | upload=<r%C3%A9sum%C3%A9.bin application/octet-stream "
                                    + upload.length + " " + sha + ">",
                            "stream 200 title null " + "caf\u00e9 au lait".getBytes(StandardCharsets.UTF_8).length + " "
                                    + sha256("caf\u00e9 au lait".getBytes(StandardCharsets.UTF_8)) + " | upload"
                                    + " r%C3%A9sum%C3%A9.bin " + upload.length + " " + sha,
                            "cookies 200 {lang=fr, session=s3cr3t, theme=dark}",
                            "deleted ['lang', 'theme']",
                            "range 206 bytes 7-12/21 static",
                            "cached 304");
            assertThat(temps).allSatisfy(t -> assertThat(t).doesNotExist());
        });
    }
}
