package io.asyncio4j;

import io.asyncio4j.internal.sched.VirtualThreads;
import java.util.ArrayList;
import java.util.List;

/**
 * The tasks of one loop that have not ended: where each is created and started ({@link #spawn}),
 * and a list linked through {@link Task#prevLive} and {@link Task#nextLive}, so that the loop keeps
 * every running task reachable (asyncio's "task vanished" bug cannot happen) and a task unlinks
 * itself in O(1) as it ends.
 *
 * <p>Threads: the loop thread only; the counters are also read racily by {@code Loop.stats()}, and
 * a task dump from another thread may walk the list racily when the loop does not answer.
 */
final class LiveTasks {
    private final Loop loop;

    /** The most recently created live task; the list runs from it to the oldest. */
    private Task<?> head;

    private int count;
    /** The last task id given; the warm-up task is 0, the first user task 1. */
    private long lastId;

    // Read racily by stats().
    private long created;
    private long finished;

    LiveTasks(Loop loop) {
        this.loop = loop;
    }

    /**
     * Creates a task, numbered in creation order, and starts its thread: its first step runs at the
     * loop's next cycle. Its context is the creating task's, or {@code context} when given (a task
     * submitted from another thread starts with that thread's context, as in asyncio), or the loop
     * thread's. A task created while the loop closes starts cancelled.
     */
    <T> Task<T> spawn(String name, Object[] context, Object body) {
        return spawn(++lastId, name, context, body);
    }

    /** {@link #spawn(String, Object[], Object)} with the id given: 0 for the loop's warm-up task. */
    <T> Task<T> spawn(long id, String name, Object[] context, Object body) {
        Task<?> parent = Task.current();
        if (context == null) {
            context = parent != null ? parent.context : ContextVar.rootContext();
        }
        Task<T> task = new Task<>(loop, id, name, body, parent, context);
        TaskBody runner = new TaskBody(task);
        Thread vt = VirtualThreads.newThread(runner, runner);
        vt.setUncaughtExceptionHandler(runner);
        task.thread = vt;
        link(task);
        if (loop.isClosed()) {
            task.cancel(LoopClosing.CANCEL_MESSAGE);
        }
        vt.start();
        return task;
    }

    private void link(Task<?> task) {
        Task<?> h = head;
        task.nextLive = h;
        if (h != null) {
            h.prevLive = task;
        }
        head = task;
        count++;
        created++;
    }

    /** Removes a task that is ending: the loop no longer needs to keep it reachable. */
    void unlink(Task<?> task) {
        Task<?> prev = task.prevLive;
        Task<?> next = task.nextLive;
        if (prev != null) {
            prev.nextLive = next;
        } else {
            head = next;
        }
        if (next != null) {
            next.prevLive = prev;
        }
        task.prevLive = null;
        task.nextLive = null;
        count--;
        finished++;
    }

    /** The most recently created live task, or null; follow {@link Task#nextLive} for the others. */
    Task<?> first() {
        return head;
    }

    int count() {
        return count;
    }

    long created() {
        return created;
    }

    long finished() {
        return finished;
    }

    /** The live tasks, newest first, in an array (a closing loop's work list). */
    Task<?>[] toArray() {
        Task<?>[] all = new Task<?>[count];
        int i = 0;
        for (Task<?> t = head; t != null; t = t.nextLive) {
            all[i++] = t;
        }
        return all;
    }

    /** The live tasks, newest first. */
    List<Task<?>> list() {
        List<Task<?>> all = new ArrayList<>(Math.max(count, 0));
        for (Task<?> t = head; t != null; t = t.nextLive) {
            all.add(t);
        }
        return all;
    }
}
