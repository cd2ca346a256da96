package io.asyncio4j.internal.timer;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The loop's timers: buckets of about one millisecond, kept in a 4-ary min-heap by bucket, each
 * bucket an array in insertion order that is sorted only when needed.
 *
 * <p>Timers fire in order of their exact deadline, then of insertion. Only the loop thread touches
 * a queue, so there are no locks.
 *
 * <h2>Why buckets</h2>
 *
 * A plain heap of a million sleeping tasks pays O(log n) for every timer that fires, each level a
 * cache miss into a scattered timer object (about 150 ns a timer here). Timers added at about the
 * same time for the same delay land in the same bucket, already in deadline order: firing them is a
 * walk along an array, and the heap holds only a few hundred buckets. Insert is O(1) (the bucket of
 * the previous insert is remembered), cancel is O(1) (the timer is marked; a bucket that is mostly
 * cancelled is compacted, so cancelled timeouts do not pile up until their deadline).
 *
 * <p>A bucket that empties is kept for reuse (a few of them, with small arrays), and buckets are
 * found by tick in a {@link BucketMap}: on a quiet loop, where each timeout is alone in its bucket,
 * a timer costs no allocation beyond the timer itself.
 *
 * <p>Guarded by the JMH benchmark {@code TimerBench} (insert + cancel, fire) and W1.
 *
 * <p>The timers themselves live where what they fire is reachable: {@code io.asyncio4j.WakeTimer}
 * (wakes a sleeping task), {@code CallbackTimer} ({@code callLater}) and {@code Timeout}'s expiry
 * (cancels a timeout's scope) all call package-private members of {@code io.asyncio4j}.
 */
public final class TimerQueue {
    /**
     * The loop time {@code delay} after {@code now}, saturating instead of overflowing either way: a
     * delay past the end of time never fires, one before its start fires at once.
     */
    public static long deadlineAfter(long now, java.time.Duration delay) {
        long nanos;
        try {
            nanos = delay.toNanos();
        } catch (ArithmeticException e) {
            nanos = delay.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        long deadline = now + nanos;
        if (nanos > 0 && deadline < now) {
            return Long.MAX_VALUE - 1;
        }
        if (nanos < 0 && deadline > now) {
            return Long.MIN_VALUE;
        }
        return deadline;
    }

    /** Bucket width: 2^20 ns, about one millisecond. */
    private static final int TICK_SHIFT = 20;

    private static final int ARITY = 4;
    private static final Comparator<Timer> ORDER = new Order();

    /**
     * Deadline, then insertion order. A class rather than Comparator.comparingLong with lambdas:
     * each lambda is a class generated at run time, several milliseconds on the path of a
     * program's first loop (see Loop's notes on start-up).
     */
    private static final class Order implements Comparator<Timer> {
        @Override
        public int compare(Timer a, Timer b) {
            int byDeadline = Long.compare(a.deadline, b.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(a.seq, b.seq);
        }
    }

    /** A timer. Fields are touched by the loop thread only. */
    public abstract static class Timer {
        long deadline;
        long seq;
        /** The bucket holding this timer, or null when it is not scheduled. */
        Bucket bucket;

        boolean cancelled;

        /** Runs on the loop thread when the deadline is reached. */
        public abstract void fire();

        /** The loop time (nanoseconds) at which the timer fires. */
        public final long deadline() {
            return deadline;
        }

        /** Whether {@link TimerQueue#cancel} was called on this timer. */
        public final boolean isCancelled() {
            return cancelled;
        }
    }

    /** The timers of one tick, in insertion order; {@code sorted} when that is also deadline order. */
    static final class Bucket {
        long tick;
        Timer[] items = new Timer[16];
        int head;
        int size;
        int cancelled;
        boolean sorted = true;
        int heapIndex;

        Bucket(long tick) {
            this.tick = tick;
        }
    }

    private Bucket[] heap = new Bucket[64];
    private int heapSize;
    private final BucketMap byTick = new BucketMap();
    /** Emptied buckets kept for reuse; their arrays hold only nulls. */
    private final Bucket[] spares = new Bucket[SPARES];

    private int spareCount;
    private static final int SPARES = 16;
    /** A bucket whose array grew beyond this is not kept: it would pin the memory of a burst. */
    private static final int SPARE_MAX_ITEMS = 64;

    private Bucket lastBucket;
    private int live;
    /** Cancelled timers still held by a bucket. */
    private int dead;

    private long nextSeq;

    /** Schedules {@code timer} to fire at {@code deadline}. */
    public void add(Timer timer, long deadline) {
        if (timer.bucket != null) {
            throw new IllegalStateException("timer already scheduled");
        }
        timer.deadline = deadline;
        timer.seq = nextSeq++;
        timer.cancelled = false;
        long tick = deadline >> TICK_SHIFT;
        Bucket b = lastBucket;
        if (b == null || b.tick != tick || b.heapIndex < 0) {
            b = byTick.get(tick);
            if (b == null) {
                b = newBucket(tick);
                byTick.put(b);
                heapAdd(b);
            }
            lastBucket = b;
        }
        if (b.size == b.items.length) {
            compactOrGrow(b);
        }
        if (b.sorted && b.size > b.head && deadline < b.items[b.size - 1].deadline) {
            b.sorted = false;
        }
        b.items[b.size++] = timer;
        timer.bucket = b;
        live++;
    }

    /** Cancels {@code timer}; it will never fire. Cancelling twice is harmless. */
    public void cancel(Timer timer) {
        if (timer.cancelled) {
            return;
        }
        timer.cancelled = true;
        Bucket b = timer.bucket;
        if (b == null) {
            return;
        }
        live--;
        dead++;
        b.cancelled++;
        int pending = b.size - b.head;
        if (b.cancelled == pending || (b.cancelled > 32 && b.cancelled * 2 > pending)) {
            compactOrDrop(b);
        }
        if (dead > 128 && dead > live) {
            sweep();
        }
    }

    /** Compacts every bucket: cancelled timers (and what they reference) are released now. */
    private void sweep() {
        for (Bucket b : Arrays.copyOf(heap, heapSize)) {
            if (b.cancelled > 0) {
                compactOrDrop(b);
            }
        }
    }

    private void compactOrDrop(Bucket b) {
        compact(b);
        if (b.size == b.head) {
            removeBucket(b);
        }
    }

    /** The deadline of the earliest live timer, or {@link Long#MAX_VALUE} when there is none. */
    public long nextDeadline() {
        Bucket b = headBucket();
        return b == null ? Long.MAX_VALUE : b.items[b.head].deadline;
    }

    /**
     * Removes and returns the earliest live timer if it is due at {@code now}, else null. The caller
     * fires it.
     */
    public Timer pollDue(long now) {
        Bucket b = headBucket();
        if (b == null) {
            return null;
        }
        Timer t = b.items[b.head];
        if (t.deadline > now) {
            return null;
        }
        b.items[b.head++] = null;
        t.bucket = null;
        live--;
        return t;
    }

    /** Number of live (not cancelled) timers. */
    public int size() {
        return live;
    }

    /** The first bucket with a live timer, sorted and with that timer at its head; or null. */
    private Bucket headBucket() {
        while (heapSize > 0) {
            Bucket b = heap[0];
            if (!b.sorted) {
                Arrays.sort(b.items, b.head, b.size, ORDER);
                b.sorted = true;
            }
            while (b.head < b.size && b.items[b.head].cancelled) {
                b.items[b.head].bucket = null;
                b.items[b.head++] = null;
                b.cancelled--;
                dead--;
            }
            if (b.head < b.size) {
                return b;
            }
            removeBucket(b);
        }
        return null;
    }

    private void compactOrGrow(Bucket b) {
        if (b.head > 0 || b.cancelled > 0) {
            compact(b);
        }
        if (b.size == b.items.length) {
            b.items = Arrays.copyOf(b.items, b.items.length * 2);
        }
    }

    /** Drops consumed and cancelled slots, keeping the order of the rest. */
    private void compact(Bucket b) {
        dead -= b.cancelled;
        int n = 0;
        Timer[] items = b.items;
        for (int i = b.head; i < b.size; i++) {
            Timer t = items[i];
            if (t.cancelled) {
                t.bucket = null;
            } else {
                items[n++] = t;
            }
        }
        Arrays.fill(items, n, b.size, null);
        b.head = 0;
        b.size = n;
        b.cancelled = 0;
    }

    private Bucket newBucket(long tick) {
        if (spareCount == 0) {
            return new Bucket(tick);
        }
        Bucket b = spares[--spareCount];
        spares[spareCount] = null;
        b.tick = tick;
        b.head = 0;
        b.size = 0;
        b.cancelled = 0;
        b.sorted = true;
        return b;
    }

    private void removeBucket(Bucket b) {
        byTick.remove(b);
        if (lastBucket == b) {
            lastBucket = null;
        }
        int i = b.heapIndex;
        b.heapIndex = -1;
        Bucket last = heap[--heapSize];
        heap[heapSize] = null;
        if (i < heapSize) {
            siftDown(i, last);
            if (heap[i] == last) {
                siftUp(i, last);
            }
        }
        if (spareCount < SPARES && b.items.length <= SPARE_MAX_ITEMS) {
            spares[spareCount++] = b; // every slot is null: consumed and cancelled ones are cleared
        }
    }

    private void heapAdd(Bucket b) {
        if (heapSize == heap.length) {
            heap = Arrays.copyOf(heap, heapSize * 2);
        }
        siftUp(heapSize++, b);
    }

    private void siftUp(int i, Bucket b) {
        while (i > 0) {
            int parent = (i - 1) / ARITY;
            Bucket p = heap[parent];
            if (p.tick <= b.tick) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = b;
        b.heapIndex = i;
    }

    private void siftDown(int i, Bucket b) {
        while (true) {
            int first = i * ARITY + 1;
            if (first >= heapSize) {
                break;
            }
            int best = first;
            int end = Math.min(first + ARITY, heapSize);
            for (int c = first + 1; c < end; c++) {
                if (heap[c].tick < heap[best].tick) {
                    best = c;
                }
            }
            Bucket m = heap[best];
            if (m.tick >= b.tick) {
                break;
            }
            heap[i] = m;
            m.heapIndex = i;
            i = best;
        }
        heap[i] = b;
        b.heapIndex = i;
    }
}
