package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpLimits;
import io.asyncio4j.http.HttpParseException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a parser made of an input, in a form two parsers can be compared on: each message's start
 * line, fields (names in lower case, as both sides spell them differently), body and trailers; then
 * either a clean end or an error status.
 */
record Outcome(List<String> messages, int errorStatus, String error, int consumed) {

    boolean accepted() {
        return errorStatus == 0;
    }

    /** Accept or reject, and for accepted inputs the messages. */
    String summary() {
        return accepted() ? "accepted " + messages : "rejected " + errorStatus;
    }

    static String fields(List<String[]> fields) {
        StringBuilder s = new StringBuilder();
        for (String[] f : fields) {
            s.append(" | ").append(f[0].toLowerCase(Locale.ROOT)).append(": ").append(f[1]);
        }
        return s.toString();
    }

    /** Our parser's outcome; {@code consumed} is where an upgrade left the input (or its length). */
    static Outcome ours(byte[] input, boolean requests) {
        HttpParser p = requests
                ? HttpParser.forRequests(HttpLimits.defaults())
                : HttpParser.forResponses(HttpLimits.defaults());
        ByteBuffer in = ByteBuffer.wrap(input);
        p.feedEof();
        List<String> messages = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String start = null;
        try {
            while (true) {
                switch (p.next(in)) {
                    case HEAD -> {
                        MessageHead h = p.head();
                        start = (h instanceof RequestHead r
                                        ? r.method() + " " + r.target() + " " + r.version()
                                        : ((ResponseHead) h).version() + " " + ((ResponseHead) h).status() + " "
                                                + ((ResponseHead) h).reason())
                                + fields(list(h.headers()));
                        if (h instanceof ResponseHead r && r.informational()) {
                            messages.add(start + " body=");
                        }
                    }
                    case BODY -> {
                        ByteBuffer b = p.body();
                        byte[] bytes = new byte[b.remaining()];
                        b.get(bytes);
                        body.writeBytes(bytes);
                    }
                    case END -> {
                        messages.add(start + " body=" + Transcript.escape(body.toByteArray())
                                + (p.trailers().isEmpty() ? "" : " trailers" + fields(list(p.trailers()))));
                        body.reset();
                    }
                    case UPGRADE -> {
                        return new Outcome(messages, 0, null, in.position());
                    }
                    case CLOSED -> {
                        return new Outcome(messages, 0, null, input.length);
                    }
                    case NEED_DATA -> throw new AssertionError("NEED_DATA after feedEof");
                }
            }
        } catch (HttpParseException e) {
            return new Outcome(messages, e.status(), e.getMessage(), input.length);
        }
    }

    static List<String[]> list(Headers h) {
        List<String[]> out = new ArrayList<>();
        h.forEach((n, v) -> out.add(new String[] {n, v}));
        return out;
    }
}
