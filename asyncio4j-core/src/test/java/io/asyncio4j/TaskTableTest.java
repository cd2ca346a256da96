package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.lowlevel.TaskInfo;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/** The task table behind {@code aio ps}, and the user's view of stacks in task dumps. */
class TaskTableTest {

    private static Map<String, TaskInfo> byName(List<TaskInfo> rows) {
        return rows.stream().collect(Collectors.toMap(TaskInfo::name, Function.identity()));
    }

    @Test
    void eachTaskShowsWhoAwaitsItWhatItIsParkedInAndTheUsersFrames() throws Exception {
        List<TaskInfo> rows = TestLoops.run(() -> {
            Asyncio.currentTask().setName("main");
            Task<Void> leaf = Asyncio.createTask("leaf", () -> Asyncio.sleep(Duration.ofHours(1)));
            Task<Void> waiter = Asyncio.createTask("waiter", () -> leaf.await());
            Task<Void> other = Asyncio.createTask("other", () -> Asyncio.sleep(Duration.ofHours(1)));
            Task<Void> gatherer = Asyncio.createTask("gatherer", () -> {
                Asyncio.gather(List.of(leaf, other));
            });
            Asyncio.yieldNow(); // each of the four runs to where it parks
            List<TaskInfo> table = Asyncio.currentLoop().taskTable();
            for (Task<?> t : List.of(leaf, waiter, other, gatherer)) {
                t.cancel();
            }
            Asyncio.gatherSettled(leaf, waiter, other, gatherer);
            return table;
        });
        assertThat(rows)
                .extracting(TaskInfo::name)
                .as("oldest first")
                .containsExactly("main", "leaf", "waiter", "other", "gatherer");
        Map<String, TaskInfo> t = byName(rows);
        long main = t.get("main").id();
        assertThat(t.get("main").state()).as("it is taking the table").isEqualTo("running");
        assertThat(t.get("leaf").awaitedBy())
                .containsExactlyInAnyOrder(
                        t.get("waiter").id(), t.get("gatherer").id());
        assertThat(t.get("other").awaitedBy()).containsExactly(t.get("gatherer").id());
        assertThat(t.get("waiter").awaitedBy()).isEmpty();
        assertThat(t.get("leaf").parentId()).isEqualTo(main);
        assertThat(t.get("main").parentId()).isEqualTo(-1);

        assertThat(t.get("leaf").state()).isEqualTo("waiting");
        assertThat(t.get("leaf").waitingIn()).isEqualTo("Asyncio.sleep");
        assertThat(t.get("gatherer").waitingIn()).isEqualTo("Asyncio.gather");
        assertThat(t.get("waiter").waitingIn()).isEqualTo("Awaitable.await");
        // The test's own frames are the user's, though they live in io.asyncio4j: what tells the
        // library apart is where its classes were loaded from.
        assertThat(t.get("leaf").stack())
                .isNotEmpty()
                .allMatch(frame -> frame.startsWith("TaskTableTest.lambda$"))
                .allMatch(frame -> frame.contains("(TaskTableTest.java:"));
    }

    @Test
    void aTaskBlockedInAJdkCallShowsTheJdkCall() throws Exception {
        List<TaskInfo> rows = TestLoops.run(() -> {
            Task<Void> blocker = Asyncio.createTask("blocker", () -> {
                try {
                    Thread.sleep(Duration.ofHours(1)); // parks the task alone; the cancel interrupts it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Asyncio.yieldNow(); // the blocker runs until Thread.sleep parks its virtual thread
            List<TaskInfo> table = Asyncio.currentLoop().taskTable();
            blocker.cancel();
            Asyncio.gatherSettled(blocker);
            return table;
        });
        TaskInfo blocker = byName(rows).get("blocker");
        assertThat(blocker.state()).isEqualTo("blocked in a JDK call");
        assertThat(blocker.waitingIn()).isEqualTo("Thread.sleep");
        assertThat(blocker.stack()).first().asString().startsWith("TaskTableTest.lambda$");
    }

    @Test
    void aTaskWhoseBodyIsALibraryMethodShowsThatMethod() throws Exception {
        List<TaskInfo> rows = TestLoops.run(() -> {
            io.asyncio4j.sync.Event never = new io.asyncio4j.sync.Event();
            Task<Void> waiter = Asyncio.createTask("waiter", never::await);
            Asyncio.yieldNow();
            List<TaskInfo> table = Asyncio.currentLoop().taskTable();
            waiter.cancel();
            Asyncio.gatherSettled(waiter);
            return table;
        });
        TaskInfo waiter = byName(rows).get("waiter");
        assertThat(waiter.waitingIn()).isEqualTo("Event.await");
        assertThat(waiter.stack()).as("none of it is the program's").isEmpty();
    }

    @Test
    void theTreeShowsTheUsersFramesAndAllFramesOnRequest() throws Exception {
        List<String> dumps = TestLoops.run(() -> {
            Task<Void> sleeper = Asyncio.createTask("sleeper", () -> Asyncio.sleep(Duration.ofHours(1)));
            Asyncio.yieldNow();
            Loop loop = Asyncio.currentLoop();
            List<String> d = List.of(loop.dumpTasks(), loop.dumpTasks(true));
            sleeper.cancel();
            Asyncio.gatherSettled(sleeper);
            return d;
        });
        String users = dumps.get(0);
        String all = dumps.get(1);
        String sleeperInUsers = users.substring(users.indexOf("sleeper [waiting]"));
        assertThat(sleeperInUsers.lines().skip(1).limit(2).map(String::strip))
                .first()
                .isEqualTo("in Asyncio.sleep");
        assertThat(sleeperInUsers.lines().skip(2).findFirst().orElseThrow().strip())
                .startsWith("at io.asyncio4j.TaskTableTest.lambda$");
        assertThat(users)
                .doesNotContain("at io.asyncio4j.Asyncio.")
                .doesNotContain("at io.asyncio4j.Task.")
                .doesNotContain("VirtualThread.run");
        assertThat(all)
                .contains("in Asyncio.sleep")
                .contains("at io.asyncio4j.Asyncio.sleep(")
                .contains("at io.asyncio4j.Task.runBody(")
                .contains("at io.asyncio4j.TaskTableTest.lambda$");
    }

    @Test
    void theMBeanPublishesTheTableAsOpenData() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try (Loop loop = Loop.open(LoopOptions.defaults().name("table-demo"))) {
            ObjectName name = new ObjectName("io.asyncio4j:type=Loop,name=\"table-demo\"");
            loop.run(() -> {
                Asyncio.createTask("sleeper", () -> Asyncio.sleep(Duration.ofSeconds(30)));
                Asyncio.yieldNow();
                return null;
            });
            MBeanRegistrations.await(name); // registered in the background, after the loop opened
            Object table = server.invoke(name, "taskTable", new Object[0], new String[0]);
            assertThat(table).isInstanceOf(CompositeData[].class);
            CompositeData row = ((CompositeData[]) table)[0];
            assertThat(row.get("name")).isEqualTo("sleeper");
            assertThat(row.get("state")).isEqualTo("waiting");
            assertThat(row.get("waitingIn")).isEqualTo("Asyncio.sleep");
            assertThat((String[]) row.get("stack")).isNotEmpty();
            assertThat((Long[]) row.get("awaitedBy")).isEmpty();
            String all = (String)
                    server.invoke(name, "dumpTasks", new Object[] {true}, new String[] {boolean.class.getName()});
            assertThat(all).contains("at io.asyncio4j.Asyncio.sleep(");
        }
    }
}
