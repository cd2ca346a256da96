package io.asyncio4j.internal.sched;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Platform carrier threads for virtual threads that a task starts but that are not tasks.
 *
 * <p>The JDK gives a virtual thread created inside another one its parent's scheduler. Inside a
 * task that scheduler is the task's loop, which runs only the tasks it knows: a foreign virtual
 * thread run there would hold the loop with its CPU work, and outlive the loop with nobody left to
 * run it. Such threads run here instead, in parallel with the loops, as they would on the JDK's
 * default scheduler: one daemon carrier per core, shared by the JVM, created on first use.
 */
public final class CarrierPool {
    private CarrierPool() {}

    private static final class Holder {
        static final ForkJoinPool POOL = create();

        private static ForkJoinPool create() {
            AtomicInteger ids = new AtomicInteger();
            return new ForkJoinPool(
                    Runtime.getRuntime().availableProcessors(),
                    pool -> {
                        ForkJoinWorkerThread t = new ForkJoinWorkerThread(null, pool, true) {};
                        t.setName("asyncio4j-carrier-" + ids.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    },
                    null,
                    true);
        }
    }

    /** The pool; runs each continuation handed to it on a platform thread. */
    public static Executor executor() {
        return Holder.POOL;
    }
}
