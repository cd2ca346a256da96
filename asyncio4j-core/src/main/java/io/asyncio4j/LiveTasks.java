package io.asyncio4j;

import java.util.ArrayList;
import java.util.List;

/**
 * The tasks of one loop that have not ended: a list linked through {@link Task#prevLive} and
 * {@link Task#nextLive}, so that the loop keeps every running task reachable (asyncio's "task
 * vanished" bug cannot happen) and a task unlinks itself in O(1) as it ends.
 *
 * <p>Threads: the loop thread only; the counters are also read racily by {@code Loop.stats()}, and
 * a task dump from another thread may walk the list racily when the loop does not answer.
 */
final class LiveTasks {
    /** The most recently created live task; the list runs from it to the oldest. */
    private Task<?> head;

    private int count;
    /** The last task id given; the warm-up task is 0, the first user task 1. */
    private long lastId;

    // Read racily by stats().
    private long created;
    private long finished;

    /** A new task id. */
    long nextId() {
        return ++lastId;
    }

    /** Adds a task that was just created. */
    void link(Task<?> task) {
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
