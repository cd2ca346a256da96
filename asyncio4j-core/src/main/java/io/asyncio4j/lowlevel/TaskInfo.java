package io.asyncio4j.lowlevel;

import java.util.List;

/**
 * One live task as {@code aio ps} shows it (a row of {@link LoopMXBean#taskTable()}), like a row of
 * Python 3.14's {@code python -m asyncio ps}.
 *
 * @param id the task's number in its loop ({@code Task-N} is its default name)
 * @param name the task's name
 * @param state {@code pending start}, {@code ready}, {@code running}, {@code waiting} or {@code
 *     blocked in a JDK call}
 * @param waitingIn the library or JDK call the task is parked in ({@code Asyncio.sleep}, {@code
 *     Queue.get}, {@code Thread.sleep}), or empty
 * @param stack the user's frames of the task's stack, innermost first, as {@code
 *     Class.method(File.java:line)}; the library's own frames are left out
 * @param awaitedBy ids of the tasks that await this one ({@code task.await()}, {@code gather})
 * @param parentId id of the task that created this one, or -1
 */
public record TaskInfo(
        long id, String name, String state, String waitingIn, List<String> stack, List<Long> awaitedBy, long parentId) {
    /** Copies the lists, so a row never changes after it was taken. */
    public TaskInfo {
        stack = List.copyOf(stack);
        awaitedBy = List.copyOf(awaitedBy);
    }
}
