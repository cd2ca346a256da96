package io.asyncio4j.http.client;

import java.io.OutputStream;

/**
 * Writes a request body as it is produced, for {@link RequestOptions#data(BodyWriter)}: aiohttp's
 * async generator given as {@code data=}. It runs in the request's task once the head is sent, and
 * writes to an {@link OutputStream} that sends the body chunked: a write parks the task while the
 * connection cannot take more (back-pressure), {@code flush()} sends what is buffered at once.
 *
 * {@snippet :
 * session.post(url, data(out -> {
 *     for (Row row : rows) {
 *         out.write(row.toCsv().getBytes(StandardCharsets.UTF_8));
 *     }
 * })).close();
 * }
 *
 * <p>A body written this way is sent once: a redirect that would send it again (307, 308) fails with
 * {@link ClientPayloadError}, and neither retries nor the stale-connection retry repeat it. A broken
 * connection makes the stream's writes throw {@link java.io.UncheckedIOException}.
 */
@FunctionalInterface
public interface BodyWriter {
    /**
     * Writes the body to {@code out}; returning ends it (closing {@code out} is not needed). An
     * exception fails the request with that exception, and the connection is closed.
     */
    void writeTo(OutputStream out) throws Exception;
}
