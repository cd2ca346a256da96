package io.asyncio4j.http.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;

/**
 * Jetty's {@code HttpParser} (RFC 9110 compliance, Jetty's server default) run over the same input,
 * its callbacks turned into an {@link Outcome}. Limits match ours: a 64 KiB head.
 */
final class JettyOracle {
    private JettyOracle() {}

    static Outcome parse(byte[] input, boolean requests, String requestMethod) {
        Collector c = new Collector();
        HttpParser parser = requests
                ? new HttpParser((HttpParser.RequestHandler) c, 64 * 1024, HttpCompliance.RFC9110)
                : new HttpParser((HttpParser.ResponseHandler) c, 64 * 1024, HttpCompliance.RFC9110);
        if ("HEAD".equals(requestMethod)) {
            parser.setHeadResponse(true);
        }
        ByteBuffer buf = ByteBuffer.wrap(input);
        try {
            int guard = 0;
            while (buf.hasRemaining() && c.error == 0 && !parser.isClose() && guard++ < 10_000) {
                if (parser.parseNext(buf)) {
                    if (parser.isComplete()) {
                        parser.reset();
                    }
                } else if (!buf.hasRemaining()) {
                    break;
                }
                if (c.messageDone && parser.isComplete()) {
                    parser.reset();
                }
                c.messageDone = false;
            }
            if (c.error == 0 && !c.earlyEof) {
                // Jetty reports an EOF between two messages as earlyEOF too; its server ignores it there.
                // (A bad chunk, after the head was delivered, is reported as earlyEOF as well.)
                boolean betweenMessages = parser.getState() == HttpParser.State.START || parser.isClose();
                parser.atEOF();
                parser.parseNext(ByteBuffer.allocate(0));
                if (betweenMessages) {
                    c.earlyEof = false;
                }
            }
        } catch (RuntimeException e) {
            HttpException he = HttpException.asHttpException(e);
            c.error = he.getCode();
            c.reason = he.getReason();
        }
        if (c.error == 0 && c.earlyEof) {
            c.error = 400;
            c.reason = "early EOF";
        }
        return new Outcome(c.messages, c.error, c.reason, input.length);
    }

    private static final class Collector implements HttpParser.RequestHandler, HttpParser.ResponseHandler {
        final List<String> messages = new ArrayList<>();
        final List<String[]> fields = new ArrayList<>();
        final List<String[]> trailers = new ArrayList<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        String start;
        int error;
        String reason;
        boolean earlyEof;
        boolean messageDone;

        @Override
        public void startRequest(String method, String uri, HttpVersion version) {
            start = method + " " + uri + " " + version;
            fields.clear();
            trailers.clear();
            body.reset();
        }

        @Override
        public void startResponse(HttpVersion version, int status, String reason) {
            start = version + " " + status + " " + (reason == null ? "" : reason);
            fields.clear();
            trailers.clear();
            body.reset();
        }

        @Override
        public void parsedHeader(HttpField field) {
            fields.add(new String[] {field.getName(), field.getValue() == null ? "" : field.getValue()});
        }

        @Override
        public void parsedTrailer(HttpField field) {
            trailers.add(new String[] {field.getName(), field.getValue() == null ? "" : field.getValue()});
        }

        @Override
        public boolean headerComplete() {
            return false;
        }

        @Override
        public boolean content(ByteBuffer item) {
            byte[] b = new byte[item.remaining()];
            item.get(b);
            body.writeBytes(b);
            return false;
        }

        @Override
        public boolean contentComplete() {
            return false;
        }

        @Override
        public boolean messageComplete() {
            messages.add(start + Outcome.fields(fields) + " body=" + Transcript.escape(body.toByteArray())
                    + (trailers.isEmpty() ? "" : " trailers" + Outcome.fields(trailers)));
            messageDone = true;
            return true;
        }

        @Override
        public void earlyEOF() {
            earlyEof = true;
        }

        @Override
        public void badMessage(HttpException failure) {
            error = failure.getCode();
            reason = failure.getReason();
        }
    }
}
