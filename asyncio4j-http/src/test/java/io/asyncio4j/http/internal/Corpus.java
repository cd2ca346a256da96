package io.asyncio4j.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The checked-in smuggling corpus ({@code smuggling-corpus.txt}; its header says the format). Public:
 * the client's tests replay its responses.
 */
public final class Corpus {
    private Corpus() {}

    /** One case: an input and the outcome a strict parser must reach. */
    public record Case(
            String name, boolean request, String expect, int messages, byte[] body, String why, byte[] data) {
        /** The expected status, or 0 for "ok". */
        public int expectedStatus() {
            return expect.equals("ok") ? 0 : Integer.parseInt(expect);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static List<Case> load() {
        String text;
        try (InputStream in = Corpus.class.getResourceAsStream("/io/asyncio4j/http/smuggling-corpus.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Case> cases = new ArrayList<>();
        String name = null;
        String kind = null;
        String expect = null;
        int messages = -1;
        byte[] body = null;
        String why = null;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (String line : (text + "\n=== end").split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (line.startsWith("=== ")) {
                if (name != null) {
                    if (kind == null || expect == null || why == null || data.size() == 0) {
                        throw new IllegalStateException("corpus case " + name + " lacks kind, expect, why or data");
                    }
                    cases.add(new Case(name, kind.equals("request"), expect, messages, body, why, data.toByteArray()));
                }
                name = line.substring(4).strip();
                kind = null;
                expect = null;
                messages = -1;
                body = null;
                why = null;
                data.reset();
                continue;
            }
            int colon = line.indexOf(": ");
            if (colon < 0) {
                throw new IllegalStateException("corpus line without 'key: value' in " + name + ": " + line);
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 2);
            switch (key) {
                case "kind" -> kind = value;
                case "expect" -> expect = value;
                case "messages" -> messages = Integer.parseInt(value);
                case "body" -> body = unescape(value);
                case "why" -> why = value;
                case "data" -> data.writeBytes(unescape(value));
                default -> throw new IllegalStateException("unknown corpus key " + key + " in " + name);
            }
        }
        return cases;
    }

    static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalStateException("unknown escape \\" + e + " in " + s);
            }
        }
        return out.toByteArray();
    }
}
