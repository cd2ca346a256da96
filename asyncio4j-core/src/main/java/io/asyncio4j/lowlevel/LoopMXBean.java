package io.asyncio4j.lowlevel;

import java.util.List;

/**
 * What each open loop publishes as the platform MBean {@code io.asyncio4j:type=Loop,name=<loop
 * name>}: its counters, a table of its tasks and a dump of its task tree. {@code ./aio ps PID} and
 * {@code ./aio pstree PID} read it from another JVM; so can JConsole or any JMX client.
 */
public interface LoopMXBean {
    /** The loop's name. */
    String getName();

    /** Tasks not ended yet. */
    int getTaskCount();

    /** Entries ready to run now. */
    int getReadyQueueLength();

    /** Tasks created since the loop opened. */
    long getTasksCreated();

    /** Tasks that ended. */
    long getTasksFinished();

    /** Duration of the latest sampled cycle's ready entries, in microseconds. */
    long getLoopLagMicros();

    /** Times the loop slept in its selector and woke again. */
    long getSelectorWakeups();

    /**
     * The tree of live tasks with their states and the user's frames of their stacks (see {@code
     * Loop.dumpTasks()}).
     */
    String dumpTasks();

    /** {@link #dumpTasks()}; with {@code allFrames} the stacks keep asyncio4j's own frames too. */
    String dumpTasks(boolean allFrames);

    /** One row per live task, oldest first: what {@code aio ps} prints. */
    List<TaskInfo> taskTable();
}
