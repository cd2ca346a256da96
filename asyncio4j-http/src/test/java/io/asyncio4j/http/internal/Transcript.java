package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpLimits;
import io.asyncio4j.http.HttpParseException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a parser over an input fed in pieces of a given size, as a connection would (compact the
 * buffer, append, parse), and writes what it saw as lines: a transcript that must not depend on the
 * piece size. Bodies are joined per message, since their slicing does depend on it.
 */
final class Transcript {
    private Transcript() {}

    /** The transcript of parsing {@code input} in pieces of {@code piece} bytes, then the end of input. */
    static List<String> of(HttpParser parser, byte[] input, int piece) {
        return of(parser, input, piece, true);
    }

    static List<String> of(HttpParser parser, byte[] input, int piece, boolean eof) {
        List<String> out = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(input.length + 16).flip();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int fed = 0;
        int steps = 0;
        try {
            while (true) {
                if (++steps > 10 * input.length + 1000) {
                    throw new AssertionError("the parser does not progress: " + out);
                }
                HttpParser.Event e = parser.next(buf);
                switch (e) {
                    case NEED_DATA -> {
                        if (fed == input.length) {
                            if (!eof) {
                                out.add("NEED_DATA");
                                return out;
                            }
                            parser.feedEof();
                            continue;
                        }
                        int n = Math.min(piece, input.length - fed);
                        buf.compact().put(input, fed, n).flip();
                        fed += n;
                    }
                    case HEAD -> out.add(describe(parser.head()));
                    case BODY -> {
                        ByteBuffer b = parser.body();
                        byte[] bytes = new byte[b.remaining()];
                        b.get(bytes);
                        body.writeBytes(bytes);
                    }
                    case END -> {
                        if (body.size() > 0) {
                            out.add("body " + escape(body.toByteArray()));
                            body.reset();
                        }
                        if (!parser.trailers().isEmpty()) {
                            out.add("trailers " + parser.trailers());
                        }
                        out.add("END");
                    }
                    case UPGRADE -> {
                        byte[] rest = new byte[buf.remaining() + input.length - fed];
                        buf.get(rest, 0, buf.remaining());
                        System.arraycopy(input, fed, rest, rest.length - (input.length - fed), input.length - fed);
                        out.add("UPGRADE rest=" + escape(rest));
                        return out;
                    }
                    case CLOSED -> {
                        out.add("CLOSED");
                        return out;
                    }
                }
            }
        } catch (HttpParseException ex) {
            out.add("ERROR " + ex.getMessage());
            return out;
        }
    }

    static List<String> requests(String input, int piece) {
        return of(HttpParser.forRequests(HttpLimits.defaults()), bytes(input), piece);
    }

    static List<String> responses(String input, int piece) {
        return of(HttpParser.forResponses(HttpLimits.defaults()), bytes(input), piece);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String describe(MessageHead h) {
        StringBuilder s = new StringBuilder();
        if (h instanceof RequestHead r) {
            s.append("request ")
                    .append(r.method())
                    .append(' ')
                    .append(r.target())
                    .append(' ')
                    .append(r.version())
                    .append(" form=")
                    .append(r.targetForm());
            if (r.upgrade()) {
                s.append(" upgrade");
            }
            if (r.expectContinue()) {
                s.append(" expect-continue");
            }
        } else if (h instanceof ResponseHead r) {
            s.append("response ")
                    .append(r.version())
                    .append(' ')
                    .append(r.status())
                    .append(" '")
                    .append(r.reason())
                    .append('\'');
        }
        s.append(" body=").append(h.bodyKind());
        if (h.contentLength() >= 0) {
            s.append('(').append(h.contentLength()).append(')');
        }
        s.append(h.keepAlive() ? " keep-alive" : " close");
        Headers headers = h.headers();
        for (int i = 0; i < headers.size(); i++) {
            s.append("\n  ").append(headers.name(i)).append(": ").append(headers.value(i));
        }
        return s.toString();
    }

    static String escape(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '\r') {
                s.append("\\r");
            } else if (c == '\n') {
                s.append("\\n");
            } else if (c == '\\') {
                s.append("\\\\");
            } else if (c < 0x20 || c >= 0x7f) {
                s.append(String.format("\\x%02x", c));
            } else {
                s.append((char) c);
            }
        }
        return s.toString();
    }
}
