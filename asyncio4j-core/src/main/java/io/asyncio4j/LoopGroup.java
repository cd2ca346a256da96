package io.asyncio4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Several loops, each on its own thread, sharing nothing: for servers that use every core. A task
 * never moves between loops; work is spread by choosing a loop ({@link #next()}) when it starts.
 *
 * {@snippet :
 * try (LoopGroup group = LoopGroup.open(4)) {
 *     List<CompletableFuture<Integer>> results = new ArrayList<>();
 *     for (int i = 0; i < 8; i++) {
 *         int job = i;
 *         results.add(group.next().submit(() -> compute(job)));
 *     }
 * }
 * }
 */
public final class LoopGroup implements AutoCloseable {
    private final List<Loop> loops;
    private int next;

    private LoopGroup(List<Loop> loops) {
        this.loops = List.copyOf(loops);
    }

    /** A group of one loop per available processor. */
    public static LoopGroup open() {
        return open(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A group of {@code size} loops with default options.
     *
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public static LoopGroup open(int size) {
        return open(size, LoopOptions.defaults());
    }

    /**
     * A group of {@code size} loops built from {@code options} (their names get a {@code -i}
     * suffix when a name is set).
     */
    public static LoopGroup open(int size, LoopOptions options) {
        Objects.requireNonNull(options, "options");
        if (size < 1) {
            throw new IllegalArgumentException("a LoopGroup needs at least one loop: " + size);
        }
        List<Loop> loops = new ArrayList<>(size);
        try {
            for (int i = 0; i < size; i++) {
                LoopOptions o = options.name() == null ? options : options.name(options.name() + "-" + i);
                loops.add(Loop.open(o));
            }
        } catch (RuntimeException | Error e) {
            loops.forEach(Loop::close);
            throw e;
        }
        return new LoopGroup(loops);
    }

    /** The loops, in order. */
    public List<Loop> loops() {
        return loops;
    }

    /** The number of loops. */
    public int size() {
        return loops.size();
    }

    /** The next loop in round-robin order. Safe from any thread. */
    public synchronized Loop next() {
        Loop loop = loops.get(next);
        next = (next + 1) % loops.size();
        return loop;
    }

    /** Closes every loop (see {@link Loop#close()}). */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (Loop loop : loops) {
            try {
                loop.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "LoopGroup" + loops;
    }
}
