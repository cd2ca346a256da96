package io.asyncio4j;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders {@link Loop#dumpTasks()}: live tasks as a tree, with states and stacks. */
final class TaskDump {
    private static final int FRAMES = 8;

    private TaskDump() {}

    static String render(Loop loop, List<Task<?>> tasks) {
        Set<Task<?>> live = new HashSet<>(tasks);
        Map<Task<?>, List<Task<?>>> children = new IdentityHashMap<>();
        List<Task<?>> roots = new ArrayList<>();
        for (Task<?> t : tasks.reversed()) { // the live list is newest first
            Task<?> parent = t.parent;
            if (parent != null && live.contains(parent)) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(t);
            } else {
                roots.add(t);
            }
        }
        StringBuilder sb = new StringBuilder();
        LoopStats stats = loop.stats();
        sb.append("Loop ")
                .append(loop.name())
                .append(": ")
                .append(tasks.size())
                .append(tasks.size() == 1 ? " task, " : " tasks, ")
                .append(stats.readyQueueLength())
                .append(" ready entries, lag ")
                .append(stats.loopLagMicros())
                .append(" µs\n");
        long now = System.nanoTime();
        for (int i = 0; i < roots.size(); i++) {
            append(sb, roots.get(i), children, "", i == roots.size() - 1, now);
        }
        return sb.toString();
    }

    private static void append(
            StringBuilder sb, Task<?> t, Map<Task<?>, List<Task<?>>> children, String indent, boolean last, long now) {
        sb.append(indent)
                .append(last ? "└── " : "├── ")
                .append(t.getName())
                .append(" [")
                .append(state(t));
        if (t.debugInfo != null) {
            sb.append(" for ")
                    .append((now - t.debugInfo.stateSince) / 1_000_000)
                    .append(" ms");
        }
        sb.append("]\n");
        String childIndent = indent + (last ? "    " : "│   ");
        Thread vt = t.thread;
        if (vt == Thread.currentThread()) {
            sb.append(childIndent).append("  (this task: it is taking the dump)\n");
        } else if (vt != null && t.phase == Task.RUNNING) {
            for (StackTraceElement frame : trim(vt.getStackTrace())) {
                sb.append(childIndent).append("  at ").append(frame).append('\n');
            }
        }
        List<Task<?>> kids = children.getOrDefault(t, List.of());
        for (int i = 0; i < kids.size(); i++) {
            append(sb, kids.get(i), children, childIndent, i == kids.size() - 1, now);
        }
    }

    private static String state(Task<?> t) {
        if (t.phase == Task.CREATED) {
            return "pending start";
        }
        if (t.isWaiting()) {
            return "waiting";
        }
        Thread vt = t.thread;
        return switch (vt.getState()) {
            case WAITING, TIMED_WAITING, BLOCKED -> "blocked in a JDK call";
            default -> vt.toString().contains("@") ? "running" : "ready";
        };
    }

    /** Frames of the parking machinery, left out of dumps: the frame below them is the one to show. */
    private static boolean machinery(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("java.lang.VirtualThread")
                || c.startsWith("jdk.internal.")
                || c.startsWith("java.lang.Thread")
                || c.equals("java.util.concurrent.locks.LockSupport")
                || c.equals("io.asyncio4j.Task")
                || c.equals("io.asyncio4j.TaskAccessImpl")
                || c.equals("io.asyncio4j.lowlevel.Parking");
    }

    /** The frames of a task's stack worth showing: from where it parked, up to FRAMES. */
    private static List<StackTraceElement> trim(StackTraceElement[] stack) {
        List<StackTraceElement> shown = new ArrayList<>();
        int start = 0;
        while (start < stack.length && machinery(stack[start])) {
            start++;
        }
        for (int i = start; i < stack.length && shown.size() < FRAMES; i++) {
            shown.add(stack[i]);
        }
        return shown;
    }

    /** Up to {@code max} frames as text, one per line. */
    private static final java.util.Set<String> CREATION_PATH = java.util.Set.of(
            "io.asyncio4j.Task",
            "io.asyncio4j.Task$DebugInfo",
            "io.asyncio4j.Loop",
            "io.asyncio4j.Asyncio",
            "io.asyncio4j.TaskGroup",
            "io.asyncio4j.Gathering");

    /** The first frame of {@code site} past asyncio4j's own creation path: where user code created it. */
    static String firstUserFrame(Throwable site) {
        StackTraceElement[] all = site.getStackTrace();
        for (StackTraceElement e : all) {
            if (!CREATION_PATH.contains(e.getClassName())) {
                return e.toString();
            }
        }
        return all.length > 0 ? all[all.length - 1].toString() : "(unknown)";
    }
}
