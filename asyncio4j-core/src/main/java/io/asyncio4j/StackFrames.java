package io.asyncio4j;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells the user's frames of a task's stack from asyncio4j's own and the JDK's, so a task dump can
 * show where the user's code waits rather than how the library parks it.
 *
 * <p>A frame belongs to the library when its class comes from the same jar (or classes folder) as
 * one of the library modules; the name alone cannot tell, since the library's own tests and examples
 * live in {@code io.asyncio4j} packages too. One instance per dump: it caches what it looked up and
 * is used by one thread.
 */
final class StackFrames {
    /** A class of each library module; a module that is not on the class path is skipped. */
    private static final List<String> LIBRARY_MODULES =
            List.of("io.asyncio4j.Asyncio", "io.asyncio4j.http.Headers", "io.asyncio4j.testing.AsyncioTest");

    /** Frames shown per task when the library's are left out, and when all are shown. */
    static final int USER_FRAMES = 8;

    static final int ALL_FRAMES = 48;

    private final Set<String> libraryLocations = new HashSet<>();
    private final Map<String, Boolean> libraryClasses = new HashMap<>();

    StackFrames() {
        for (String anchor : LIBRARY_MODULES) {
            String location = location(anchor);
            if (location != null) {
                libraryLocations.add(location);
            }
        }
    }

    /** What a dump shows of one stack: the call the task is parked in, and the frames to print. */
    record View(String waitingIn, List<StackTraceElement> frames) {}

    /**
     * The user's view of {@code stack} (innermost first): the library or JDK call the task is parked
     * in (the frame the user's code called, as {@code Class.method}), then the user's frames, with
     * the library's own and the JDK's frames below the last user frame left out. A stack without a
     * user frame (a task whose body is a library method, such as {@code event::await}) shows no
     * frame, only the call: the outermost one above the frames that run a task's body.
     */
    View userView(StackTraceElement[] stack) {
        int first = 0;
        while (first < stack.length && !isUser(stack[first])) {
            first++;
        }
        if (first == stack.length) {
            int body = stack.length - 1;
            while (body >= 0 && runsTaskBodies(stack[body])) {
                body--;
            }
            return new View(body < 0 ? "" : shortName(stack[body]), List.of());
        }
        String waitingIn = first == 0 ? "" : shortName(stack[first - 1]);
        int last = stack.length - 1;
        while (!isUser(stack[last])) {
            last--;
        }
        List<StackTraceElement> shown = new ArrayList<>();
        for (int i = first; i <= last && shown.size() < USER_FRAMES; i++) {
            if (!isLibrary(stack[i])) {
                shown.add(stack[i]);
            }
        }
        return new View(waitingIn, shown);
    }

    /**
     * Every frame from where the task parked, past the virtual-thread parking machinery; the call it
     * is parked in as in {@link #userView}.
     */
    View allView(StackTraceElement[] stack) {
        return new View(userView(stack).waitingIn(), machineryLeftOut(stack, ALL_FRAMES));
    }

    private static List<StackTraceElement> machineryLeftOut(StackTraceElement[] stack, int max) {
        int start = 0;
        while (start < stack.length && parkingMachinery(stack[start])) {
            start++;
        }
        List<StackTraceElement> shown = new ArrayList<>();
        for (int i = start; i < stack.length && shown.size() < max; i++) {
            shown.add(stack[i]);
        }
        return shown;
    }

    /** {@code Class.method}, the class without its package: {@code Queue.get}, {@code Thread.sleep}. */
    static String shortName(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.substring(c.lastIndexOf('.') + 1) + "." + frame.getMethodName();
    }

    /** {@code Class.method(File.java:12)}, the class without its package. */
    static String compact(StackTraceElement frame) {
        String file = frame.getFileName();
        int line = frame.getLineNumber();
        return shortName(frame) + "(" + (file == null ? "Unknown Source" : file + (line >= 0 ? ":" + line : "")) + ")";
    }

    boolean isUser(StackTraceElement frame) {
        return !isPlatform(frame) && !isLibrary(frame);
    }

    /**
     * The JDK's frames, and a test runner's: neither is the program's, but both may sit between two
     * of its frames (a stream's forEach calling the program's lambda) and are kept there.
     */
    static boolean isPlatform(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("java.")
                || c.startsWith("org.junit.")
                || c.startsWith("org.apache.maven.surefire.")
                || c.startsWith("javax.")
                || c.startsWith("jdk.")
                || c.startsWith("sun.")
                || c.startsWith("com.sun.");
    }

    boolean isLibrary(StackTraceElement frame) {
        String c = frame.getClassName();
        if (!c.startsWith("io.asyncio4j.")) {
            return false;
        }
        return libraryClasses.computeIfAbsent(c, name -> {
            String location = location(name);
            // A class this loader cannot see is judged by its name: the library is io.asyncio4j
            // outside the examples.
            return location == null ? !name.startsWith("io.asyncio4j.examples.") : libraryLocations.contains(location);
        });
    }

    /** Frames at the bottom of every task's stack, which run its body. */
    private static boolean runsTaskBodies(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("java.lang.VirtualThread")
                || c.equals("io.asyncio4j.Task")
                || c.equals("io.asyncio4j.TaskBody")
                || c.equals("io.asyncio4j.AsyncRunnable");
    }

    /** Frames of the virtual-thread parking machinery, above the call the task is parked in. */
    private static boolean parkingMachinery(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("java.lang.VirtualThread")
                || c.startsWith("jdk.internal.")
                || c.equals("java.lang.Thread")
                || c.equals("java.lang.System$1")
                || c.equals("java.util.concurrent.locks.LockSupport")
                || c.equals("io.asyncio4j.Task")
                || c.equals("io.asyncio4j.TaskAccessImpl")
                || c.equals("io.asyncio4j.lowlevel.Parking");
    }

    /** Where the class named {@code name} was loaded from, or null if it cannot be found. */
    private static String location(String name) {
        try {
            Class<?> c = Class.forName(name, false, StackFrames.class.getClassLoader());
            CodeSource source = c.getProtectionDomain().getCodeSource();
            return source == null || source.getLocation() == null
                    ? null
                    : source.getLocation().toString();
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return null;
        }
    }
}
