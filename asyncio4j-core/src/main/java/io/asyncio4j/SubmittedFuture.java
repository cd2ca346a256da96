package io.asyncio4j;

import java.util.concurrent.CompletableFuture;

/** The future of {@link Loop#submit}: cancelling it cancels the task. */
final class SubmittedFuture<T> extends CompletableFuture<T> {
    private final Loop loop;
    /** The task, once the loop has created it. */
    volatile Task<T> task;

    SubmittedFuture(Loop loop) {
        this.loop = loop;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            try {
                loop.callSoonThreadsafe(() -> {
                    Task<T> t = task;
                    if (t != null) {
                        t.cancel("the CompletableFuture returned by Loop.submit was cancelled");
                    }
                });
            } catch (LoopClosedException e) {
                // nothing left to cancel
            }
        }
        return cancelled;
    }
}
