package io.asyncio4j.internal.loop;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;

/**
 * The failed awaitables of one loop whose exception nobody has retrieved yet: asyncio's "exception
 * was never retrieved". An awaitable that fails is tracked here through a weak reference; whoever
 * retrieves its exception marks the record, and the loop reports the records that were never
 * retrieved when their awaitable is garbage-collected, or when the loop closes.
 *
 * <p>Threads: the set and the reference queue are the loop thread's (no locks); only {@link
 * Record#retrieved} is written by other threads, which is why it is volatile.
 */
public final class FailureTracker {
    /** A failed awaitable whose exception nobody retrieved yet. */
    public static final class Record extends WeakReference<Object> {
        /** The exception nobody retrieved. */
        public final Throwable exception;
        /** The awaitable for a report ("Task 'name'", "a Future"). */
        public final String what;
        /** Where the task was created (debug mode), or null. */
        public final Throwable creationSite;
        /** Set by whoever retrieves the exception, on any thread; the loop then never reports it. */
        public volatile boolean retrieved;

        Record(Object source, Throwable exception, String what, Throwable creationSite, ReferenceQueue<Object> queue) {
            super(source, queue);
            this.exception = exception;
            this.what = what;
            this.creationSite = creationSite;
        }
    }

    private final HashSet<Record> failures = new HashSet<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    /** Reports a record that was never retrieved. Loop thread. */
    public interface Reporter {
        /** Reports {@code record}, whose exception nobody retrieved. */
        void neverRetrieved(Record record);
    }

    private final Reporter report;

    public FailureTracker(Reporter report) {
        this.report = report;
    }

    /** Tracks {@code source}, which failed with {@code exception}. Loop thread only. */
    public Record track(Object source, Throwable exception, String what, Throwable creationSite) {
        Record record = new Record(source, exception, what, creationSite, collected);
        failures.add(record);
        return record;
    }

    /** Loop thread only: forgets a retrieved failure at once (retrieval elsewhere sets the flag only). */
    public void retrieved(Record record) {
        failures.remove(record);
        record.clear();
    }

    /** Whether no failure is tracked; the loop's cycle skips {@link #reportCollected} then. */
    public boolean isEmpty() {
        return failures.isEmpty();
    }

    /** Reports the never-retrieved failures whose awaitable has been garbage-collected. */
    public void reportCollected() {
        Record record;
        while ((record = (Record) collected.poll()) != null) {
            if (failures.remove(record) && !record.retrieved) {
                report.neverRetrieved(record);
            }
        }
    }

    /** At close: reports every failure never retrieved, collected or not, and forgets them all. */
    public void reportAll() {
        reportCollected();
        for (Record record : new ArrayList<>(failures)) {
            if (!record.retrieved) {
                report.neverRetrieved(record);
            }
        }
        failures.clear();
    }
}
