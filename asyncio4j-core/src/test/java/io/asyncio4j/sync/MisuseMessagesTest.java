package io.asyncio4j.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.LoopOptions;
import io.asyncio4j.TestLoops;
import io.asyncio4j.queue.Queue;
import org.junit.jupiter.api.Test;

/** A primitive used from the wrong place says who used it, whose it is, and what to use instead. */
class MisuseMessagesTest {
    @Test
    void aLockUsedFromAnotherLoopNamesTheTaskItsLoopAndTheChannelToUseInstead() throws Exception {
        Lock lock = new Lock();
        String message = TestLoops.run(() -> {
            lock.withLock(() -> {});
            try (Loop other = Loop.open(LoopOptions.defaults().name("other-loop"))) {
                return other.submit(() -> Asyncio.createTask("intruder", () -> {
                                    try {
                                        lock.acquire();
                                        return "acquired";
                                    } catch (IllegalStateException e) {
                                        return e.getMessage();
                                    }
                                })
                                .await())
                        .get();
            }
        });
        assertThat(message)
                .startsWith("Lock.acquire(): this Lock belongs to loop '")
                .contains("used from task 'intruder' of loop 'other-loop'")
                .contains("a Lock is for the tasks of one loop")
                .contains("io.asyncio4j.channel.Channel");
    }

    @Test
    void aQueueUsedFromAPlainThreadNamesTheThreadAndUsesTheRightArticle() throws Exception {
        Queue<String> queue = new Queue<>();
        Event event = new Event();
        String[] messages = TestLoops.run(() -> {
            queue.putNowait("x");
            event.set();
            String[] out = new String[2];
            Thread t = Thread.ofPlatform().name("worker-7").start(() -> {
                try {
                    queue.getNowait();
                } catch (IllegalStateException e) {
                    out[0] = e.getMessage();
                }
                try {
                    event.isSet();
                } catch (IllegalStateException e) {
                    out[1] = e.getMessage();
                }
            });
            t.join();
            return out;
        });
        assertThat(messages[0]).contains("used from thread 'worker-7' (not a task of any loop)");
        assertThat(messages[1]).contains("an Event is for the tasks of one loop");
    }
}
