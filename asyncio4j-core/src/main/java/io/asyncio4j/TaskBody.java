package io.asyncio4j;

/**
 * What a task's virtual thread runs, and how a thread finds its task.
 *
 * <p>The body object is also the thread's uncaught-exception handler: {@link Task#current()} reads
 * it back with {@code Thread.currentThread().getUncaughtExceptionHandler()}, a field read, with no
 * thread-local map allocated per task. Nothing reaches the handler itself, since {@link
 * Task#runBody()} catches every throwable.
 */
final class TaskBody implements Runnable, Thread.UncaughtExceptionHandler {
    final Task<?> task;

    TaskBody(Task<?> task) {
        this.task = task;
    }

    @Override
    public void run() {
        task.runBody();
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        task.loop.reportError("uncaught exception in the thread of " + task, e, task);
    }
}
