/**
 * asyncio4j: Python's asyncio for Java, on virtual threads scheduled by an event loop.
 *
 * <p>{@code io.asyncio4j} is the user API, {@code io.asyncio4j.lowlevel} holds handles and the clock
 * seam; {@code io.asyncio4j.internal.*} is not exported.
 */
module io.asyncio4j {
    requires java.management;
    requires jdk.jfr;
    requires jdk.unsupported;

    exports io.asyncio4j;
    exports io.asyncio4j.channel;
    exports io.asyncio4j.lowlevel;
    exports io.asyncio4j.net;
    exports io.asyncio4j.process;
    exports io.asyncio4j.queue;
    exports io.asyncio4j.sync;
}
