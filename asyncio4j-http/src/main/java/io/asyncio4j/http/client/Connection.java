package io.asyncio4j.http.client;

import io.asyncio4j.http.HttpLimits;
import io.asyncio4j.http.internal.HeadWriter;
import io.asyncio4j.http.internal.HttpParser;
import io.asyncio4j.http.internal.MessageReader;
import io.asyncio4j.net.StreamPair;

/**
 * One keep-alive connection of the pool: its streams, its response parser and its head writer. It
 * carries one request at a time; between requests it sits idle in the {@link Connector}. Loop
 * thread only.
 */
final class Connection {
    final Route route;
    final StreamPair streams;
    final MessageReader in;
    final HeadWriter head = new HeadWriter();
    /** Whether it carried a request before the current one (a stale socket can only be one of these). */
    boolean reused;
    /** Loop time when it was last released to the pool, idle. */
    long idleSince;

    Connection(Route route, StreamPair streams, HttpLimits limits) {
        this.route = route;
        this.streams = streams;
        this.in = new MessageReader(streams.reader(), HttpParser.forResponses(limits));
    }

    HttpParser parser() {
        return in.parser();
    }

    /** Whether the socket is still open as far as this side knows. */
    boolean isOpen() {
        return !streams.writer().isClosing();
    }

    /** Closes after what is buffered is sent: for an idle connection. */
    void close() {
        streams.writer().close();
    }

    /** Closes now: for a connection whose message was cut, whose bytes cannot be trusted. */
    void abort() {
        streams.writer().abort();
    }

    @Override
    public String toString() {
        return "Connection[" + route + (reused ? ", reused" : "") + (isOpen() ? "" : ", closed") + "]";
    }
}
