package io.asyncio4j.lowlevel;

import io.asyncio4j.Loop;
import io.asyncio4j.Task;

/**
 * Binds a primitive (a lock, a queue) to the loop of the first task that uses it, as asyncio 3.10+
 * does, and afterwards refuses callers from other threads with a message that says what to use
 * instead. Loop thread only; no atomics.
 */
public final class LoopBinding {
    private final String owner;
    private Loop loop;

    /** A binding for a primitive described as {@code owner} in errors (like {@code "Lock"}). */
    public LoopBinding(String owner) {
        this.owner = owner;
    }

    /** The loop, or null before first use. */
    public Loop loop() {
        return loop;
    }

    /**
     * Binds on first use, then checks that the caller runs on the bound loop.
     *
     * @throws IllegalStateException if called from another loop or a plain thread
     */
    public void check(String operation) {
        Loop l = loop;
        if (l == null) {
            Task<?> me = Parking.currentTaskOrNull();
            if (me == null) {
                throw new IllegalStateException(owner + "." + operation + "() must be called from a task of a"
                        + " running loop, not from " + describeCaller() + "; " + CROSS_LOOP_HINT);
            }
            loop = me.loop();
        } else if (!Parking.isLoopThread(l)) {
            throw new IllegalStateException(owner + "." + operation + "(): this " + owner + " belongs to loop '"
                    + l.name() + "' and was used from " + describeCaller() + "; " + article(owner) + " " + owner
                    + " is for the tasks of one loop. " + CROSS_LOOP_HINT);
        }
    }

    private static final String CROSS_LOOP_HINT = "to coordinate several loops or plain threads use"
            + " io.asyncio4j.channel.Channel (or BroadcastChannel, WatchChannel), or java.util.concurrent";

    /** Who is calling: a task of another loop (by name), a virtual thread, or a named thread. */
    private static String describeCaller() {
        Task<?> task = Parking.currentTaskOrNull();
        if (task != null) {
            return "task '" + task.getName() + "' of loop '" + task.loop().name() + "'";
        }
        Thread t = Thread.currentThread();
        String name = t.getName().isEmpty() ? "#" + t.threadId() : "'" + t.getName() + "'";
        return (t.isVirtual() ? "virtual thread " : "thread ") + name + " (not a task of any loop)";
    }

    private static String article(String noun) {
        return !noun.isEmpty() && "AEIOUaeiou".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
    }
}
