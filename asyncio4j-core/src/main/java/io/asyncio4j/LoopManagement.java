package io.asyncio4j;

import io.asyncio4j.lowlevel.LoopMXBean;
import io.asyncio4j.lowlevel.TaskInfo;
import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** A loop's platform MBean ({@link LoopMXBean}), registered while the loop is open. */
final class LoopManagement implements LoopMXBean {
    private final Loop loop;
    private ObjectName name;

    LoopManagement(Loop loop) {
        this.loop = loop;
    }

    void register() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName n = new ObjectName("io.asyncio4j:type=Loop,name=" + ObjectName.quote(loop.name()));
            server.registerMBean(this, n);
            name = n;
        } catch (JMException | RuntimeException e) {
            loop.reportError("cannot register the loop's MBean; ./aio ps will not see this loop", e, null);
        }
    }

    void unregister() {
        if (name != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (JMException | RuntimeException e) {
                // the platform server is going away with the JVM
            }
            name = null;
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
