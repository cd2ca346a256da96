package io.asyncio4j;

import io.asyncio4j.internal.sched.CarrierPool;
import java.util.concurrent.Executor;

/**
 * What a task's virtual thread runs, its scheduler, and how a thread finds its task.
 *
 * <p>The body object is the thread's scheduler (see {@code VirtualThreads}) and its uncaught-exception
 * handler, though nothing reaches the handler: {@link Task#runBody()} catches every throwable. {@link
 * Task#current()} reads it back from the handler, a plain field, and when the body replaced the
 * handler, from the thread's private, final scheduler field, which user code cannot replace.
 *
 * <p>As a scheduler it sends its own thread's continuation to the loop. A virtual thread that the
 * task starts inherits this scheduler (the JDK's rule) but is no task: its continuations go to the
 * {@link CarrierPool}, so it runs in parallel with the loop and lives on after the loop closes,
 * like any other thread.
 */
final class TaskBody implements Runnable, Executor, Thread.UncaughtExceptionHandler {
    final Task<?> task;

    TaskBody(Task<?> task) {
        this.task = task;
    }

    @Override
    public void run() {
        task.runBody();
    }

    /**
     * The task's own continuation is the first one handed here, by the thread's start in
     * LiveTasks.spawn, before the body (and so any thread it starts) exists.
     */
    @Override
    public void execute(Runnable r) {
        Runnable own = task.continuation;
        if (own == r) {
            task.loop.schedule(r);
        } else if (own == null) {
            task.continuation = r;
            task.loop.schedule(r);
        } else {
            CarrierPool.executor().execute(r);
        }
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        task.loop.reportError("uncaught exception in the thread of " + task, e, task);
    }
}
