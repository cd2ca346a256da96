package io.asyncio4j;

/**
 * {@link AsyncRunnable#asCoroutine()}: a class rather than a lambda, which would be a class
 * generated at run time on the path of {@code Asyncio.run(AsyncRunnable)}.
 */
final class RunnableCoroutine implements Coroutine<Void> {
    private final AsyncRunnable body;

    RunnableCoroutine(AsyncRunnable body) {
        this.body = body;
    }

    @Override
    public Void call() throws Exception {
        body.run();
        return null;
    }
}
