package io.asyncio4j;

/**
 * Something outside a loop waiting for one of its awaitables: a plain thread, or a task of another
 * loop. The loop keeps each one until the awaitable is done, and {@linkplain #abandon() abandons}
 * those left when it closes, so that no such waiter waits forever for an awaitable that can no
 * longer complete.
 */
abstract class ForeignWaiter implements Awaitable.Waiter {
    /** The calls of the loop that will abandon this waiter when it closes; set on that loop's thread. */
    OutsideCalls registeredWith;

    @Override
    public final void done(Awaitable<?> awaitable) {
        if (registeredWith != null) {
            registeredWith.removeWaiter(this);
        }
        arrived(awaitable);
    }

    /** The awaitable is done. Runs on its loop's thread. */
    abstract void arrived(Awaitable<?> awaitable);

    /** The awaitable's loop closed while it was pending. Runs on that loop's thread. */
    abstract void abandon();

    /** The error a waiter gets when {@code awaitable}'s loop closed before it completed. */
    static LoopClosedException neverCompletes(Awaitable<?> awaitable) {
        return new LoopClosedException(awaitable + " was still pending when loop '" + awaitable.loop.name()
                + "' closed; it will never complete");
    }
}
