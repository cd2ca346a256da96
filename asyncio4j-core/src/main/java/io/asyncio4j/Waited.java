package io.asyncio4j;

import java.util.Set;

/**
 * What {@link Asyncio#wait} returns: the awaitables that are done and those still pending, each in
 * the order they were given.
 *
 * @param done the awaitables that are done
 * @param pending the awaitables still running
 * @param <A> the awaitable type
 */
public record Waited<A extends Awaitable<?>>(Set<A> done, Set<A> pending) {
    /** Copies both sets, unmodifiable. */
    public Waited {
        done = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(done));
        pending = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(pending));
    }
}
