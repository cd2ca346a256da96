package io.asyncio4j.http.web;

/**
 * A signal handler of an {@link Application}: {@link Application#onStartup}, {@link
 * Application#onShutdown} and {@link Application#onCleanup} (aiohttp's {@code on_startup} and the
 * others). It runs as part of the runner's task and may suspend.
 */
@FunctionalInterface
public interface AppHook {
    /** Runs for {@code app}. */
    void run(Application app) throws Exception;
}
