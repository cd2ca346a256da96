package io.asyncio4j.http;

import io.asyncio4j.http.internal.BodySink;
import io.asyncio4j.http.internal.BytesPayload;
import io.asyncio4j.http.internal.ChunksPayload;
import io.asyncio4j.http.internal.FilePayload;
import io.asyncio4j.http.internal.MultipartAccess;
import io.asyncio4j.http.internal.Payload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A multipart body to send (RFC 2046; {@code multipart/form-data} is RFC 7578): aiohttp's {@code
 * MultipartWriter}. Each {@code append} adds a part and returns it, to set its {@code
 * Content-Disposition} or add header fields:
 *
 * {@snippet :
 * MultipartWriter mp = new MultipartWriter("form-data");
 * mp.append("ann").setContentDisposition("form-data", "name", "user");
 * mp.append(Path.of("photo.jpg")).setContentDisposition("form-data", "name", "photo", "filename", "photo.jpg");
 * session.post(url, data(mp)).close(); // Content-Type: multipart/form-data; boundary=...
 * }
 *
 * <p>A part is bytes, text (UTF-8), a file (sent with {@code sendfile}, zero-copy on a plain
 * socket), a stream of pieces ({@link Iterable}), or another {@code MultipartWriter}. When every
 * part's length is known the body goes out with {@code Content-Length}, otherwise chunked. A body
 * whose parts are bytes, text and files can be sent again (a redirect, a retry); one with a stream
 * cannot. For HTML forms, {@code FormData} of the client package builds one of these.
 *
 * <p>Not thread-safe; don't change it while a request sends it.
 */
public final class MultipartWriter {
    static {
        MultipartAccess.install(new MultipartAccess() {
            @Override
            public Payload payload(MultipartWriter writer) {
                return writer.new Body(List.copyOf(writer.parts));
            }
        });
    }

    private static final String BCHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ";

    private final String subtype;
    private final String boundary;
    private final List<Part> parts = new ArrayList<>();

    /** A {@code multipart/mixed} body with a random boundary. */
    public MultipartWriter() {
        this("mixed");
    }

    /**
     * A {@code multipart/<subtype>} body ({@code "form-data"}, {@code "mixed"}, {@code
     * "related"}...) with a random boundary.
     */
    public MultipartWriter(String subtype) {
        this(subtype, randomBoundary());
    }

    /**
     * A {@code multipart/<subtype>} body delimited by {@code boundary}.
     *
     * @throws IllegalArgumentException if {@code subtype} is not a token, or {@code boundary} is not
     *     1 to 70 of RFC 2046's boundary characters (letters, digits, {@code '()+_,-./:=?} and space,
     *     not last)
     */
    public MultipartWriter(String subtype, String boundary) {
        checkToken(Objects.requireNonNull(subtype, "subtype"), "the multipart subtype");
        Objects.requireNonNull(boundary, "boundary");
        if (boundary.isEmpty() || boundary.length() > 70 || boundary.endsWith(" ")) {
            throw new IllegalArgumentException("a multipart boundary has 1 to 70 characters and does not end with a"
                    + " space (RFC 2046 section 5.1.1), got '" + boundary + "'");
        }
        for (int i = 0; i < boundary.length(); i++) {
            if (BCHARS.indexOf(boundary.charAt(i)) < 0) {
                throw new IllegalArgumentException("the multipart boundary '" + boundary + "' holds '"
                        + boundary.charAt(i) + "' at " + i + "; use letters, digits and '()+_,-./:=? only");
            }
        }
        this.subtype = subtype;
        this.boundary = boundary;
    }

    private static String randomBoundary() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("%016x%016x", r.nextLong(), r.nextLong());
    }

    /** The boundary that delimits the parts. */
    public String boundary() {
        return boundary;
    }

    /** The {@code Content-Type} of the body: {@code multipart/form-data; boundary=...}. */
    public String contentType() {
        boolean token = true;
        for (int i = 0; i < boundary.length() && token; i++) {
            token = "'()+_-.".indexOf(boundary.charAt(i)) >= 0 || Character.isLetterOrDigit(boundary.charAt(i));
        }
        return "multipart/" + subtype + "; boundary=" + (token ? boundary : "\"" + boundary + "\"");
    }

    /** The parts, in order. */
    public List<Part> parts() {
        return List.copyOf(parts);
    }

    /** Adds bytes as a part ({@code application/octet-stream}). */
    public Part append(byte[] body) {
        return append(body, null);
    }

    /** Adds bytes (copied) as a part with {@code headers} (null: none; without {@code Content-Type}: {@code application/octet-stream}). */
    public Part append(byte[] body, Headers headers) {
        return add(new BytesPayload(body.clone(), "application/octet-stream"), headers);
    }

    /** Adds text in UTF-8 as a part ({@code text/plain; charset=utf-8}). */
    public Part append(String text) {
        return append(text, null);
    }

    /** Adds text in UTF-8 as a part with {@code headers} (null: none; without {@code Content-Type}: {@code text/plain; charset=utf-8}). */
    public Part append(String text, Headers headers) {
        return add(new BytesPayload(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8"), headers);
    }

    /**
     * Adds a file as a part, read when the body is sent (its {@code Content-Type} guessed from the
     * file name's extension, else {@code application/octet-stream}).
     */
    public Part append(Path file) {
        return append(file, null);
    }

    /** Adds a file as a part with {@code headers} (null: none); see {@link #append(Path)}. */
    public Part append(Path file, Headers headers) {
        return add(new FilePayload(Objects.requireNonNull(file, "file"), null), headers);
    }

    /**
     * Adds the pieces of {@code chunks} as one part of unknown length ({@code
     * application/octet-stream} unless {@code headers} say otherwise): the body is then sent
     * chunked, and once only.
     */
    public Part append(Iterable<byte[]> chunks, Headers headers) {
        return add(new ChunksPayload(Objects.requireNonNull(chunks, "chunks")), headers);
    }

    /** Adds a nested multipart body as a part, with {@code headers} (null: none). */
    public Part append(MultipartWriter nested, Headers headers) {
        if (nested == this) {
            throw new IllegalArgumentException("a MultipartWriter cannot be a part of itself");
        }
        return add(new Nested(nested), headers);
    }

    private Part add(Payload payload, Headers headers) {
        Part p = new Part(payload, headers == null ? new Headers() : headers.copy());
        parts.add(p);
        return p;
    }

    @Override
    public String toString() {
        return "MultipartWriter[" + contentType() + ", " + parts.size() + " parts]";
    }

    /**
     * One part of a {@link MultipartWriter}: its header fields and its body (aiohttp's {@code
     * Payload} as {@code append} returns it).
     */
    public static final class Part {
        private final Payload payload;
        private final Headers headers;
        private String disposition;

        Part(Payload payload, Headers headers) {
            this.payload = payload;
            this.headers = headers;
        }

        /** The part's header fields, to add to (besides {@code Content-Disposition}, set with {@link #setContentDisposition}). */
        public Headers headers() {
            return headers;
        }

        /** The {@code Content-Disposition} value, or null when none was set. */
        public String contentDisposition() {
            return disposition;
        }

        /**
         * Sets {@code Content-Disposition: type; name="value"...}, as aiohttp's {@code
         * set_content_disposition}. Values are quoted strings written in UTF-8, with {@code "}, CR and
         * LF escaped as {@code %22}, {@code %0D}, {@code %0A}, as browsers send form fields (RFC 7578
         * section 4.2 allows UTF-8 there, and forbids {@code filename*}).
         *
         * @param type {@code "form-data"}, {@code "attachment"}, {@code "inline"}...
         * @param namesAndValues parameter names and values in pairs: {@code "name", "photo",
         *     "filename", "photo.jpg"}
         * @throws IllegalArgumentException if {@code type} or a name is not a token, or the count is
         *     odd
         */
        public Part setContentDisposition(String type, String... namesAndValues) {
            checkToken(Objects.requireNonNull(type, "type"), "the disposition type");
            if (namesAndValues.length % 2 != 0) {
                throw new IllegalArgumentException("setContentDisposition takes parameter names and values in pairs;"
                        + " got an odd count (" + namesAndValues.length + ")");
            }
            StringBuilder s = new StringBuilder(type);
            for (int i = 0; i < namesAndValues.length; i += 2) {
                String name = Objects.requireNonNull(namesAndValues[i], "a parameter name");
                checkToken(name, "the disposition parameter name");
                s.append("; ").append(name).append("=\"");
                escapeInto(s, Objects.requireNonNull(namesAndValues[i + 1], "the value of " + name));
                s.append('"');
            }
            disposition = s.toString();
            return this;
        }

        private static void escapeInto(StringBuilder s, String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> s.append("%22");
                    case '\r' -> s.append("%0D");
                    case '\n' -> s.append("%0A");
                    default -> s.append(c);
                }
            }
        }

        /** The head of this part as sent: disposition, fields, {@code Content-Type}, the empty line. */
        byte[] head() {
            // The disposition may hold any character and goes out in UTF-8; fields are ISO-8859-1.
            byte[] first = disposition == null
                    ? new byte[0]
                    : ("Content-Disposition: " + disposition + "\r\n").getBytes(StandardCharsets.UTF_8);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < headers.size(); i++) {
                s.append(headers.name(i)).append(": ").append(headers.value(i)).append("\r\n");
            }
            String type = payload.contentType();
            if (type != null && !headers.contains(HeaderNames.CONTENT_TYPE)) {
                s.append("Content-Type: ").append(type).append("\r\n");
            }
            s.append("\r\n");
            byte[] rest = s.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = Arrays.copyOf(first, first.length + rest.length);
            System.arraycopy(rest, 0, all, first.length, rest.length);
            return all;
        }

        @Override
        public String toString() {
            return "Part[" + (disposition != null ? disposition + ", " : "") + payload.describe() + "]";
        }
    }

    private static void checkToken(String s, String what) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                throw new IllegalArgumentException(
                        what + " '" + s + "' is not a token: '" + c + "' at " + i + " (RFC 9110 section 5.6.2)");
            }
        }
    }

    /** A nested multipart body as the payload of a part. */
    private static final class Nested extends Payload {
        private final MultipartWriter writer;

        Nested(MultipartWriter writer) {
            this.writer = writer;
        }

        @Override
        public boolean replayable() {
            return writer.new Body(writer.parts).replayable();
        }

        @Override
        protected Sending open() throws IOException {
            return MultipartAccess.get().payload(writer).prepare();
        }

        @Override
        public String contentType() {
            return writer.contentType();
        }

        @Override
        public String describe() {
            return writer.toString();
        }
    }

    /** The body: the parts as they were when the request started. */
    private final class Body extends Payload {
        private final List<Part> sent;

        Body(List<Part> sent) {
            this.sent = sent;
        }

        @Override
        public boolean replayable() {
            for (Part p : sent) {
                if (!p.payload.replayable()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        protected Sending open() throws IOException {
            byte[][] heads = new byte[sent.size()][];
            Sending[] bodies = new Sending[sent.size()];
            long total = 0;
            boolean known = true;
            try {
                for (int i = 0; i < sent.size(); i++) {
                    Part p = sent.get(i);
                    heads[i] = delimited(i == 0 ? "--" : "\r\n--", p.head());
                    bodies[i] = p.payload.prepare();
                    long n = bodies[i].length();
                    known &= n >= 0;
                    total += heads[i].length + Math.max(n, 0);
                }
            } catch (IOException | RuntimeException | Error e) {
                for (Sending b : bodies) {
                    if (b != null) {
                        b.release();
                    }
                }
                throw e;
            }
            byte[] closing =
                    ((sent.isEmpty() ? "--" : "\r\n--") + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            long length = known ? total + closing.length : -1;
            return new Sending() {
                @Override
                public long length() {
                    return length;
                }

                @Override
                public void writeTo(BodySink out) throws IOException {
                    for (int i = 0; i < heads.length; i++) {
                        out.write(heads[i]);
                        bodies[i].writeTo(out);
                    }
                    out.write(closing);
                }

                @Override
                public void release() {
                    for (Sending b : bodies) {
                        b.release();
                    }
                }
            };
        }

        private byte[] delimited(String prefix, byte[] head) {
            byte[] start = (prefix + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(start, start.length + head.length);
            System.arraycopy(head, 0, all, start.length, head.length);
            return all;
        }

        @Override
        public String contentType() {
            return MultipartWriter.this.contentType();
        }

        @Override
        public String describe() {
            return "a multipart body (" + sent.size() + " parts)";
        }
    }
}
