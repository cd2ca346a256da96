package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import io.asyncio4j.http.internal.Payload;
import io.asyncio4j.http.internal.StreamBodySink;
import java.net.URI;
import java.time.Duration;

/**
 * A request body being written by a task of its own while the request's task reads the response
 * (aiohttp's {@code write_bytes} task). Its task never fails: it returns the error that ended the
 * writing, or null, so no failure goes unretrieved.
 *
 * <p>Two kinds of failure: the connection's (the sink's {@link StreamBodySink#connectionFailure()}),
 * after which the server's answer may still be read; and the source's (a file that cannot be read,
 * a producer that threw, a body longer or shorter than its declared length), which aborts the
 * connection, so the reader wakes, and becomes the request's error as it is.
 *
 * <p>Loop thread only.
 */
final class BodyWriting {
    private final Loop loop;
    private final StreamBodySink sink;
    private Task<Throwable> task;
    /** Loop time when the writing ended, or -1 while it runs. */
    private long endedAt = -1;

    private BodyWriting(Loop loop, StreamBodySink sink) {
        this.loop = loop;
        this.sink = sink;
    }

    /** Starts writing {@code body} (released when the writing ends) on {@code c}. */
    static BodyWriting start(Connection c, Payload.Sending body, long framing, String method, URI url) {
        BodyWriting w = new BodyWriting(Asyncio.currentLoop(), new StreamBodySink(c.streams.writer(), framing));
        w.task = Asyncio.createTask("request body of " + method + " " + url, () -> w.run(c, body));
        return w;
    }

    private Throwable run(Connection c, Payload.Sending body) {
        try {
            body.writeTo(sink);
            sink.finish();
            return null;
        } catch (CancelledError e) {
            throw e;
        } catch (Throwable e) {
            if (e != sink.connectionFailure()) {
                c.abort(); // the message can never be completed; the reader wakes with an error
            }
            return e;
        } finally {
            endedAt = loop.time();
            body.release();
        }
    }

    /** Whether the body is still being sent, or its sending ended less than {@code window} ago. */
    boolean sendingSince(Duration window) {
        return endedAt < 0 || window == null || loop.time() - endedAt < window.toNanos();
    }

    /** Whether the whole body was sent. */
    boolean complete() {
        return task.isDone() && !task.isCancelled() && outcome() == null;
    }

    /**
     * Cancels a writing still going on; returns the failure of the body's source, or null (none, the
     * connection's, or cancelled).
     */
    Throwable stop() {
        if (!task.isDone()) {
            task.cancel();
            return null;
        }
        return sourceFailure();
    }

    /** The failure of the body's source, or null. */
    Throwable sourceFailure() {
        if (!task.isDone() || task.isCancelled()) {
            return null;
        }
        Throwable t = outcome();
        return t != null && t != sink.connectionFailure() ? t : null;
    }

    /** What the finished, not cancelled task returned. */
    private Throwable outcome() {
        try {
            return task.result();
        } catch (Exception e) {
            return e; // cannot happen: run() returns its failures instead of throwing them
        }
    }
}
