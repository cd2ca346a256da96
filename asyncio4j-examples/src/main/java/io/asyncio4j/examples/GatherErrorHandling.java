package io.asyncio4j.examples;

import static io.asyncio4j.examples.Timing.seconds;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Outcome;
import io.asyncio4j.TaskGroupException;
import java.io.PrintStream;
import java.util.List;

/**
 * Three coroutines, one of which fails: {@code gather} by default, {@code gatherSettled} (asyncio's
 * {@code return_exceptions=True}), and a task group. The fourth practice task of seed 002 ("write
 * three coroutines where one raises an exception; experiment with {@code gather(...,
 * return_exceptions=True)} vs the default behavior").
 *
 * {@snippet lang=python :
 * import asyncio
 *
 * async def ok(name, delay):
 *     await asyncio.sleep(delay)
 *     print(f"{name} finished")
 *     return name
 *
 * async def fail(name, delay):
 *     await asyncio.sleep(delay)
 *     raise ValueError(f"{name} went wrong")
 *
 * async def main():
 *     print("--- gather: the first exception propagates ---")
 *     try:
 *         print(await asyncio.gather(ok("A", 1), fail("B", 0.5), ok("C", 1.5)))
 *     except ValueError as e:
 *         print("gather raised:", e)
 *     await asyncio.sleep(1.5)         # A and C were not cancelled: they finish now
 *
 *     print("--- gather(return_exceptions=True): exceptions are results ---")
 *     results = await asyncio.gather(ok("A", 1), fail("B", 0.5), ok("C", 1.5),
 *                                    return_exceptions=True)
 *     for r in results:
 *         print("  error:" if isinstance(r, Exception) else "  ok:", r)
 *
 *     print("--- TaskGroup: a failure cancels the others ---")
 *     try:
 *         async with asyncio.TaskGroup() as tg:
 *             tg.create_task(ok("A", 1))
 *             tg.create_task(fail("B", 0.5))
 *             tg.create_task(ok("C", 1.5))
 *     except* ValueError as eg:
 *         print("task group raised:", eg.exceptions)
 *
 * asyncio.run(main())
 * }
 *
 * <p>{@code gather(..., return_exceptions=True)} is a separate method, {@link Asyncio#gatherSettled},
 * returning an {@link Outcome} per input ({@code Success}, {@code Failure} or {@code Cancelled}) that
 * a {@code switch} takes apart. {@code async with TaskGroup()} is a lambda, and {@code except*} a
 * catch of {@link TaskGroupException}, which lists every failure.
 */
public final class GatherErrorHandling {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public GatherErrorHandling(PrintStream out) {
        this.out = out;
    }

    String ok(String name, double delay) {
        Asyncio.sleep(seconds(delay));
        out.println(name + " finished");
        return name;
    }

    String fail(String name, double delay) {
        Asyncio.sleep(seconds(delay));
        throw new IllegalArgumentException(name + " went wrong");
    }

    /** The async main. */
    public void main() throws Exception {
        out.println("--- gather: the first exception propagates ---");
        try {
            out.println(Asyncio.gather(() -> ok("A", 1), () -> fail("B", 0.5), () -> ok("C", 1.5)));
        } catch (IllegalArgumentException e) {
            out.println("gather raised: " + e.getMessage());
        }
        Asyncio.sleep(seconds(1.5)); // A and C were not cancelled: they finish now

        out.println("--- gatherSettled: exceptions are results ---");
        List<Outcome<String>> results =
                Asyncio.gatherSettled(() -> ok("A", 1), () -> fail("B", 0.5), () -> ok("C", 1.5));
        for (Outcome<String> r : results) {
            switch (r) {
                case Outcome.Success<String> s -> out.println("  ok: " + s.value());
                case Outcome.Failure<String> f ->
                    out.println("  error: " + f.exception().getMessage());
                case Outcome.Cancelled<String> c -> out.println("  cancelled");
            }
        }

        out.println("--- taskGroup: a failure cancels the others ---");
        try {
            Asyncio.taskGroup(tg -> {
                tg.createTask(() -> ok("A", 1));
                tg.createTask(() -> fail("B", 0.5));
                tg.createTask(() -> ok("C", 1.5));
            });
        } catch (TaskGroupException eg) {
            out.println("task group raised: "
                    + eg.exceptions().stream().map(Throwable::getMessage).toList());
        }
    }

    /** {@code ./aio run gather-errors}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new GatherErrorHandling(System.out).main());
    }
}
