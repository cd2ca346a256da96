package io.asyncio4j.internal.loop;

import io.asyncio4j.internal.Log;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loop's default executor for {@code toThread}: bounded, named platform threads that time out
 * when idle. Created on the first use, so a program that never calls {@code toThread} starts no
 * pool; shut down when the loop closes.
 *
 * <p>Threads: the loop thread only.
 */
public final class DefaultExecutor {

    private final String loopName;
    private final int threads;
    private ExecutorService pool;

    /** @param threads the pool's size */
    public DefaultExecutor(String loopName, int threads) {
        this.loopName = loopName;
        this.threads = threads;
    }

    /** The pool, created on the first call. */
    public Executor get() {
        ExecutorService ex = pool;
        if (ex == null) {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor created =
                    new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, loopName + "-worker-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            created.allowCoreThreadTimeOut(true);
            pool = ex = created;
        }
        return ex;
    }

    /** Shuts the pool down (if it was ever created), waiting up to 10 s for running work. */
    public void shutDown() {
        ExecutorService ex = pool;
        if (ex == null) {
            return;
        }
        ex.shutdown();
        try {
            if (!ex.awaitTermination(10, TimeUnit.SECONDS)) {
                Log.core()
                        .log(
                                System.Logger.Level.WARNING,
                                "loop " + loopName + ": toThread work still running after 10 s; abandoning it");
                ex.shutdownNow();
            }
        } catch (InterruptedException e) {
            ex.shutdownNow();
        }
    }
}
