package io.asyncio4j.http;

/**
 * The sizes an HTTP/1.1 parser accepts; a message beyond one fails with {@link
 * HttpParseException}. {@link #defaults()} follows aiohttp where it has a limit (8190-byte lines
 * and fields) and adds what a strict parser needs (a bound on the whole head and on chunk
 * extensions). Change one limit with its {@code with} method:
 *
 * {@snippet :
 * HttpLimits limits = HttpLimits.defaults().withMaxHeaders(50).withMaxBodySize(10 << 20);
 * }
 *
 * @param maxLineSize the longest request line or status line, in bytes without the line end
 *     (longer: 414 for a request, 400 for a status line)
 * @param maxFieldSize the longest header or trailer field line, name and value, in bytes (431)
 * @param maxHeaders the most header fields in a head, and separately trailer fields (431)
 * @param maxHeadSize the most bytes of a whole head, start line and fields with their line ends,
 *     and separately of a trailer section (431)
 * @param maxChunkExtensionsSize the most bytes of chunk extensions ({@code ;name=value} after a
 *     chunk size) in one message, which no one reads but each costs parsing (400)
 * @param maxBodySize the longest body, declared or streamed (413); the parser streams bodies, so
 *     this bounds what a message may carry, not memory
 * @param maxBufferedBodySize the longest body that a reader which buffers a whole body (a server's
 *     {@code request.read()}, aiohttp's {@code client_max_size}) accepts; the parser itself streams
 *     and does not apply it
 */
public record HttpLimits(
        int maxLineSize,
        int maxFieldSize,
        int maxHeaders,
        int maxHeadSize,
        int maxChunkExtensionsSize,
        long maxBodySize,
        long maxBufferedBodySize) {

    private static final HttpLimits DEFAULTS =
            new HttpLimits(8190, 8190, 100, 64 * 1024, 16 * 1024, Long.MAX_VALUE, 1024 * 1024);

    /**
     * Checks that every limit is positive.
     *
     * @throws IllegalArgumentException naming the first limit that is zero or negative
     */
    public HttpLimits {
        positive("maxLineSize", maxLineSize);
        positive("maxFieldSize", maxFieldSize);
        positive("maxHeaders", maxHeaders);
        positive("maxHeadSize", maxHeadSize);
        positive("maxChunkExtensionsSize", maxChunkExtensionsSize);
        positive("maxBodySize", maxBodySize);
        positive("maxBufferedBodySize", maxBufferedBodySize);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /**
     * The defaults: lines and fields 8190 bytes, 100 fields, heads 64 KiB, chunk extensions 16 KiB
     * a message, bodies unlimited when streamed and 1 MiB when buffered.
     */
    public static HttpLimits defaults() {
        return DEFAULTS;
    }

    /** These limits with another {@link #maxLineSize()}. */
    public HttpLimits withMaxLineSize(int value) {
        return new HttpLimits(
                value, maxFieldSize, maxHeaders, maxHeadSize, maxChunkExtensionsSize, maxBodySize, maxBufferedBodySize);
    }

    /** These limits with another {@link #maxFieldSize()}. */
    public HttpLimits withMaxFieldSize(int value) {
        return new HttpLimits(
                maxLineSize, value, maxHeaders, maxHeadSize, maxChunkExtensionsSize, maxBodySize, maxBufferedBodySize);
    }

    /** These limits with another {@link #maxHeaders()}. */
    public HttpLimits withMaxHeaders(int value) {
        return new HttpLimits(
                maxLineSize,
                maxFieldSize,
                value,
                maxHeadSize,
                maxChunkExtensionsSize,
                maxBodySize,
                maxBufferedBodySize);
    }

    /** These limits with another {@link #maxHeadSize()}. */
    public HttpLimits withMaxHeadSize(int value) {
        return new HttpLimits(
                maxLineSize, maxFieldSize, maxHeaders, value, maxChunkExtensionsSize, maxBodySize, maxBufferedBodySize);
    }

    /** These limits with another {@link #maxChunkExtensionsSize()}. */
    public HttpLimits withMaxChunkExtensionsSize(int value) {
        return new HttpLimits(
                maxLineSize, maxFieldSize, maxHeaders, maxHeadSize, value, maxBodySize, maxBufferedBodySize);
    }

    /** These limits with another {@link #maxBodySize()}. */
    public HttpLimits withMaxBodySize(long value) {
        return new HttpLimits(
                maxLineSize, maxFieldSize, maxHeaders, maxHeadSize, maxChunkExtensionsSize, value, maxBufferedBodySize);
    }

    /** These limits with another {@link #maxBufferedBodySize()}. */
    public HttpLimits withMaxBufferedBodySize(long value) {
        return new HttpLimits(
                maxLineSize, maxFieldSize, maxHeaders, maxHeadSize, maxChunkExtensionsSize, maxBodySize, value);
    }
}
