package io.asyncio4j;

import io.asyncio4j.lowlevel.LoopMXBean;
import io.asyncio4j.lowlevel.TaskInfo;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * A loop's platform MBean ({@link LoopMXBean}), registered while the loop is open.
 *
 * <p>Registration happens on a background thread ({@code asyncio4j-mbeans}), {@link
 * #registrationDelayMillis} after the loop opened, never on the path of {@code Asyncio.run}: the
 * first use of the JVM's platform MBean server starts all of JMX and lists every diagnostic command
 * (JFR's included), about 500 classes, 0.3 s of CPU and up to a second of wall time on a small
 * machine. A short program ends before it would pay that; a long one pays it once, off its loops'
 * threads (not in its first second, whose warm-up it would slow on a machine of two cores: W2's
 * first million messages took about 1.5 times as long with a quarter of a second). {@code ./aio ps}
 * therefore lists a loop from a second after it opened.
 *
 * <p>Threads: {@link #register} runs as the loop opens, {@link #unregister} as it closes, {@link
 * #registerNow} on the registrar's thread; all are platform threads, and the state they share is
 * guarded by this object's monitor, never held across a JMX call. A close that meets a registration
 * in flight waits for it, so a closed loop never leaves its MBean behind; it does not wait for JMX
 * to start, which the registrar does first, outside that state.
 */
final class LoopManagement implements LoopMXBean {
    /** How long a loop is open before its MBean is registered; tests change it. */
    static volatile long registrationDelayMillis = 1000;

    /**
     * Tries when the name is taken: a closed loop of the same name may still be in the middle of its
     * own registration, which it undoes at once. Two open loops of one name keep colliding.
     */
    private static final int NAME_TAKEN_TRIES = 4;

    private final Loop loop;
    private long registerAfterNanos;
    private int tries;

    // Guarded by this.
    private ObjectName name;
    private boolean closed;
    /** The registrar is inside JMX registering this MBean; a close waits for it to finish. */
    private boolean registering;

    LoopManagement(Loop loop) {
        this.loop = loop;
    }

    /** Asks for the MBean to be registered soon, off this thread: as the loop opens, and on a retry. */
    void register() {
        registerAfterNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(registrationDelayMillis);
        Registrar.schedule(this);
    }

    /** Runs on the registrar's thread just before it starts JMX for a loop; tests hold it there. */
    static volatile Runnable beforeJmxStarts;

    /** Registers the MBean unless the loop has closed meanwhile. Registrar thread. */
    private void registerNow() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        // Starting JMX (the first use of the platform MBean server) takes 0.3 s of CPU and up to a
        // second of wall time on a small machine. A loop that closes meanwhile must not wait for it:
        // a program that ends just after its first second would end that much later. It waits only
        // for the registration itself, below.
        Runnable hook = beforeJmxStarts;
        if (hook != null) {
            hook.run();
        }
        Jmx.start();
        synchronized (this) {
            if (closed) {
                return;
            }
            registering = true;
        }
        ObjectName n = null;
        try {
            n = Jmx.register(this);
        } finally {
            synchronized (this) {
                name = n;
                registering = false;
                notifyAll();
            }
        }
    }

    /**
     * The calls that name JMX's exception types, in a class of their own: verifying a method that
     * catches one loads it, and LoopManagement itself is loaded by every Loop.open (a forked test
     * checks that a hello world loads no javax.management class).
     */
    private static final class Jmx {
        /** Starts the platform MBean server, if no one has yet. */
        static void start() {
            try {
                ManagementFactory.getPlatformMBeanServer();
            } catch (RuntimeException e) {
                // register reports it, as it meets the same failure
            }
        }

        /** Registers {@code m}'s MBean; returns its name, or null when it was not registered. */
        static ObjectName register(LoopManagement m) {
            Loop loop = m.loop;
            try {
                ObjectName n = new ObjectName("io.asyncio4j:type=Loop,name=" + ObjectName.quote(loop.name()));
                ManagementFactory.getPlatformMBeanServer().registerMBean(m, n);
                return n;
            } catch (InstanceAlreadyExistsException e) {
                if (++m.tries < NAME_TAKEN_TRIES) {
                    m.register();
                } else {
                    loop.reportError(
                            "cannot register the loop's MBean: another open loop is named '" + loop.name()
                                    + "'; ./aio ps will not see this loop (give loops distinct names)",
                            e,
                            null);
                }
            } catch (JMException | RuntimeException e) {
                loop.reportError("cannot register the loop's MBean; ./aio ps will not see this loop", e, null);
            }
            return null;
        }

        static void unregister(ObjectName n) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(n);
            } catch (JMException | RuntimeException e) {
                // the platform server is going away with the JVM
            }
        }
    }

    /** Removes the MBean, or makes sure a registration still to come does not happen. Loop thread. */
    void unregister() {
        ObjectName n;
        synchronized (this) {
            closed = true;
            // A registration in flight is awaited, so the MBean is gone when the loop has closed
            // (the server sees it, and notifies listeners, before registerMBean returns).
            boolean interrupted = false;
            while (registering) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            n = name;
            name = null;
        }
        if (n != null) {
            Jmx.unregister(n);
        }
        Registrar.drop(this);
    }

    /** Whether every registration asked for so far has been done or dropped (for tests). */
    static boolean registrarIdle() {
        return Registrar.pending.get() == 0;
    }

    /**
     * The one background thread that registers loops' MBeans, started by the first loop. It is a
     * daemon: a program may end while it initialises JMX.
     */
    private static final class Registrar {
        private static final ConcurrentLinkedQueue<LoopManagement> queue = new ConcurrentLinkedQueue<>();
        private static final AtomicInteger pending = new AtomicInteger();
        private static final AtomicBoolean started = new AtomicBoolean();
        private static volatile Thread thread;

        static void schedule(LoopManagement m) {
            pending.incrementAndGet();
            queue.add(m);
            if (started.compareAndSet(false, true)) {
                Thread t = new Thread(new Runner(), "asyncio4j-mbeans"); // no lambda: see Loop on start-up
                t.setDaemon(true);
                thread = t;
                t.start();
            } else {
                Thread t = thread;
                if (t != null) {
                    LockSupport.unpark(t); // a thread not yet assigned has not looked at the queue yet
                }
            }
        }

        /**
         * Takes out the registration of a loop that closed before it was due, so that a closed loop
         * leaves nothing pending. Whoever removes a registration from the queue (this, or the
         * registrar as it comes due) counts it done.
         */
        static void drop(LoopManagement m) {
            if (queue.remove(m)) {
                pending.decrementAndGet();
            }
        }

        /** The registrar thread's body. */
        private static final class Runner implements Runnable {
            @Override
            public void run() {
                Registrar.run();
            }
        }

        /** Loops are queued in the order they opened, so the head is always the first one due. */
        private static void run() {
            while (true) {
                LoopManagement m = queue.peek();
                if (m == null) {
                    LockSupport.park();
                    continue;
                }
                long wait = m.registerAfterNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                if (!queue.remove(m)) {
                    continue; // its loop closed meanwhile and took it out (see drop)
                }
                try {
                    m.registerNow();
                } finally {
                    pending.decrementAndGet();
                }
            }
        }
    }

    @Override
    public String getName() {
        return loop.name();
    }

    @Override
    public int getTaskCount() {
        return loop.stats().liveTasks();
    }

    @Override
    public int getReadyQueueLength() {
        return loop.stats().readyQueueLength();
    }

    @Override
    public long getTasksCreated() {
        return loop.stats().tasksCreated();
    }

    @Override
    public long getTasksFinished() {
        return loop.stats().tasksFinished();
    }

    @Override
    public long getLoopLagMicros() {
        return loop.stats().loopLagMicros();
    }

    @Override
    public long getSelectorWakeups() {
        return loop.stats().selectorWakeups();
    }

    @Override
    public String dumpTasks() {
        return loop.dumpTasks(false);
    }

    @Override
    public String dumpTasks(boolean allFrames) {
        return loop.dumpTasks(allFrames);
    }

    @Override
    public List<TaskInfo> taskTable() {
        return loop.taskTable();
    }
}
