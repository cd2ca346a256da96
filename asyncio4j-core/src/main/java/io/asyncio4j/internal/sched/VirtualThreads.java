package io.asyncio4j.internal.sched;

import java.lang.reflect.Constructor;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Executor;

/**
 * The one place that reaches into the JDK to give virtual threads a custom scheduler.
 *
 * <p>The JDK builds virtual threads for a scheduler of the caller's choice through the
 * package-private constructor {@code java.lang.ThreadBuilders$VirtualThreadBuilder(Executor)}. Our
 * loop is that executor: every time a task's virtual thread is ready to continue (started,
 * unparked, yielded), the JDK hands its continuation to {@code Loop.execute}, and the loop thread
 * runs it. That single reflective call needs {@code --add-opens java.base/java.lang=...}; when it
 * is refused the error names the flag and where to put it.
 */
public final class VirtualThreads {
    private static final String BUILDER = "java.lang.ThreadBuilders$VirtualThreadBuilder";
    private static final Constructor<?> CONSTRUCTOR;
    private static final RuntimeException UNAVAILABLE;

    static {
        Constructor<?> constructor = null;
        RuntimeException unavailable = null;
        try {
            constructor = Class.forName(BUILDER).getDeclaredConstructor(Executor.class);
            constructor.setAccessible(true);
        } catch (InaccessibleObjectException e) {
            unavailable = new IllegalStateException(missingFlagMessage(), e);
        } catch (ReflectiveOperationException e) {
            unavailable = new UnsupportedOperationException(
                    "asyncio4j cannot create virtual threads with a custom scheduler on this JDK ("
                            + Runtime.version()
                            + "): "
                            + BUILDER
                            + "(Executor) was not found. asyncio4j is built for JDK 21 to 25"
                            + " (tested on Temurin 25); please report the JDK version.",
                    e);
        }
        CONSTRUCTOR = constructor;
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
     * Returns a builder of virtual threads whose continuations run on {@code scheduler}.
     *
     * @throws IllegalStateException if {@code --add-opens java.base/java.lang} is missing
     */
    public static Thread.Builder.OfVirtual builder(Executor scheduler) {
        if (UNAVAILABLE != null) {
            throw UNAVAILABLE;
        }
        try {
            return (Thread.Builder.OfVirtual) CONSTRUCTOR.newInstance(scheduler);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot create a virtual thread builder", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a virtual thread builder", e);
        }
    }

    /**
     * Starts the JDK's socket pollers from a platform thread.
     *
     * <p>The JDK creates its poller threads lazily, at the JVM's first blocking socket operation
     * in a virtual thread. If that operation runs inside a loop task, the pollers are created as
     * virtual threads that inherit the loop as their scheduler; a poller then blocks the loop thread
     * and the loop deadlocks. Initialising the poller class here, before the first loop runs any
     * task, starts them on the JDK's own threads.
     */
    public static void startSocketPollers() {
        try {
            Class.forName("sun.nio.ch.Poller", true, null);
        } catch (ClassNotFoundException | LinkageError e) {
            // A JDK without this class has no lazily created pollers to guard against.
        }
    }
}
