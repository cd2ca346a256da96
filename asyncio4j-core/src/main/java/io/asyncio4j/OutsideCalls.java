package io.asyncio4j;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * What other threads ask of a loop and wait for: the tasks of {@code run} and {@code submit},
 * created on the loop for a caller outside it, and the waiters outside the loop (plain threads,
 * other loops' tasks) blocked on its awaitables, which the loop must release when it closes.
 *
 * <p>Threads: {@link #createTask} and {@link #submit} are called by any thread and hand their work
 * to the loop; everything else runs on the loop thread, without locks.
 */
final class OutsideCalls {
    private final Loop loop;

    // ---- Loop thread only. ----
    /**
     * Tasks created by run() or submit() that are not done: while one is, someone outside waits for
     * the loop, and a virtual clock moves (see Clock.tracksRealTime()). The warm-up counts too.
     */
    int awaited;

    /** Threads and other loops' tasks waiting for awaitables still pending; abandoned at close. */
    private final HashSet<ForeignWaiter> waiters = new HashSet<>();

    /** Ends the count of {@link #countAwaited}; one object for every task it counts. */
    private final Awaitable.Waiter awaitEnds = new Awaitable.Waiter() {
        @Override
        public void done(Awaitable<?> awaitable) {
            awaited--;
        }
    };

    OutsideCalls(Loop loop) {
        this.loop = loop;
    }

    /**
     * Creates a task of the loop from another thread and returns it once it exists. The wait is not
     * interruptible (it is short: one loop turn), so that the task never runs unsupervised: an
     * interrupt meanwhile stays set for the caller's wait on the task.
     */
    <T> Task<T> createTask(Coroutine<T> main) {
        CompletableFuture<Task<T>> created = new CompletableFuture<>();
        loop.callSoonThreadsafe(new CreateTask<>(this, main, ContextVar.rootContext(), created));
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return created.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            throw (RuntimeException) Awaitable.sneaky(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@link Loop#submit(Coroutine)}: any thread. */
    <T> CompletableFuture<T> submit(Coroutine<T> coro) {
        SubmittedFuture<T> future = new SubmittedFuture<>(loop);
        Object[] context = ContextVar.rootContext();
        loop.callSoonThreadsafe(() -> {
            if (future.isDone()) {
                return;
            }
            Task<T> task;
            try {
                task = create(coro, context);
            } catch (Throwable t) {
                future.completeExceptionally(t);
                return;
            }
            future.task = task;
            task.addWaiter((Awaitable.Waiter) a -> {
                Object outcome = a.rawOutcome();
                if (a.state() == Awaitable.RESULT) {
                    @SuppressWarnings("unchecked")
                    T value = (T) outcome;
                    future.complete(value);
                } else {
                    future.completeExceptionally((Throwable) outcome);
                }
            });
        });
        return future;
    }

    /**
     * Creates a task for a caller outside the loop, with that caller's context, and counts it as
     * awaited from outside until it is done. Loop thread.
     */
    private <T> Task<T> create(Coroutine<T> coro, Object[] context) {
        Task<T> task = loop.createTaskOf(null, context, coro);
        awaited++;
        task.addWaiter(awaitEnds);
        return task;
    }

    /**
     * What {@link #createTask} hands the loop: creates the main task and says so. A class rather
     * than a lambda, which would be a class generated at run time on the path of every Asyncio.run.
     */
    private static final class CreateTask<T> implements Runnable {
        private final OutsideCalls calls;
        private final Coroutine<T> main;
        private final Object[] context;
        private final CompletableFuture<Task<T>> created;

        CreateTask(OutsideCalls calls, Coroutine<T> main, Object[] context, CompletableFuture<Task<T>> created) {
            this.calls = calls;
            this.main = main;
            this.context = context;
            this.created = created;
        }

        @Override
        public void run() {
            try {
                created.complete(calls.create(main, context));
            } catch (Throwable t) {
                created.completeExceptionally(t);
            }
        }
    }

    // ---- waiters outside the loop ----

    /** Keeps {@code waiter} until its awaitable is done; releases it at once if the loop has closed. */
    void addWaiter(ForeignWaiter waiter) {
        if (loop.refusesWork()) {
            waiter.abandon();
            return;
        }
        waiter.registeredWith = this;
        waiters.add(waiter);
    }

    void removeWaiter(ForeignWaiter waiter) {
        waiters.remove(waiter);
    }

    /** At close: releases every waiter from outside, whose awaitable can no longer complete. */
    void abandonWaiters() {
        for (ForeignWaiter waiter : List.copyOf(waiters)) {
            waiter.abandon();
        }
        waiters.clear();
    }
}
