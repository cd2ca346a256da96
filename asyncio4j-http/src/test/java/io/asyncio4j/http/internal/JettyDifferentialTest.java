package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Jetty's HttpParser as the oracle: over the smuggling corpus and a set of typical messages, both
 * parsers must accept or reject alike and, when both accept, read the same start lines, fields,
 * bodies and trailers. Every case where they differ is listed in {@code jetty-differences.txt} with
 * the RFC reason why ours is right; the list must be exact (a stale entry fails too).
 */
class JettyDifferentialTest {

    /** Typical messages, on which the two parsers must agree exactly. */
    static final List<Corpus.Case> TYPICAL = List.of(
            typical(
                    true,
                    "browser-get",
                    "GET /api/v1/users/42?fields=name,email HTTP/1.1\r\nHost: api.example.com\r\n"
                            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
                            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
                            + "Accept-Language: en-US,en;q=0.5\r\nAccept-Encoding: gzip, deflate, br\r\n"
                            + "Connection: keep-alive\r\nCookie: session=abc123; theme=dark\r\n"
                            + "Upgrade-Insecure-Requests: 1\r\nSec-Fetch-Dest: document\r\nCache-Control: max-age=0\r\n\r\n"),
            typical(
                    true,
                    "curl-get",
                    "GET / HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n"),
            typical(
                    true,
                    "form-post",
                    "POST /login HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                            + "Content-Length: 27\r\n\r\nuser=alice&password=secret1"),
            typical(
                    true,
                    "json-put",
                    "PUT /items/7 HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 13\r\n\r\n{\"name\":\"x\"}\n"),
            typical(
                    true,
                    "chunked-upload",
                    "POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "4\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\n\r\n"),
            typical(true, "http10-get", "GET /old HTTP/1.0\r\nUser-Agent: ancient\r\n\r\n"),
            typical(true, "empty-value", "GET / HTTP/1.1\r\nHost: a\r\nX-Empty:\r\nX-Spaces:    \r\n\r\n"),
            typical(true, "latin1-value", "GET / HTTP/1.1\r\nHost: a\r\nX-Name: caf\u00e9\r\n\r\n"),
            typical(true, "delete", "DELETE /items/7 HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n"),
            typical(true, "options-star", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n"),
            typical(true, "query-chars", "GET /s?q=a%20b&x=[1]&y={2}|~ HTTP/1.1\r\nHost: a\r\n\r\n"),
            typical(
                    false,
                    "json-response",
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                            + "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\nServer: x\r\n\r\n{}"),
            typical(
                    false,
                    "chunked-response",
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "5\r\nhello\r\n0\r\nX-Checksum: 1\r\n\r\n"),
            typical(false, "redirect", "HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Length: 0\r\n\r\n"),
            typical(false, "not-modified", "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n"),
            typical(
                    false,
                    "set-cookies",
                    "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 0\r\n\r\n"),
            typical(false, "http10-response", "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close"));

    private static Corpus.Case typical(boolean request, String name, String data) {
        return new Corpus.Case(name, request, "ok", -1, null, "typical", data.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The name of each case where the two parsers differ, with both outcomes. */
    static Map<String, String> differences(List<Corpus.Case> cases) {
        Map<String, String> diffs = new TreeMap<>();
        for (Corpus.Case c : cases) {
            Outcome ours = Outcome.ours(c.data(), c.request());
            // After an upgrade the bytes are another protocol: Jetty reads only up to there.
            byte[] http = Arrays.copyOf(c.data(), ours.consumed());
            Outcome jetty = JettyOracle.parse(http, c.request(), null);
            boolean same = ours.accepted() == jetty.accepted()
                    && (!ours.accepted() || ours.messages().equals(jetty.messages()));
            if (!same) {
                diffs.put(
                        c.name(),
                        "ours: " + ours.summary() + (ours.error() == null ? "" : " (" + ours.error() + ")")
                                + "\n    jetty: " + jetty.summary()
                                + (jetty.error() == null ? "" : " (" + jetty.error() + ")"));
            }
        }
        return diffs;
    }

    static List<String> listed() throws IOException {
        try (InputStream in =
                JettyDifferentialTest.class.getResourceAsStream("/io/asyncio4j/http/jetty-differences.txt")) {
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#") && !line.startsWith(" ")) {
                    names.add(line.substring(0, line.indexOf(':')).strip());
                }
            }
            return names;
        }
    }

    @Test
    void typicalMessagesParseAlike() {
        assertThat(differences(TYPICAL)).isEmpty();
    }

    @Test
    void everyDifferenceOnTheCorpusIsListedWithItsReason() throws IOException {
        Map<String, String> diffs = differences(Corpus.load());
        StringBuilder report = new StringBuilder();
        diffs.forEach(
                (name, d) -> report.append(name).append("\n    ").append(d).append('\n'));
        assertThat(diffs.keySet())
                .as("differences from Jetty:\n%s", report)
                .containsExactlyInAnyOrderElementsOf(listed());
    }
}
