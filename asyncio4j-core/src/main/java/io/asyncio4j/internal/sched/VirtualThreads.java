package io.asyncio4j.internal.sched;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InaccessibleObjectException;
import java.util.concurrent.Executor;

/**
 * The one place that reaches into the JDK to give virtual threads a custom scheduler.
 *
 * <p>The JDK builds virtual threads for a scheduler of the caller's choice through the
 * package-private {@code java.lang.ThreadBuilders.newVirtualThread(Executor, String, int,
 * Runnable)}. Each task's virtual thread gets its own scheduler object (see {@code TaskBody}): every
 * time the thread is ready to continue (started, unparked, yielded), the JDK hands its continuation
 * to that scheduler, which queues it on the loop. The scheduler is a private final field of the
 * thread, so it also tells which task a thread runs; user code cannot overwrite it, as it could a
 * thread's uncaught-exception handler. Both accesses need {@code --add-opens
 * java.base/java.lang=...}; when they are refused the error names the flag and where to put it.
 */
public final class VirtualThreads {
    private static final String BUILDERS = "java.lang.ThreadBuilders";
    private static final String VIRTUAL_THREAD = "java.lang.VirtualThread";
    private static final MethodHandle NEW_THREAD;
    private static final MethodHandle SCHEDULER;
    private static final RuntimeException UNAVAILABLE;

    static {
        MethodHandle newThread = null;
        MethodHandle scheduler = null;
        RuntimeException unavailable = null;
        try {
            Class<?> builders = Class.forName(BUILDERS);
            Class<?> virtualThread = Class.forName(VIRTUAL_THREAD);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            newThread = MethodHandles.privateLookupIn(builders, lookup)
                    .findStatic(
                            builders,
                            "newVirtualThread",
                            MethodType.methodType(
                                    Thread.class, Executor.class, String.class, int.class, Runnable.class));
            scheduler = MethodHandles.privateLookupIn(virtualThread, lookup)
                    .findGetter(virtualThread, "scheduler", Executor.class)
                    .asType(MethodType.methodType(Executor.class, Thread.class));
        } catch (InaccessibleObjectException | IllegalAccessException e) {
            unavailable = new IllegalStateException(missingFlagMessage(), e);
        } catch (ReflectiveOperationException e) {
            unavailable = new UnsupportedOperationException(
                    "asyncio4j cannot create virtual threads with a custom scheduler on this JDK ("
                            + Runtime.version()
                            + "): "
                            + BUILDERS
                            + ".newVirtualThread(Executor, String, int, Runnable) or "
                            + VIRTUAL_THREAD
                            + ".scheduler was not found. asyncio4j is built for JDK 21 to 25"
                            + " (tested on Temurin 25); please report the JDK version.",
                    e);
        }
        NEW_THREAD = newThread;
        SCHEDULER = scheduler;
        UNAVAILABLE = unavailable;
    }

    private VirtualThreads() {}

    /** The text of the error raised when the JVM was started without the needed opens. */
    public static String missingFlagMessage() {
        boolean named = VirtualThreads.class.getModule().isNamed();
        String flag = "--add-opens java.base/java.lang=" + (named ? "io.asyncio4j" : "ALL-UNNAMED");
        return "asyncio4j schedules virtual threads on its own event loop and needs the JVM option\n"
                + "    "
                + flag
                + "\n"
                + "Add it to: the java command line (java "
                + flag
                + " ...); Maven Surefire's <argLine>; "
                + "an executable jar's manifest (Add-Opens: java.base/java.lang); or the JDK_JAVA_OPTIONS "
                + "environment variable.";
    }

    /**
     * Fails with the reason when virtual threads with a custom scheduler cannot be built.
     *
     * @throws IllegalStateException if {@code --add-opens java.base/java.lang} is missing
     * @throws UnsupportedOperationException if the JDK lacks what asyncio4j reaches into
     */
    public static void checkAvailable() {
        if (UNAVAILABLE != null) {
            throw UNAVAILABLE;
        }
    }

    /**
     * A new, unstarted virtual thread running {@code body}, whose continuations go to {@code
     * scheduler}. A virtual thread that this one starts inherits the same scheduler (the JDK's rule),
     * so {@code scheduler} must tell its own thread's continuation from others.
     */
    public static Thread newThread(Executor scheduler, Runnable body) {
        checkAvailable();
        try {
            return (Thread) NEW_THREAD.invokeExact(scheduler, (String) null, 0, body);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create a virtual thread", e);
        }
    }

    /** The scheduler of virtual thread {@code thread}, or null for a platform thread. */
    public static Executor schedulerOf(Thread thread) {
        if (!thread.isVirtual() || SCHEDULER == null) {
            return null;
        }
        try {
            return (Executor) SCHEDULER.invokeExact(thread);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read the scheduler of " + thread, e);
        }
    }

    /*
     * The JDK's socket pollers. The JDK creates them lazily, at the JVM's first blocking socket
     * operation in a virtual thread; when that operation runs inside a task, the pollers' virtual
     * threads inherit the task's scheduler. They do not run on the loop (and so cannot block or
     * outlive it): TaskBody sends every continuation but its own task's to the CarrierPool. The
     * loop does not start them itself: a started poller waits in epoll_wait, a native call, and the
     * JVM's exit waits up to 300 ms for threads in native code, which a short program would pay
     * whether or not it ever used a JDK socket (ForkedJvmTest covers both).
     */
}
