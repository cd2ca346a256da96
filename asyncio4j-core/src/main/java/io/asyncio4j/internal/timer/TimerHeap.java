package io.asyncio4j.internal.timer;

import java.util.Arrays;

/**
 * The loop's timers: a 4-ary min-heap ordered by deadline, then by insertion.
 *
 * <p>Only the loop thread touches a heap, so there are no locks. Cancelling is O(1): the timer is
 * marked and stays in the heap until it reaches the top or until cancelled timers make up more than
 * half of the heap, when they are swept out in one O(n) pass. Most timeouts are cancelled before
 * they fire, so this keeps both insert and cancel cheap. A 4-ary heap has half the depth of a
 * binary one and keeps a node's children on one cache line.
 *
 * <p>Guarded by the benchmarks {@code TimerBench} (insert + cancel, fire) and W1.
 */
public final class TimerHeap {
    private static final int ARITY = 4;
    private static final int MIN_SWEEP = 64;

    /** A timer in the heap. Fields are touched by the loop thread only. */
    public abstract static class Timer {
        long deadline;
        long seq;
        /** Position in the heap, or -1 when not in any heap. */
        int index = -1;

        boolean cancelled;

        /** Runs on the loop thread when the deadline is reached. */
        public abstract void fire();

        /** The loop time (nanoseconds) at which the timer fires. */
        public final long deadline() {
            return deadline;
        }

        /** Whether {@link TimerHeap#cancel} was called on this timer. */
        public final boolean isCancelled() {
            return cancelled;
        }
    }

    private Timer[] heap = new Timer[64];
    private int size;
    private int cancelledCount;
    private long nextSeq;

    /** Schedules {@code timer} to fire at {@code deadline}. */
    public void add(Timer timer, long deadline) {
        if (timer.index >= 0) {
            throw new IllegalStateException("timer already scheduled");
        }
        timer.deadline = deadline;
        timer.seq = nextSeq++;
        timer.cancelled = false;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, timer);
    }

    /** Cancels {@code timer}; it will never fire. Cancelling twice is harmless. */
    public void cancel(Timer timer) {
        if (timer.cancelled) {
            return;
        }
        timer.cancelled = true;
        if (timer.index < 0) {
            return;
        }
        cancelledCount++;
        if (cancelledCount > MIN_SWEEP && cancelledCount > size >>> 1) {
            sweep();
        }
    }

    /** The deadline of the earliest live timer, or {@link Long#MAX_VALUE} when there is none. */
    public long nextDeadline() {
        Timer top = top();
        return top == null ? Long.MAX_VALUE : top.deadline;
    }

    /**
     * Removes and returns the earliest live timer if it is due at {@code now}, else null. The caller
     * fires it.
     */
    public Timer pollDue(long now) {
        Timer top = top();
        if (top == null || top.deadline > now) {
            return null;
        }
        removeTop();
        return top;
    }

    /** Number of live (not cancelled) timers. */
    public int size() {
        return size - cancelledCount;
    }

    private Timer top() {
        while (size > 0) {
            Timer top = heap[0];
            if (!top.cancelled) {
                return top;
            }
            cancelledCount--;
            removeTop();
        }
        return null;
    }

    private void removeTop() {
        Timer top = heap[0];
        top.index = -1;
        Timer last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(0, last);
        }
    }

    private void sweep() {
        int live = 0;
        for (int i = 0; i < size; i++) {
            Timer t = heap[i];
            if (t.cancelled) {
                t.index = -1;
            } else {
                heap[live++] = t;
            }
        }
        Arrays.fill(heap, live, size, null);
        size = live;
        cancelledCount = 0;
        for (int i = (size - 2) / ARITY; i >= 0; i--) {
            siftDown(i, heap[i]);
        }
        for (int i = 0; i < size; i++) {
            heap[i].index = i;
        }
    }

    private static boolean before(Timer a, Timer b) {
        return a.deadline < b.deadline || (a.deadline == b.deadline && a.seq < b.seq);
    }

    private void siftUp(int i, Timer t) {
        while (i > 0) {
            int parent = (i - 1) / ARITY;
            Timer p = heap[parent];
            if (!before(t, p)) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = t;
        t.index = i;
    }

    private void siftDown(int i, Timer t) {
        while (true) {
            int first = i * ARITY + 1;
            if (first >= size) {
                break;
            }
            int best = first;
            int end = Math.min(first + ARITY, size);
            for (int c = first + 1; c < end; c++) {
                if (before(heap[c], heap[best])) {
                    best = c;
                }
            }
            Timer b = heap[best];
            if (!before(b, t)) {
                break;
            }
            heap[i] = b;
            b.index = i;
            i = best;
        }
        heap[i] = t;
        t.index = i;
    }
}
