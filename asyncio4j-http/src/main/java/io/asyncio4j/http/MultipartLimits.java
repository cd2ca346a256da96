package io.asyncio4j.http;

/**
 * The sizes a {@link MultipartReader} and {@link Form#read} accept; beyond one they fail with
 * {@link HttpParseException} (413), naming the limit. Change one with its {@code with} method:
 *
 * {@snippet :
 * MultipartLimits limits = MultipartLimits.defaults().withMaxParts(20).withMaxFileSize(100L << 20);
 * }
 *
 * @param maxParts the most parts in a body, nested parts included
 * @param maxHeadSize the most bytes of one part's head, lines and line ends
 * @param maxFieldSize the most bytes that {@link BodyPartReader#read()} or {@link
 *     BodyPartReader#text()} gather from one part, and so the largest text field of a {@link Form}
 * @param maxFormMemory the most bytes of text fields a {@link Form} keeps in memory in all, and the
 *     longest urlencoded body it reads (aiohttp's {@code client_max_size})
 * @param maxFileSize the longest file part that {@link Form#read} writes to a temporary file
 * @param maxNesting how deep {@code multipart/mixed} parts may nest inside a body (1: a form's
 *     field may hold one level of parts, as RFC 2388's multiple files did)
 */
public record MultipartLimits(
        int maxParts, int maxHeadSize, long maxFieldSize, long maxFormMemory, long maxFileSize, int maxNesting) {

    private static final MultipartLimits DEFAULTS =
            new MultipartLimits(1000, 8192, 1024 * 1024, 2 * 1024 * 1024, Long.MAX_VALUE, 1);

    /**
     * Checks the limits: each positive, {@code maxNesting} zero or more.
     *
     * @throws IllegalArgumentException naming the first limit out of range
     */
    public MultipartLimits {
        positive("maxParts", maxParts);
        positive("maxHeadSize", maxHeadSize);
        positive("maxFieldSize", maxFieldSize);
        positive("maxFormMemory", maxFormMemory);
        positive("maxFileSize", maxFileSize);
        if (maxNesting < 0) {
            throw new IllegalArgumentException("maxNesting must be zero or more, got " + maxNesting);
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /**
     * The defaults: 1000 parts, 8 KiB heads, 1 MiB a text field, 2 MiB of text fields in all, files
     * unlimited (the server's body limit applies), one level of nesting.
     */
    public static MultipartLimits defaults() {
        return DEFAULTS;
    }

    /** These limits with another {@link #maxParts()}. */
    public MultipartLimits withMaxParts(int value) {
        return new MultipartLimits(value, maxHeadSize, maxFieldSize, maxFormMemory, maxFileSize, maxNesting);
    }

    /** These limits with another {@link #maxHeadSize()}. */
    public MultipartLimits withMaxHeadSize(int value) {
        return new MultipartLimits(maxParts, value, maxFieldSize, maxFormMemory, maxFileSize, maxNesting);
    }

    /** These limits with another {@link #maxFieldSize()}. */
    public MultipartLimits withMaxFieldSize(long value) {
        return new MultipartLimits(maxParts, maxHeadSize, value, maxFormMemory, maxFileSize, maxNesting);
    }

    /** These limits with another {@link #maxFormMemory()}. */
    public MultipartLimits withMaxFormMemory(long value) {
        return new MultipartLimits(maxParts, maxHeadSize, maxFieldSize, value, maxFileSize, maxNesting);
    }

    /** These limits with another {@link #maxFileSize()}. */
    public MultipartLimits withMaxFileSize(long value) {
        return new MultipartLimits(maxParts, maxHeadSize, maxFieldSize, maxFormMemory, value, maxNesting);
    }

    /** These limits with another {@link #maxNesting()}. */
    public MultipartLimits withMaxNesting(int value) {
        return new MultipartLimits(maxParts, maxHeadSize, maxFieldSize, maxFormMemory, maxFileSize, value);
    }
}
