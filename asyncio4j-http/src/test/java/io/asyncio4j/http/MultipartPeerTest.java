package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multipart bodies written by producers nobody here wrote, read by {@link MultipartReader}: CPython's
 * aiohttp ({@code FormData}, nested {@code MultipartWriter}) and email package (folded heads, RFC
 * 2231 continuations), and curl's {@code -F}. Each body is read whole and one byte per read.
 */
class MultipartPeerTest {
    static final String PYTHON = CpythonAiohttp.PYTHON;
    static final String CURL = "/usr/bin/curl";

    @TempDir
    Path dir;

    /** The parts in the producers' line format: name, filename, type, length and SHA-256 of each. */
    static List<String> lines(MultipartReader reader, String indent) {
        List<String> out = new ArrayList<>();
        BodyPartReader part;
        while ((part = reader.nextPart()) != null) {
            if (part.isMultipart()) {
                out.add(indent + "nested");
                out.addAll(lines(part.multipart(), indent + "  "));
                continue;
            }
            byte[] content = part.readUpTo(Long.MAX_VALUE);
            out.add(indent + "name=" + orNone(part.name()) + " filename=" + orNone(part.filename()) + " type="
                    + part.headers().get("Content-Type", "text/plain") + " length=" + content.length + " sha256="
                    + sha256(content));
        }
        return out;
    }

    private static String orNone(String s) {
        return s == null ? "None" : s;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void bodiesWrittenByAiohttpAndCpythonEmailReadAsTheyWereWritten() throws Exception {
        CpythonAiohttp.assumeInstalled();
        Path script = dir.resolve("multipart_producers.py");
        try (InputStream in = MultipartPeerTest.class.getResourceAsStream("multipart_producers.py")) {
            Files.copy(in, script);
        }
        Path out = dir.resolve("out");
        Process p = new ProcessBuilder(PYTHON, script.toString(), out.toString())
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the producers finish").isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        for (String name : List.of("aiohttp-form", "aiohttp-nested", "email-form")) {
            String contentType = Files.readString(out.resolve(name + ".ct"));
            byte[] body = Files.readAllBytes(out.resolve(name + ".body"));
            List<String> expected = Files.readAllLines(out.resolve(name + ".txt"), StandardCharsets.UTF_8);
            assertThat(lines(new MultipartReader(contentType, BodySource.of(body)), ""))
                    .as(name)
                    .isEqualTo(expected);
            assertThat(lines(new MultipartReader(contentType, MultipartReaderTest.drip(body)), ""))
                    .as(name + ", one byte per read")
                    .isEqualTo(expected);
        }
        // aiohttp's own reader agrees on what it can read; it refuses email's folded heads, which we unfold.
        for (String name : List.of("aiohttp-form", "aiohttp-nested")) {
            assertThat(Files.readAllLines(out.resolve(name + ".aiohttp.txt"), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readAllLines(out.resolve(name + ".txt"), StandardCharsets.UTF_8));
        }
        assertThat(Files.readString(out.resolve("email-form.aiohttp.txt"))).startsWith("InvalidHeader");
    }

    /** The head and body of one request curl sends to a socket that answers 200 and closes. */
    record Capture(String head, byte[] body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    static Capture curl(String... args) throws Exception {
        assumeTrue(Files.isExecutable(Path.of(CURL)), "no " + CURL + ": install curl");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(60_000);
            CompletableFuture<Capture> captured = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(60_000);
                    InputStream in = s.getInputStream();
                    ByteArrayOutputStream head = new ByteArrayOutputStream();
                    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                        int b = in.read();
                        if (b < 0) {
                            throw new IllegalStateException("curl closed before the end of its head");
                        }
                        head.write(b);
                    }
                    Capture c = new Capture(head.toString(StandardCharsets.ISO_8859_1), null);
                    byte[] body = in.readNBytes(Integer.parseInt(c.header("Content-Length")));
                    OutputStream o = s.getOutputStream();
                    o.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    o.flush();
                    return new Capture(c.head(), body);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<String> command = new ArrayList<>(List.of(CURL, "-sS", "-H", "Expect:", "-o", "/dev/null"));
            command.addAll(List.of(args));
            command.add("http://127.0.0.1:" + server.getLocalPort() + "/upload");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(log).isZero();
            return captured.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void curlFormUploadsReadAsSent() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(3).nextBytes(big);
        Path bigFile = dir.resolve("big.bin");
        Files.write(bigFile, big);
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "line 1\r\n--\r\nline 3\n");
        Capture c = curl(
                "-F", "title=Hello world",
                "-F", "empty=",
                "-F", "notes=@" + text + ";type=text/x-notes",
                "-F", "renamed=@" + text + ";filename=r\u00e9sum\u00e9 2024.txt",
                "-F", "big=@" + bigFile,
                "-F", "inline=<" + text);
        String contentType = c.header("Content-Type");
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        List<String> expected = List.of(
                "name=title filename=None type=text/plain length=11 sha256=" + sha256("Hello world".getBytes()),
                "name=empty filename=None type=text/plain length=0 sha256=" + sha256(new byte[0]),
                "name=notes filename=notes.txt type=text/x-notes length=19 sha256=" + sha256(Files.readAllBytes(text)),
                "name=renamed filename=r\u00e9sum\u00e9 2024.txt type=text/plain length=19 sha256="
                        + sha256(Files.readAllBytes(text)),
                "name=big filename=big.bin type=application/octet-stream length=" + big.length + " sha256="
                        + sha256(big),
                "name=inline filename=None type=text/plain length=19 sha256=" + sha256(Files.readAllBytes(text)));
        assertThat(lines(new MultipartReader(contentType, BodySource.of(c.body())), ""))
                .isEqualTo(expected);
        try (Form form = Form.read(contentType, BodySource.of(c.body()), MultipartLimits.defaults(), dir)) {
            assertThat(form.get("title")).isEqualTo("Hello world");
            assertThat(Files.readAllBytes(form.file("big").path())).isEqualTo(big);
            assertThat(form.file("renamed").filename()).isEqualTo("r\u00e9sum\u00e9 2024.txt");
        }
    }

    @Test
    void curlUrlencodedFormsReadAsSent() throws Exception {
        Capture c = curl(
                "--data-urlencode", "q=caf\u00e9 & cr\u00e8me",
                "--data-urlencode", "sym=100% + 1=2",
                "-d", "plain=a+b",
                "-d", "plain=c");
        assertThat(c.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        Form form = Form.read(c.header("Content-Type"), BodySource.of(c.body()));
        assertThat(form.get("q")).isEqualTo("caf\u00e9 & cr\u00e8me");
        assertThat(form.get("sym")).isEqualTo("100% + 1=2");
        assertThat(form.getAll("plain")).containsExactly("a b", "c");
    }
}
