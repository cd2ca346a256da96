package io.asyncio4j.http.web;

import io.asyncio4j.AsyncRunnable;

/**
 * A resource that lives as long as the application serves: aiohttp's {@code cleanup_ctx}, an async
 * generator whose code before {@code yield} runs at start-up and after it at clean-up. Here the body
 * calls {@code serve.run()} where aiohttp's generator yields; that call returns when the application
 * is cleaned up, so a try-with-resources around it releases the resource:
 *
 * {@snippet :
 * static final AppKey<Database> DB = AppKey.of("db", Database.class);
 *
 * app.cleanupCtx((a, serve) -> {
 *     try (Database db = Database.connect(url)) {
 *         a.set(DB, db);
 *         serve.run(); // the application serves here
 *     }
 * });
 * }
 *
 * <p>An exception before {@code serve.run()} fails the start-up (the contexts started before it are
 * cleaned up); one after it is reported and the other contexts are still cleaned up. Contexts start
 * in the order they were added and are cleaned up in reverse order, after the {@link
 * Application#onCleanup} hooks.
 */
@FunctionalInterface
public interface CleanupContext {
    /**
     * Sets up the resource, calls {@code serve.run()} once, then releases the resource.
     *
     * @param app the application
     * @param serve parks until clean-up; call it exactly once
     */
    void run(Application app, AsyncRunnable serve) throws Exception;
}
