package io.asyncio4j.http.internal;

import java.io.IOException;

/**
 * A message body to send, whatever holds it: bytes, a file, a stream, a multipart body (aiohttp's
 * {@code Payload}). Each sending is a {@link Sending} of its own, from {@link #prepare()}: written
 * with {@link Sending#writeTo}, then {@link Sending#release() released} in a {@code finally}.
 * Sendings of one payload never share state, so a redirect's sending may start while the one it
 * replaces is still being cancelled.
 *
 * <p>A <em>replayable</em> payload can be sent again (a redirect that keeps the body, a retry):
 * bytes and files are. A stream is consumed by its first sending: preparing it again fails with
 * {@link IllegalStateException}, so it is never sent twice nor sent empty by mistake.
 *
 * <p>Loop thread only: a payload is sent by the tasks of its request.
 */
public abstract class Payload {
    private boolean started;

    /** One sending of a payload. */
    public interface Sending {
        /** The length in bytes, or -1 when only the end of writing tells. */
        long length();

        /**
         * Writes the body to {@code out}, which frames it. An error of the sink itself (the
         * connection broke) leaves as the sink threw it; anything else is the source's own failure.
         */
        void writeTo(BodySink out) throws IOException;

        /** Ends the sending, written or not; never suspends (it runs in {@code finally} blocks). */
        default void release() {}
    }

    /** Whether the payload can be sent more than once. */
    public abstract boolean replayable();

    /**
     * Starts a sending. It may suspend (a file is opened off the loop).
     *
     * @throws IllegalStateException if the payload is not replayable and was prepared before
     */
    public final Sending prepare() throws IOException {
        if (started && !replayable()) {
            throw new IllegalStateException(
                    describe() + " was sent once already and cannot be sent again: it is read as it is sent");
        }
        started = true;
        return open();
    }

    /** Opens one sending. */
    protected abstract Sending open() throws IOException;

    /** The media type this payload is sent as when nothing else is said, or null. */
    public String contentType() {
        return null;
    }

    /** What this payload is, for error messages: "a StreamReader", "the file /tmp/x". */
    public abstract String describe();

    @Override
    public String toString() {
        return "Payload[" + describe() + (replayable() ? "" : ", sent once") + "]";
    }
}
