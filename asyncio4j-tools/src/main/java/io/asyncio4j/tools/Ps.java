package io.asyncio4j.tools;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code java -jar asyncio4j-tools.jar ps PID} and {@code pstree PID} (in a clone: {@code ./aio ps
 * PID}, {@code ./aio pstree PID}): what the asyncio4j loops of another running JVM
 * are doing, like Python 3.14's {@code python -m asyncio ps} and {@code pstree}.
 *
 * <p>It attaches to the JVM with the JDK's Attach API (as {@code jcmd} does), starts the JVM's local
 * JMX agent, and reads the platform MBeans {@code io.asyncio4j:type=Loop,name=*} that every open
 * loop registers ({@code io.asyncio4j.lowlevel.LoopMXBean}). {@code ps} prints one line of figures
 * per loop, then one line per task:
 *
 * <pre>
 * PID 48213: 1 asyncio4j loop
 * LOOP        TASKS  READY  CREATED  FINISHED  LAG(us)  WAKEUPS
 * aio-loop-1      2      0        3         1       14       31
 *
 * LOOP        ID  TASK      STATE    AWAITED BY   STACK
 * aio-loop-1   1  Task-1    waiting               Asyncio.gather &lt;- Main.main(Main.java:12)
 * aio-loop-1   2  worker-1  waiting  Task-1 #1    Queue.get &lt;- Main.work(Main.java:20)
 * </pre>
 *
 * and {@code pstree} prints each loop's task tree ({@code Loop.dumpTasks()}): every live task under
 * the task that created it, with its state and the stack it is parked at ({@code --all-frames}
 * keeps asyncio4j's own frames).
 *
 * <p>The target must be a HotSpot JVM of the same user, started without {@code
 * -XX:+DisableAttachMechanism}. A process the Attach API does not list is left alone: attaching to
 * a process that is not a JVM would send it SIGQUIT, which kills most programs.
 */
public final class Ps {
    private static final String QUERY = "io.asyncio4j:type=Loop,name=*";

    /** The MBean attributes {@code ps} shows, with their column titles. */
    private static final String[] ATTRIBUTES = {
        "TaskCount", "ReadyQueueLength", "TasksCreated", "TasksFinished", "LoopLagMicros", "SelectorWakeups"
    };

    private static final String[] TITLES = {"TASKS", "READY", "CREATED", "FINISHED", "LAG(us)", "WAKEUPS"};

    private Ps() {}

    /** {@code ps PID} or {@code pstree PID}. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs {@code ps} or {@code pstree} against the JVM named by {@code args}; returns the exit
     * status: 0 when it printed the loops, 1 when the target cannot be read or runs no loop, 2 for a
     * usage error.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean allFrames = args.length == 3 && args[0].equals("pstree") && args[1].equals("--all-frames");
        if (!(args.length == 2 || allFrames) || !(args[0].equals("ps") || args[0].equals("pstree"))) {
            err.println("usage: java -jar asyncio4j-tools.jar ps PID      every task of each asyncio4j loop of JVM PID:"
                    + " state, awaiter, stack");
            err.println("       java -jar asyncio4j-tools.jar pstree [--all-frames] PID");
            err.println("                                                 the task tree of each asyncio4j loop of JVM"
                    + " PID; --all-frames keeps asyncio4j's own frames in the stacks");
            err.println("       (in a clone of asyncio4j: ./aio ps PID, ./aio pstree PID)");
            return 2;
        }
        String command = args[0];
        String pidText = args[args.length - 1];
        long pid;
        try {
            pid = Long.parseLong(pidText);
        } catch (NumberFormatException e) {
            err.println("aio " + command + ": '" + pidText + "' is not a process id");
            return 2;
        }
        try {
            List<LoopInfo> loops =
                    readLoops(pid, command.equals("ps") ? View.TABLE : allFrames ? View.TREE_ALL_FRAMES : View.TREE);
            if (loops.isEmpty()) {
                err.println("aio " + command + ": PID " + pid + " is a JVM but runs no asyncio4j loop (no MBean "
                        + QUERY + "; each loop registers one a second after it opens)");
                return 1;
            }
            if (command.equals("ps")) {
                printTable(pid, loops, out);
                printTasks(loops, out);
            } else {
                printTrees(pid, loops, out);
            }
            return 0;
        } catch (TargetException e) {
            err.println("aio " + command + ": " + e.getMessage());
            return 1;
        }
    }

    /** What to read of each loop besides its figures. */
    enum View {
        TABLE,
        TREE,
        TREE_ALL_FRAMES
    }

    /** One loop as its MBean describes it: its figures, and its task tree or its tasks. */
    record LoopInfo(String name, List<String> figures, String tree, List<TaskRow> tasks) {}

    /** One task of a loop (a row of {@code LoopMXBean.taskTable()}). */
    record TaskRow(long id, String name, String state, String waitingIn, List<String> stack, List<Long> awaitedBy) {}

    /** The target cannot be read; the message says why and what to do. */
    static final class TargetException extends Exception {
        private static final long serialVersionUID = 1L;

        TargetException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The loops of JVM {@code pid}, sorted by name, with what {@code view} asks for. */
    static List<LoopInfo> readLoops(long pid, View view) throws TargetException {
        String url = managementAgent(pid);
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(url))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            List<ObjectName> names = new ArrayList<>(server.queryNames(new ObjectName(QUERY), null));
            names.sort(Comparator.comparing(ObjectName::getCanonicalName));
            List<LoopInfo> loops = new ArrayList<>();
            for (ObjectName name : names) {
                try {
                    loops.add(readLoop(server, name, view));
                } catch (InstanceNotFoundException closedMeanwhile) {
                    // the loop closed between the query and the read: it is no longer there to show
                }
            }
            return loops;
        } catch (IOException | JMException e) {
            throw new TargetException("cannot read the MBeans of PID " + pid + " over JMX (" + url + "): " + e, e);
        }
    }

    private static LoopInfo readLoop(MBeanServerConnection server, ObjectName name, View view)
            throws IOException, JMException {
        String[] wanted = new String[ATTRIBUTES.length + 1];
        wanted[0] = "Name";
        System.arraycopy(ATTRIBUTES, 0, wanted, 1, ATTRIBUTES.length);
        AttributeList values = server.getAttributes(name, wanted);
        String loopName = name.getKeyProperty("name");
        List<String> figures = new ArrayList<>(Collections.nCopies(ATTRIBUTES.length, "?"));
        for (Attribute a : values.asList()) {
            if (a.getName().equals("Name")) {
                loopName = String.valueOf(a.getValue());
            } else {
                for (int i = 0; i < ATTRIBUTES.length; i++) {
                    if (ATTRIBUTES[i].equals(a.getName())) {
                        figures.set(i, String.valueOf(a.getValue()));
                    }
                }
            }
        }
        String dump = view == View.TABLE
                ? null
                : String.valueOf(
                        server.invoke(name, "dumpTasks", new Object[] {view == View.TREE_ALL_FRAMES}, new String[] {
                            boolean.class.getName()
                        }));
        List<TaskRow> tasks = new ArrayList<>();
        if (view == View.TABLE
                && server.invoke(name, "taskTable", new Object[0], new String[0]) instanceof CompositeData[] rows) {
            for (CompositeData row : rows) {
                tasks.add(new TaskRow(
                        (Long) row.get("id"),
                        (String) row.get("name"),
                        (String) row.get("state"),
                        (String) row.get("waitingIn"),
                        List.of((String[]) row.get("stack")),
                        List.of((Long[]) row.get("awaitedBy"))));
            }
        }
        return new LoopInfo(loopName, figures, dump, tasks);
    }

    /**
     * Attaches to {@code pid}, starts its local JMX agent (or finds the running one) and returns the
     * agent's address.
     */
    private static String managementAgent(long pid) throws TargetException {
        if (ProcessHandle.of(pid).isEmpty()) {
            throw new TargetException("no process with PID " + pid, null);
        }
        String id = Long.toString(pid);
        boolean listed = false;
        for (VirtualMachineDescriptor vm : VirtualMachine.list()) {
            listed |= vm.id().equals(id);
        }
        if (!listed) {
            String command = ProcessHandle.of(pid)
                    .flatMap(p -> p.info().command())
                    .map(c -> " (" + c + ")")
                    .orElse("");
            throw new TargetException(
                    "PID " + pid + command + " is not a Java virtual machine that can be attached to: the JDK's Attach"
                            + " API does not list it. Java processes of another user, of another container, or"
                            + " started with -XX:-UsePerfData are not listed either; run ./aio ps as the same user,"
                            + " in the same container, as the target.",
                    null);
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(id);
        } catch (AttachNotSupportedException | IOException | SecurityException e) {
            throw new TargetException(
                    "cannot attach to PID " + pid + ": " + e.getMessage() + ". The target must be a HotSpot JVM run by"
                            + " the same user, started without -XX:+DisableAttachMechanism.",
                    e);
        }
        try {
            return vm.startLocalManagementAgent();
        } catch (IOException e) {
            throw new TargetException("PID " + pid + " could not start its local JMX agent: " + e.getMessage(), e);
        } finally {
            try {
                vm.detach();
            } catch (IOException e) {
                // detaching only closes our side
            }
        }
    }

    static void printTable(long pid, List<LoopInfo> loops, PrintStream out) {
        out.println("PID " + pid + ": " + loops.size() + " asyncio4j loop" + (loops.size() == 1 ? "" : "s"));
        int nameWidth = "LOOP".length();
        for (LoopInfo loop : loops) {
            nameWidth = Math.max(nameWidth, loop.name().length());
        }
        int[] widths = new int[TITLES.length];
        for (int i = 0; i < TITLES.length; i++) {
            widths[i] = TITLES[i].length();
            for (LoopInfo loop : loops) {
                widths[i] = Math.max(widths[i], loop.figures().get(i).length());
            }
        }
        StringBuilder header = new StringBuilder(pad("LOOP", nameWidth, false));
        for (int i = 0; i < TITLES.length; i++) {
            header.append("  ").append(pad(TITLES[i], widths[i], true));
        }
        out.println(header);
        for (LoopInfo loop : loops) {
            StringBuilder line = new StringBuilder(pad(loop.name(), nameWidth, false));
            for (int i = 0; i < TITLES.length; i++) {
                line.append("  ").append(pad(loop.figures().get(i), widths[i], true));
            }
            out.println(line);
        }
    }

    /**
     * Every task of every loop, one line each, as Python 3.14's {@code asyncio ps}: its loop, id,
     * name, state, the tasks awaiting it, and where it waits (the call it is parked in, then the
     * user's frames, innermost first).
     */
    static void printTasks(List<LoopInfo> loops, PrintStream out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"LOOP", "ID", "TASK", "STATE", "AWAITED BY", "STACK"});
        for (LoopInfo loop : loops) {
            Map<Long, String> names = new HashMap<>();
            for (TaskRow t : loop.tasks()) {
                names.put(t.id(), t.name());
            }
            for (TaskRow t : loop.tasks()) {
                List<String> awaiters = new ArrayList<>();
                for (long id : t.awaitedBy()) {
                    awaiters.add(names.getOrDefault(id, "Task-" + id) + " #" + id);
                }
                List<String> stack = new ArrayList<>();
                if (!t.waitingIn().isEmpty()) {
                    stack.add(t.waitingIn());
                }
                stack.addAll(t.stack());
                lines.add(new String[] {
                    loop.name(),
                    Long.toString(t.id()),
                    t.name(),
                    t.state(),
                    String.join(", ", awaiters),
                    String.join(" <- ", stack)
                });
            }
        }
        int[] widths = new int[lines.get(0).length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        out.println();
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                boolean lastColumn = i == line.length - 1;
                text.append(lastColumn ? line[i] : pad(line[i], widths[i], i == 1));
                if (!lastColumn) {
                    text.append("  ");
                }
            }
            out.println(text.toString().stripTrailing());
        }
    }

    static void printTrees(long pid, List<LoopInfo> loops, PrintStream out) {
        out.println("PID " + pid + ": " + loops.size() + " asyncio4j loop" + (loops.size() == 1 ? "" : "s"));
        for (LoopInfo loop : loops) {
            out.println();
            String tree = loop.tree();
            out.print(tree.endsWith("\n") ? tree : tree + "\n");
        }
    }

    private static String pad(String text, int width, boolean right) {
        return String.format(Locale.ROOT, right ? "%" + width + "s" : "%-" + width + "s", text);
    }
}
