package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpParseException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link MultipartParser} over an input fed in pieces of a given size and writes what it saw
 * as lines, a transcript that must not depend on the piece size (a part's data is joined, since its
 * slicing does). It also checks that the parser never keeps more bytes in the buffer than a part
 * head or a delimiter needs: a part's data must pass through a buffer of fixed size.
 */
final class MultipartTranscript {
    private MultipartTranscript() {}

    /** The most bytes a parser may leave unconsumed besides a part head: a delimiter, "--" and padding. */
    static int retainedBound(String boundary) {
        return boundary.length() + 4 + 2 + 256 + 2;
    }

    static List<String> of(MultipartParser parser, String boundary, int maxHeadSize, byte[] input, int piece) {
        List<String> out = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(piece + maxHeadSize + retainedBound(boundary))
                .flip();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int fed = 0;
        int steps = 0;
        try {
            while (true) {
                if (++steps > 10 * input.length + 1000) {
                    throw new AssertionError("the parser does not progress: " + out);
                }
                MultipartParser.Event e = parser.next(buf);
                switch (e) {
                    case NEED_DATA -> {
                        if (buf.remaining() > maxHeadSize + retainedBound(boundary)) {
                            throw new AssertionError("the parser needs more data but keeps " + buf.remaining()
                                    + " bytes: " + Transcript.escape(remaining(buf)));
                        }
                        if (fed == input.length) {
                            parser.feedEof();
                            continue;
                        }
                        int n = Math.min(piece, input.length - fed);
                        buf.compact().put(input, fed, n).flip();
                        fed += n;
                    }
                    case PART -> out.add("PART " + describe(parser.headers()));
                    case DATA -> {
                        ByteBuffer b = parser.data();
                        if (!b.hasRemaining()) {
                            throw new AssertionError("an empty DATA event");
                        }
                        byte[] bytes = new byte[b.remaining()];
                        b.get(bytes);
                        data.writeBytes(bytes);
                    }
                    case PART_END -> {
                        out.add("DATA " + Transcript.escape(data.toByteArray()));
                        data.reset();
                        out.add("PART_END");
                    }
                    case END -> {
                        out.add("END");
                        return out;
                    }
                }
            }
        } catch (HttpParseException ex) {
            if (data.size() > 0) {
                out.add("DATA " + Transcript.escape(data.toByteArray()));
            }
            out.add("ERROR " + ex.getMessage());
            return out;
        }
    }

    private static byte[] remaining(ByteBuffer b) {
        byte[] r = new byte[b.remaining()];
        b.duplicate().get(r);
        return r;
    }

    static String describe(Headers h) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < h.size(); i++) {
            if (i > 0) {
                s.append(" | ");
            }
            s.append(h.name(i)).append(": ").append(h.value(i));
        }
        return s.toString();
    }
}
