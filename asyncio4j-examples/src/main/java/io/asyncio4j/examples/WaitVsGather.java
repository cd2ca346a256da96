package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Awaitable;
import io.asyncio4j.ReturnWhen;
import io.asyncio4j.Task;
import io.asyncio4j.Waited;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * {@code gather} against {@code wait} and {@code asCompleted}: the answer of seed 000's "Q: gather
 * vs wait?" ("gather returns results in input order; wait returns (done, pending) sets and can
 * process tasks as they finish") as a program.
 *
 * {@snippet lang=python :
 * import asyncio
 *
 * async def job(name, delay):
 *     await asyncio.sleep(delay)
 *     return name
 *
 * def names(tasks):
 *     return [t.get_name() for t in tasks]
 *
 * async def main():
 *     # gather: all at once, results in input order
 *     print("gather:", await asyncio.gather(job("slow", 2), job("fast", 1)))
 *
 *     # wait: (done, pending) sets, with more control
 *     tasks = [asyncio.create_task(job(n, d), name=n)
 *              for n, d in [("slow", 2), ("fast", 1), ("slowest", 3)]]
 *     done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
 *     print("wait FIRST_COMPLETED: done", names(done), "pending", names(pending))
 *     done, pending = await asyncio.wait(pending)
 *     print("wait ALL_COMPLETED: done", names(done), "pending", names(pending))
 *
 *     # as_completed: handle each result as soon as it is there
 *     for next_done in asyncio.as_completed([job("c", 3), job("a", 1), job("b", 2)]):
 *         print("as_completed:", await next_done)
 *
 * asyncio.run(main())
 * }
 *
 * <p>Python's sets have no order; asyncio4j's {@code Waited} sets keep the order the tasks were
 * given in, so the output is the same on every run.
 */
public final class WaitVsGather {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public WaitVsGather(PrintStream out) {
        this.out = out;
    }

    String job(String name, int delay) {
        Asyncio.sleep(Duration.ofSeconds(delay));
        return name;
    }

    static List<String> names(Collection<Task<String>> tasks) {
        return tasks.stream().map(Task::getName).toList();
    }

    /** The async main. */
    public void main() throws Exception {
        // gather: all at once, results in input order
        out.println("gather: " + Asyncio.gather(() -> job("slow", 2), () -> job("fast", 1)));

        // wait: (done, pending) sets, with more control
        List<Task<String>> tasks = List.of(
                Asyncio.createTask("slow", () -> job("slow", 2)),
                Asyncio.createTask("fast", () -> job("fast", 1)),
                Asyncio.createTask("slowest", () -> job("slowest", 3)));
        Waited<Task<String>> first = Asyncio.wait(tasks, ReturnWhen.FIRST_COMPLETED);
        out.println("wait FIRST_COMPLETED: done " + names(first.done()) + " pending " + names(first.pending()));
        Waited<Task<String>> all = Asyncio.wait(first.pending(), ReturnWhen.ALL_COMPLETED);
        out.println("wait ALL_COMPLETED: done " + names(all.done()) + " pending " + names(all.pending()));

        // asCompleted: handle each result as soon as it is there
        List<Task<String>> racers = List.of(
                Asyncio.createTask(() -> job("c", 3)),
                Asyncio.createTask(() -> job("a", 1)),
                Asyncio.createTask(() -> job("b", 2)));
        for (Awaitable<String> nextDone : Asyncio.asCompleted(racers)) {
            out.println("as_completed: " + nextDone.await());
        }
    }

    /** {@code ./aio run wait-vs-gather}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new WaitVsGather(System.out).main());
    }
}
