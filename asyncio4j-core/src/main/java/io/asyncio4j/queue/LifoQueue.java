package io.asyncio4j.queue;

import java.util.ArrayDeque;

/**
 * A last-in first-out queue (a stack) for the tasks of one loop: asyncio's {@code LifoQueue}.
 *
 * @param <T> the item type
 */
public final class LifoQueue<T> extends Queue<T> {
    private final ArrayDeque<T> stack = new ArrayDeque<>();

    /** An unbounded LIFO queue. */
    public LifoQueue() {
        super(0);
    }

    /** A LIFO queue holding at most {@code maxsize} items (unbounded if 0 or less). */
    public LifoQueue(int maxsize) {
        super(maxsize);
    }

    @Override
    void store(T item) {
        stack.addFirst(item);
    }

    @Override
    void restore(T item) {
        stack.addFirst(item);
    }

    @Override
    T take() {
        return stack.pollFirst();
    }

    @Override
    int count() {
        return stack.size();
    }

    @Override
    void clearStorage() {
        stack.clear();
    }
}
