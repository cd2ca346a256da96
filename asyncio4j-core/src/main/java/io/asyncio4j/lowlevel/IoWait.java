package io.asyncio4j.lowlevel;

import io.asyncio4j.internal.TaskAccess;
import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * Waiting for a non-blocking channel on the selector of the loop that runs the task: what
 * asyncio4j's streams are built on. Readiness costs no hand-off between threads: the loop thread
 * that runs the task also polls its channel.
 *
 * {@snippet :
 * channel.configureBlocking(false);
 * int n;
 * while ((n = channel.read(buffer)) == 0) {
 *     IoWait.readable(channel); // parks this task until the loop's selector says so
 * }
 * }
 *
 * <p>One task at a time may wait for reading (or accepting) and one for writing (or connecting) on
 * a channel. Call {@link #forget} before closing a channel a loop has waited on.
 */
public final class IoWait {
    private static final TaskAccess ACCESS = TaskAccess.get();

    private IoWait() {}

    /**
     * Parks the current task until {@code channel} is readable (or, for a server channel, has a
     * connection to accept).
     *
     * <p><b>Cancellation.</b> Stops waiting with {@link io.asyncio4j.CancelledError}; the interest
     * is withdrawn and no data is consumed.
     *
     * @throws IOException if the channel cannot be registered (it is closed, say)
     * @throws IllegalStateException if another task already waits to read this channel
     */
    public static void readable(SelectableChannel channel) throws IOException {
        ACCESS.waitIo(channel, true);
    }

    /**
     * Parks the current task until {@code channel} is writable (or, for a connecting socket, the
     * connection is established or failed: call {@code finishConnect}).
     *
     * <p><b>Cancellation.</b> As {@link #readable}.
     *
     * @throws IOException if the channel cannot be registered
     * @throws IllegalStateException if another task already waits to write this channel
     */
    public static void writable(SelectableChannel channel) throws IOException {
        ACCESS.waitIo(channel, false);
    }

    /**
     * Removes {@code channel} from the current loop's selector, waking any task still waiting on it
     * (its wait then returns; its next read or write sees the closed channel). Call it on the loop
     * before closing the channel.
     */
    public static void forget(SelectableChannel channel) {
        ACCESS.forgetIo(channel);
    }
}
