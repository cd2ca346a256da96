package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * curl, a client nobody here wrote, run by a test whose loop serves the application: curl runs
 * off the loop, and what it got (the last response's status, headers and body) is read back from
 * files. {@link #serve} serves an application while a test body runs.
 */
final class Curl {
    private Curl() {}

    static final String CURL = "/usr/bin/curl";

    /** What curl got: the status of the last response, its headers and its body. */
    record Got(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Runs curl off the loop (the server runs on it) and reads what it wrote. */
    static Got run(Path dir, String... args) throws Exception {
        assumeTrue(Files.isExecutable(Path.of(CURL)), "no " + CURL + ": install curl");
        Path head = Files.createTempFile(dir, "head", ".txt");
        Path body = Files.createTempFile(dir, "body", ".bin");
        List<String> command = new ArrayList<>(List.of(CURL, "-sS", "-D", head.toString(), "-o", body.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = Asyncio.toThread(() -> new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        boolean finished = Asyncio.toThread(() -> p.waitFor(60, TimeUnit.SECONDS));
        assertThat(finished).as("curl finishes").isTrue();
        assertThat(p.exitValue()).as("curl " + command + ": " + log).isZero();
        // With several responses (a 100 Continue) the last head is the one that counts.
        String[] heads = Files.readString(head, StandardCharsets.ISO_8859_1).split("\r\n\r\n");
        String last = heads[heads.length - 1];
        String[] lines = last.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(
                    lines[i].substring(0, colon).toLowerCase(java.util.Locale.ROOT),
                    lines[i].substring(colon + 1).strip(),
                    (a, b) -> a + "\n" + b);
        }
        return new Got(status, headers, Files.readAllBytes(body));
    }

    interface Body {
        void run(Served s) throws Exception;
    }

    /** Serves {@code app} while {@code body} runs. */
    static void serve(Application app, Body body) throws Exception {
        try (Served s = Served.start(app)) {
            body.run(s);
        }
    }
}
