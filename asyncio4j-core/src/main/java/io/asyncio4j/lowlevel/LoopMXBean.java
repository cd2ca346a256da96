package io.asyncio4j.lowlevel;

/**
 * What each open loop publishes as the platform MBean {@code io.asyncio4j:type=Loop,name=<loop
 * name>}: its counters and a dump of its tasks. {@code ./aio ps PID} and {@code ./aio pstree PID}
 * read it from another JVM; so can JConsole or any JMX client.
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

    /** The tree of live tasks with their states and stacks (see {@code Loop.dumpTasks()}). */
    String dumpTasks();
}
