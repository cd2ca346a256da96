package io.asyncio4j;

/**
 * The body of a task that returns a value: asyncio's {@code async def} returning {@code T}.
 *
 * <p>It may throw any exception, so user code needs no try/catch to satisfy the compiler; the
 * exception becomes the task's outcome and comes back unwrapped from {@link Task#await()}.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface Coroutine<T> {
    /** Runs the body. */
    T call() throws Exception;
}
