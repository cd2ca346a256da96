package io.asyncio4j;

/** The body of a task that returns nothing: asyncio's {@code async def} without a return value. */
@FunctionalInterface
public interface AsyncRunnable {
    /** Runs the body. */
    void run() throws Exception;

    /** This body as a {@link Coroutine} whose result is {@code null}. */
    default Coroutine<Void> asCoroutine() {
        return new RunnableCoroutine(this);
    }
}
