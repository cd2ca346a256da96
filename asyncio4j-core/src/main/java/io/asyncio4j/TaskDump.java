package io.asyncio4j;

import io.asyncio4j.lowlevel.TaskInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Renders {@link Loop#dumpTasks()} (live tasks as a tree, with states and stacks) and the rows of
 * {@link io.asyncio4j.lowlevel.LoopMXBean#taskTable()}.
 */
final class TaskDump {
    /** Frames of a stack in a row of the task table. */
    private static final int TABLE_FRAMES = 4;

    private TaskDump() {}

    /** {@link Loop#dumpTasks()}; with {@code allFrames} the library's own frames are shown too. */
    static String dump(Loop loop, boolean allFrames) {
        return inspect(
                loop,
                tasks -> render(loop, tasks, allFrames),
                dump -> "(loop " + loop.name() + " did not answer: its thread is busy; racy view)\n" + dump);
    }

    /** {@link io.asyncio4j.lowlevel.LoopMXBean#taskTable()}. */
    static List<TaskInfo> table(Loop loop) {
        return inspect(loop, TaskDump::table, rows -> rows);
    }

    /**
     * Runs {@code view} over the live tasks on the loop's thread. From another thread it waits up to
     * a second for the loop to run it; past that it reads the tasks as they are and passes the
     * result through {@code racy}, which marks it as such.
     */
    private static <T> T inspect(Loop loop, Function<List<Task<?>>, T> view, UnaryOperator<T> racy) {
        if (loop.isLoopThread() || loop.refusesWork()) {
            return view.apply(loop.liveTasks.list());
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            loop.callSoonThreadsafe(() -> result.complete(view.apply(loop.liveTasks.list())));
            return result.get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            return racy.apply(view.apply(loop.liveTasks.list()));
        }
    }

    static String render(Loop loop, List<Task<?>> tasks, boolean allFrames) {
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
        Tree tree = new Tree(sb, children, new StackFrames(), allFrames, System.nanoTime());
        for (int i = 0; i < roots.size(); i++) {
            tree.append(roots.get(i), "", i == roots.size() - 1);
        }
        return sb.toString();
    }

    /** One rendering of the tree: where it writes and what it shows. */
    private record Tree(
            StringBuilder sb, Map<Task<?>, List<Task<?>>> children, StackFrames frames, boolean allFrames, long now) {
        void append(Task<?> t, String indent, boolean last) {
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
                StackTraceElement[] stack = vt.getStackTrace();
                StackFrames.View view = allFrames ? frames.allView(stack) : frames.userView(stack);
                if (!view.waitingIn().isEmpty()) {
                    sb.append(childIndent)
                            .append("  in ")
                            .append(view.waitingIn())
                            .append('\n');
                }
                for (StackTraceElement frame : view.frames()) {
                    sb.append(childIndent).append("  at ").append(frame).append('\n');
                }
            }
            List<Task<?>> kids = children.getOrDefault(t, List.of());
            for (int i = 0; i < kids.size(); i++) {
                append(kids.get(i), childIndent, i == kids.size() - 1);
            }
        }
    }

    /** One row per live task, oldest first: Python 3.14's {@code asyncio ps} table. */
    static List<TaskInfo> table(List<Task<?>> tasks) {
        Map<Task<?>, List<Long>> awaitedBy = new IdentityHashMap<>();
        for (Task<?> waiter : tasks) {
            Object awaited = waiter.awaiting;
            if (awaited instanceof Task<?> t) {
                awaitedBy.computeIfAbsent(t, k -> new ArrayList<>()).add(waiter.id());
            } else if (awaited instanceof Gathering g) {
                for (Awaitable<?> a : g.items) {
                    if (a instanceof Task<?> t) {
                        awaitedBy.computeIfAbsent(t, k -> new ArrayList<>()).add(waiter.id());
                    }
                }
            }
        }
        StackFrames frames = new StackFrames();
        List<TaskInfo> rows = new ArrayList<>(tasks.size());
        for (Task<?> t : tasks.reversed()) { // the live list is newest first
            String waitingIn = "";
            List<String> stack = new ArrayList<>();
            Thread vt = t.thread;
            if (vt != null && vt != Thread.currentThread() && t.phase == Task.RUNNING) {
                StackFrames.View view = frames.userView(vt.getStackTrace());
                waitingIn = view.waitingIn();
                for (StackTraceElement frame : view.frames()) {
                    if (stack.size() == TABLE_FRAMES) {
                        break;
                    }
                    stack.add(StackFrames.compact(frame));
                }
            }
            Task<?> parent = t.parent;
            rows.add(new TaskInfo(
                    t.id(),
                    t.getName(),
                    vt == Thread.currentThread() ? "running" : state(t),
                    waitingIn,
                    stack,
                    awaitedBy.getOrDefault(t, List.of()),
                    parent == null ? -1 : parent.id()));
        }
        return rows;
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

    /** asyncio4j's own classes on the path that creates a task, left out of creation sites. */
    private static final java.util.Set<String> CREATION_PATH = java.util.Set.of(
            "io.asyncio4j.Task",
            "io.asyncio4j.Task$DebugInfo",
            "io.asyncio4j.Loop",
            "io.asyncio4j.LiveTasks",
            "io.asyncio4j.OutsideCalls",
            "io.asyncio4j.OutsideCalls$CreateTask",
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
