package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The access log: one line per request through {@code System.Logger}
 * {@code "io.asyncio4j.http.web.access"} at INFO, in aiohttp's {@code access_log_format} (itself
 * Apache's), compiled once into parts.
 */
final class AccessLog {
    /** aiohttp's default format. */
    static final String DEFAULT_FORMAT = "%a %t \"%r\" %s %b \"%{Referer}i\" \"%{User-Agent}i\"";

    static final System.Logger LOG = System.getLogger("io.asyncio4j.http.web.access");

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'", Locale.US);

    /** One directive or literal; appends its text for a request. */
    @FunctionalInterface
    private interface Part {
        void append(StringBuilder out, Entry e);
    }

    /** What a line is made of. */
    record Entry(Request request, StreamResponse response, int status, long bodyBytes, long nanos, String remote) {}

    private final List<Part> parts;

    private AccessLog(List<Part> parts) {
        this.parts = parts;
    }

    /**
     * Compiles {@code format}.
     *
     * @throws IllegalArgumentException on an unknown directive, naming it
     */
    static AccessLog compile(String format) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 >= format.length()) {
                throw new IllegalArgumentException("access log format ends with a lone '%': " + format);
            }
            char d = format.charAt(i + 1);
            if (d == '%') {
                literal.append('%');
                i += 2;
                continue;
            }
            if (!literal.isEmpty()) {
                String text = literal.toString();
                parts.add((out, e) -> out.append(text));
                literal.setLength(0);
            }
            if (d == '{') {
                int close = format.indexOf('}', i);
                if (close < 0 || close + 1 >= format.length()) {
                    throw new IllegalArgumentException("unclosed %{...} in access log format: " + format);
                }
                String name = format.substring(i + 2, close);
                char kind = format.charAt(close + 1);
                switch (kind) {
                    case 'i' ->
                        parts.add((out, e) ->
                                out.append(orDash(e.request().headers().get(name))));
                    case 'o' ->
                        parts.add((out, e) -> {
                            Headers h =
                                    e.response() == null ? null : e.response().headersOrNull();
                            out.append(orDash(h == null ? null : h.get(name)));
                        });
                    default ->
                        throw new IllegalArgumentException(
                                "unknown access log directive %{" + name + "}" + kind + " (known: %{Name}i, %{Name}o)");
                }
                i = close + 2;
                continue;
            }
            switch (d) {
                case 'a' -> parts.add((out, e) -> out.append(orDash(e.remote())));
                case 't' -> parts.add((out, e) -> out.append(TIME.format(ZonedDateTime.now(ZoneId.systemDefault()))));
                case 'r' ->
                    parts.add((out, e) -> out.append(e.request().method())
                            .append(' ')
                            .append(e.request().pathQs())
                            .append(' ')
                            .append(e.request().version().text()));
                case 's' -> parts.add((out, e) -> out.append(e.status()));
                case 'b' -> parts.add((out, e) -> out.append(e.bodyBytes()));
                case 'D' -> parts.add((out, e) -> out.append(e.nanos() / 1000));
                case 'P' ->
                    parts.add((out, e) -> out.append("<")
                            .append(ProcessHandle.current().pid())
                            .append(">"));
                case 'T' -> {
                    if (i + 2 < format.length() && format.charAt(i + 2) == 'f') {
                        parts.add((out, e) -> out.append(String.format(Locale.ROOT, "%.6f", e.nanos() / 1e9)));
                        i++;
                    } else {
                        parts.add((out, e) -> out.append(Math.round(e.nanos() / 1e9)));
                    }
                }
                default ->
                    throw new IllegalArgumentException("unknown access log directive %" + d + " in \"" + format
                            + "\" (known: %a %t %r %s %b %T %Tf %D %P %{Name}i %{Name}o %%)");
            }
            i += 2;
        }
        if (!literal.isEmpty()) {
            String text = literal.toString();
            parts.add((out, e) -> out.append(text));
        }
        return new AccessLog(List.copyOf(parts));
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    /** Whether a line would be written (the logger's level lets INFO through). */
    static boolean enabled() {
        return LOG.isLoggable(System.Logger.Level.INFO);
    }

    void log(Entry e) {
        StringBuilder out = new StringBuilder(128);
        for (Part p : parts) {
            p.append(out, e);
        }
        LOG.log(System.Logger.Level.INFO, out.toString());
    }
}
