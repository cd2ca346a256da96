package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What to answer to a GET or HEAD of a file, decided without touching the file or the connection:
 * the status, the headers and the body as a list of byte strings and file ranges, which a response
 * writes with {@code write} and zero-copy {@code sendfile}. It applies, in order, the preconditions
 * ({@link Preconditions}: 304, 412), then {@code Range} ({@link ByteRanges}, with {@code If-Range}:
 * 206, one range or {@code multipart/byteranges}, or 416), else the whole file (200). Validators
 * follow aiohttp: {@code ETag} from the modification time and size, {@code Last-Modified} from the
 * time.
 *
 * @param status the status
 * @param headers the response headers (validators, type, length, range)
 * @param body what the body holds, in order; empty for HEAD and for 304, 412 and 416
 */
public record FilePlan(int status, Headers headers, List<Segment> body) {
    /** A piece of the body. */
    public sealed interface Segment {}

    /**
     * Bytes written as they are (the heads of a {@code multipart/byteranges} body).
     *
     * @param data the bytes
     */
    public record Bytes(byte[] data) implements Segment {}

    /**
     * A range of the file.
     *
     * @param offset where it starts
     * @param length how many bytes
     */
    public record FileRange(long offset, long length) implements Segment {}

    /**
     * What the plan needs to know of the file.
     *
     * @param size its length in bytes
     * @param mtimeNanos its modification time, nanoseconds since the epoch
     * @param contentType the type of what it holds (of the original, for a precompressed sibling)
     * @param contentEncoding {@code gzip} or {@code br} for a precompressed sibling, else null
     * @param varies whether the answer depends on {@code Accept-Encoding} (a sibling exists)
     */
    public record FileFacts(long size, long mtimeNanos, String contentType, String contentEncoding, boolean varies) {
        /** Checks the fields. */
        public FileFacts {
            Objects.requireNonNull(contentType, "contentType");
            if (size < 0) {
                throw new IllegalArgumentException("size " + size);
            }
        }

        /** The strong ETag, aiohttp's form. */
        public EntityTag etag() {
            return EntityTag.ofFile(mtimeNanos, size);
        }

        /** The modification time. */
        public Instant lastModified() {
            return Instant.ofEpochSecond(
                    Math.floorDiv(mtimeNanos, 1_000_000_000L), Math.floorMod(mtimeNanos, 1_000_000_000L));
        }
    }

    /** The number of bytes the body holds. */
    public long contentLength() {
        long n = 0;
        for (Segment s : body) {
            n += switch (s) {
                case Bytes b -> b.data().length;
                case FileRange r -> r.length();
            };
        }
        return n;
    }

    /**
     * The plan for a {@code method} (GET or HEAD) request with {@code request} headers, for a file
     * described by {@code file}; {@code boundary} gives a fresh boundary when several ranges are sent.
     */
    public static FilePlan plan(
            String method, Headers request, FileFacts file, Instant now, Supplier<String> boundary) {
        EntityTag etag = file.etag();
        Instant lastModified = file.lastModified();
        Headers h = new Headers();
        h.add("ETag", etag.header());
        h.add("Last-Modified", HttpDates.format(lastModified));
        if (file.varies()) {
            h.add("Vary", "Accept-Encoding");
        }
        switch (Preconditions.evaluate(method, request, etag, lastModified, now)) {
            case NOT_MODIFIED -> {
                return new FilePlan(304, h, List.of());
            }
            case PRECONDITION_FAILED -> {
                Headers failed = new Headers().add("Content-Length", "0");
                return new FilePlan(412, failed, List.of());
            }
            case PROCEED -> {
                // answered below
            }
        }
        h.add("Accept-Ranges", "bytes");
        if (file.contentEncoding() != null) {
            h.add("Content-Encoding", file.contentEncoding());
        }
        boolean head = method.equals("HEAD");
        if (!head && request.contains("Range") && Preconditions.rangeApplies(request, etag, lastModified, now)) {
            ByteRanges.Result ranges = ByteRanges.parse(request.get("Range"), file.size());
            if (ranges instanceof ByteRanges.Unsatisfiable) {
                h.add("Content-Range", "bytes */" + file.size());
                h.add("Content-Length", "0");
                return new FilePlan(416, h, List.of());
            }
            if (ranges instanceof ByteRanges.Partial partial) {
                return partial(h, partial.ranges(), file, boundary);
            }
        }
        h.add("Content-Type", file.contentType());
        h.add("Content-Length", Long.toString(file.size()));
        List<Segment> body = head || file.size() == 0 ? List.of() : List.of(new FileRange(0, file.size()));
        return new FilePlan(200, h, body);
    }

    private static FilePlan partial(
            Headers h, List<ByteRanges.Range> ranges, FileFacts file, Supplier<String> boundary) {
        if (ranges.size() == 1) {
            ByteRanges.Range r = ranges.get(0);
            h.add("Content-Type", file.contentType());
            h.add("Content-Range", r.contentRange(file.size()));
            h.add("Content-Length", Long.toString(r.length()));
            return new FilePlan(206, h, List.of(new FileRange(r.first(), r.length())));
        }
        // RFC 9110 section 14.6: each part has its own Content-Type and Content-Range.
        String b = boundary.get();
        List<Segment> body = new ArrayList<>(2 * ranges.size() + 1);
        String before = "";
        for (ByteRanges.Range r : ranges) {
            String head = before + "--" + b + "\r\nContent-Type: " + file.contentType() + "\r\nContent-Range: "
                    + r.contentRange(file.size()) + "\r\n\r\n";
            body.add(new Bytes(head.getBytes(StandardCharsets.ISO_8859_1)));
            body.add(new FileRange(r.first(), r.length()));
            before = "\r\n";
        }
        body.add(new Bytes(("\r\n--" + b + "--\r\n").getBytes(StandardCharsets.ISO_8859_1)));
        h.add("Content-Type", "multipart/byteranges; boundary=" + b);
        FilePlan plan = new FilePlan(206, h, List.copyOf(body));
        h.add("Content-Length", Long.toString(plan.contentLength()));
        return plan;
    }
}
