package io.asyncio4j;

import io.asyncio4j.lowlevel.LoopMXBean;
import java.lang.management.ManagementFactory;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CountDownLatch;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A loop's platform MBean ({@link LoopMXBean}), registered while the loop is open.
 *
 * <p>Registration is kept off the path of {@code Loop.open}: the first registration of the JVM
 * creates the platform MBean server, which loads and registers the JDK's own MBeans (about 700
 * classes, JFR's among them, and some 150 ms of CPU), a cost a short program should not pay and
 * that no one sees unless a tool attaches. So a daemon thread shared by all loops registers a loop's
 * MBean a second after the loop opened; {@code aio ps} and {@code aio pstree} attach
 * to programs that have lived longer than that. Closing the loop cancels a registration that has
 * not happened yet, or unregisters the MBean.
 */
final class LoopManagement implements LoopMXBean {
    /** How long after opening a loop its MBean is registered; tests change it. */
    static volatile long delayMillis = 1000;

    /** The daemon thread of every loop's registration; created with the first loop. */
    private static final class Registrar {
        static final Timer TIMER = new Timer("asyncio4j-mbeans", true);
    }

    private final Loop loop;
    /** Counted down once the registration has been tried (or cancelled); tests wait on it. */
    private final CountDownLatch settled = new CountDownLatch(1);

    // Guarded by this: the registration thread and the loop's closing both change them.
    private TimerTask pending;
    private ObjectName name;
    private boolean closed;

    LoopManagement(Loop loop) {
        this.loop = loop;
    }

    /** Schedules the registration; any thread. */
    synchronized void register() {
        if (closed || pending != null) {
            return;
        }
        pending = new TimerTask() {
            @Override
            public void run() {
                registerNow();
            }
        };
        Registrar.TIMER.schedule(pending, delayMillis);
    }

    /** Registers the MBean at once (on the registration thread, or from a test). */
    void registerNow() {
        try {
            synchronized (this) {
                if (closed || name != null) {
                    return;
                }
            }
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName n = Jmx.nameOf(loop.name());
            synchronized (this) {
                if (!closed) {
                    Jmx.register(server, this, n);
                    name = n;
                }
            }
        } catch (Exception e) { // JMException, or a RuntimeException of the platform's
            try {
                loop.callSoonThreadsafe(() ->
                        loop.reportError("cannot register the loop's MBean; ./aio ps will not see this loop", e, null));
            } catch (LoopClosedException closing) {
                // the loop closed meanwhile: nothing to see anyway
            }
        } finally {
            settled.countDown();
        }
    }

    /** Waits until the registration has been tried; for tests. */
    void awaitRegistration() throws InterruptedException {
        settled.await();
    }

    /** Whether a registration is scheduled and has not run or been cancelled yet; for tests. */
    synchronized boolean isPending() {
        return pending != null && name == null && !closed && settled.getCount() > 0;
    }

    /** Cancels a registration still to come, or unregisters the MBean. Loop thread, at close. */
    void unregister() {
        ObjectName registered;
        synchronized (this) {
            closed = true;
            if (pending != null && pending.cancel()) {
                Registrar.TIMER.purge(); // the timer lets go of this loop now, not when the task was due
            }
            registered = name;
            name = null;
        }
        if (registered != null) {
            Jmx.unregister(registered);
        }
        settled.countDown();
    }

    /**
     * The calls that name JMX's exception types. Kept in a class of their own: verifying a method
     * that catches JMException loads it, and LoopManagement itself is loaded by every Loop.open.
     */
    private static final class Jmx {
        static ObjectName nameOf(String loopName) throws JMException {
            return new ObjectName("io.asyncio4j:type=Loop,name=" + ObjectName.quote(loopName));
        }

        static void register(MBeanServer server, LoopMXBean bean, ObjectName name) throws JMException {
            server.registerMBean(bean, name);
        }

        static void unregister(ObjectName name) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (JMException | RuntimeException e) {
                // the platform server is going away with the JVM
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
        return loop.dumpTasks();
    }
}
