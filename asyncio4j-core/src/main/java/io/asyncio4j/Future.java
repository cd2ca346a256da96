package io.asyncio4j;

/**
 * A result that some code will set later, bound to a loop: asyncio's {@code Future}. Tasks of the
 * loop wait for it with {@link #await()}; its producer calls {@link #setResult} or {@link
 * #setException} (on the loop; from another thread through {@code loop.callSoonThreadsafe}).
 *
 * {@snippet :
 * Future<String> reply = new Future<>();
 * loop.callLater(Duration.ofSeconds(1), () -> reply.setResult("pong"));
 * String value = reply.await();
 * }
 *
 * @param <T> the result type
 */
public final class Future<T> extends Awaitable<T> {
    /** A future bound to the running loop. */
    public Future() {
        this(Asyncio.currentLoop());
    }

    /** A future bound to {@code loop}. */
    public Future(Loop loop) {
        super(loop);
    }

    /**
     * Completes the future with {@code value} and wakes its waiters.
     *
     * @throws IllegalStateException if it is already done
     */
    public void setResult(T value) {
        loop.checkThread("Future.setResult");
        requirePending("setResult");
        complete(RESULT, value);
    }

    /**
     * Completes the future with {@code exception} and wakes its waiters.
     *
     * @throws IllegalStateException if it is already done
     * @throws IllegalArgumentException if {@code exception} is a {@link CancelledError}: use {@link
     *     #cancel()}
     */
    public void setException(Throwable exception) {
        loop.checkThread("Future.setException");
        if (exception == null) {
            throw new NullPointerException("exception");
        }
        if (exception instanceof CancelledError) {
            throw new IllegalArgumentException("a future cannot fail with CancelledError; call cancel() instead");
        }
        requirePending("setException");
        complete(FAILED, exception);
    }

    /** Cancels the future at once; its waiters get {@link CancelledError}. */
    @Override
    public boolean cancel(String message) {
        loop.checkThread("Future.cancel");
        if (isDone()) {
            return false;
        }
        complete(CANCELLED, new CancelledError(message));
        return true;
    }

    /**
     * Completes the future with a failure from elsewhere (another thread, a foreign future): a
     * {@link CancelledError} cancels it, any other throwable fails it. Loop thread only.
     */
    void settle(Throwable failure) {
        if (failure instanceof CancelledError cancelled) {
            cancel(cancelled.getMessage());
        } else {
            setException(failure);
        }
    }

    private void requirePending(String op) {
        if (isDone()) {
            throw new IllegalStateException(op + ": " + this + " is already done");
        }
    }

    @Override
    public String toString() {
        String st = switch (state()) {
            case RESULT -> "done";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
            default -> "pending";
        };
        return "Future[" + st + "]";
    }
}
