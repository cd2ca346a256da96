package io.asyncio4j.queue;

import java.util.Comparator;

/**
 * A queue that hands out the smallest item first, for the tasks of one loop: asyncio's {@code
 * PriorityQueue}. Items are ordered by their natural order or by a {@link Comparator}.
 *
 * @param <T> the item type
 */
public final class PriorityQueue<T> extends Queue<T> {
    private final java.util.PriorityQueue<T> heap;

    /** An unbounded queue in natural order (items must be {@link Comparable}). */
    public PriorityQueue() {
        this(0, null);
    }

    /** A queue in natural order holding at most {@code maxsize} items (unbounded if 0 or less). */
    public PriorityQueue(int maxsize) {
        this(maxsize, null);
    }

    /** An unbounded queue ordered by {@code comparator}. */
    public PriorityQueue(Comparator<? super T> comparator) {
        this(0, comparator);
    }

    /** A queue ordered by {@code comparator} holding at most {@code maxsize} items. */
    public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize);
        this.heap = new java.util.PriorityQueue<>(comparator);
    }

    @Override
    void store(T item) {
        heap.add(item);
    }

    @Override
    void restore(T item) {
        heap.add(item);
    }

    @Override
    T take() {
        return heap.poll();
    }

    @Override
    int count() {
        return heap.size();
    }

    @Override
    void clearStorage() {
        heap.clear();
    }
}
