package io.asyncio4j.internal.loop;

import io.asyncio4j.internal.Log;
import io.asyncio4j.internal.jfr.LoopStallEvent;
import io.asyncio4j.internal.jfr.SlowTaskEvent;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Debug mode's watch over one loop: times each ready entry and reports one that held the loop
 * longer than the slow threshold, and, from a platform thread of its own, samples where such an
 * entry is (so the report shows where it was, not where it ended) and reports a stall (an entry
 * running ten times the threshold: a task pinned in native code or a class initializer, say), which
 * the loop cannot report itself.
 *
 * <p>Threads: {@link #entryStarted} and {@link #entryEnded} run on the loop thread; the watchdog
 * thread reads the entry fields and writes the sample. Every shared field is volatile; a sample
 * may be one entry late, which only makes a report less precise.
 */
public final class Watchdog {

    /** What held the loop when sampled: a task's description (or "a callback") and its stack. */
    public record Sample(String who, StackTraceElement[] stack) {}

    private final String loopName;
    private final long slowNanos;
    private final BooleanSupplier closed;
    private final Supplier<Sample> sampler;
    private final BiConsumer<String, Throwable> reportError;

    // Written by the loop thread, read by the watchdog thread.
    /** When the current ready entry started (0 between entries). */
    private volatile long entryStart;
    /** The sequence number of the current ready entry. */
    private volatile long entrySeq;

    // Written by the watchdog thread; the loop thread takes the sample when it reports. One
    // reference, so a report never pairs one task's name with another's stack.
    private volatile long stallReportedSeq = -1;
    private final AtomicReference<Taken> slowSample = new AtomicReference<>();

    /** A sample and the entry it was taken in: a report uses only its own entry's sample. */
    private record Taken(long seq, Sample sample) {}

    /**
     * @param closed whether the loop has closed: the watchdog thread then ends
     * @param sampler samples the loop thread's running task (or its carrier); watchdog thread
     * @param reportError the loop's exception handler; loop thread
     */
    public Watchdog(
            String loopName,
            long slowNanos,
            BooleanSupplier closed,
            Supplier<Sample> sampler,
            BiConsumer<String, Throwable> reportError) {
        this.loopName = loopName;
        this.slowNanos = slowNanos;
        this.closed = closed;
        this.sampler = sampler;
        this.reportError = reportError;
    }

    /** Marks the start of a ready entry; returns its start time for {@link #entryEnded}. Loop thread. */
    public long entryStarted() {
        long start = System.nanoTime();
        entryStart = start;
        return start;
    }

    /** Marks the end of the ready entry started at {@code start}; reports it if it was slow. Loop thread. */
    public void entryEnded(long start) {
        entryStart = 0;
        long held = System.nanoTime() - start;
        long seq = entrySeq++;
        if (held > slowNanos) {
            reportSlow(held, seq);
        }
    }

    private void reportSlow(long held, long seq) {
        Taken taken = slowSample.getAndSet(null);
        Sample sample = taken != null && taken.seq() == seq ? taken.sample() : null;
        StackTraceElement[] stack = sample != null ? sample.stack() : null;
        String who = sample != null ? sample.who() : null;
        Throwable where = new Throwable(
                stack != null ? "where " + who + " was running when sampled" : "no stack sample (too short)");
        where.setStackTrace(stack != null ? stack : new StackTraceElement[0]);
        String message = (who != null ? who : "a callback or task") + " held loop " + loopName + " for "
                + held / 1_000_000 + " ms (slowCallbackDuration " + slowNanos / 1_000_000
                + " ms); " + advice(stack);
        var event = new SlowTaskEvent();
        if (event.shouldCommit()) {
            event.loop = loopName;
            event.task = who;
            event.held = held;
            event.stack = stackText(stack, 12);
            event.commit();
        }
        reportError.accept(message, where);
        if (stallReportedSeq == seq) {
            Log.core().log(System.Logger.Level.WARNING, "loop " + loopName + " is cycling again after a stall");
        }
    }

    /** Starts the watchdog thread; it ends once the loop has closed. */
    public void start() {
        Thread watchdog = new Thread(
                () -> {
                    long period = Math.max(1_000_000, slowNanos / 2);
                    while (!closed.getAsBoolean()) {
                        LockSupport.parkNanos(period);
                        long start = entryStart;
                        long seq = entrySeq;
                        if (start == 0) {
                            continue;
                        }
                        long held = System.nanoTime() - start;
                        Taken taken = slowSample.get();
                        if (held > slowNanos && (taken == null || taken.seq() != seq)) {
                            Sample sample = sampler.get();
                            // Kept only if the entry did not change while it was taken.
                            if (entrySeq == seq && entryStart == start) {
                                taken = new Taken(seq, sample);
                                slowSample.set(taken);
                            }
                        }
                        if (held > 10 * slowNanos && stallReportedSeq != seq && taken != null && taken.seq() == seq) {
                            stallReportedSeq = seq;
                            reportStall(held, taken.sample());
                        }
                    }
                },
                loopName + "-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void reportStall(long held, Sample sample) {
        String stack = stackText(sample.stack(), 20);
        var event = new LoopStallEvent();
        if (event.shouldCommit()) {
            event.loop = loopName;
            event.stalledFor = held;
            event.stack = stack;
            event.commit();
        }
        Log.core()
                .log(
                        System.Logger.Level.WARNING,
                        "loop " + loopName + " has not cycled for " + held / 1_000_000 + " ms; " + sample.who()
                                + " holds its thread at:\n" + stack + advice(sample.stack()));
    }

    /**
     * What to do about an entry that held the loop. Class initialisation gets its own advice: a
     * static initialiser cannot give up the thread, so however it waits, it holds the loop.
     */
    static String advice(StackTraceElement[] stack) {
        if (stack != null) {
            for (StackTraceElement frame : stack) {
                if (frame.getMethodName().equals("<clinit>")) {
                    return "it is initialising class " + frame.getClassName() + ", and class initialisation cannot"
                            + " give up the loop's thread however it waits (a first use of a large JDK API such as"
                            + " java.net.http.HttpClient does this): use the class once before the loop runs, or"
                            + " the first time in Asyncio.toThread";
                }
            }
        }
        return "move blocking or CPU-heavy work to Asyncio.toThread";
    }

    private static String stackText(StackTraceElement[] stack, int max) {
        if (stack == null) {
            return "(no sample)";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < stack.length && i < max; i++) {
            sb.append("    at ").append(stack[i]).append('\n');
        }
        return sb.toString();
    }
}
