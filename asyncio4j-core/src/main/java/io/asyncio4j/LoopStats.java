package io.asyncio4j;

/**
 * A snapshot of a loop's counters, from {@link Loop#stats()}. Read from another thread, the figures
 * are approximate (they are plain counters of the loop thread), which is all monitoring needs.
 *
 * @param tasksCreated tasks created since the loop opened
 * @param tasksFinished tasks that ended
 * @param liveTasks tasks not ended yet
 * @param readyQueueLength entries waiting to run now
 * @param loopLagMicros how long the latest sampled cycle took to run its ready entries: an upper
 *     bound of how long a newly ready entry waits
 * @param selectorWakeups times the loop went to sleep in its selector and woke again
 * @param cycles loop cycles run
 */
public record LoopStats(
        long tasksCreated,
        long tasksFinished,
        int liveTasks,
        int readyQueueLength,
        long loopLagMicros,
        long selectorWakeups,
        long cycles) {}
