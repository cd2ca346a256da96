package io.asyncio4j.net;

import io.asyncio4j.internal.net.ByteSource;
import io.asyncio4j.internal.net.StreamAccess;
import io.asyncio4j.internal.net.Transport;

/** Gives {@code io.asyncio4j.process} the stream constructors; see {@link StreamAccess}. */
final class StreamAccessImpl implements StreamAccess {
    @Override
    public StreamReader newReader(ByteSource source, int limit) {
        return new StreamReader(source, limit);
    }

    @Override
    public StreamWriter newWriter(Transport transport) {
        return new StreamWriter(transport, null);
    }
}
