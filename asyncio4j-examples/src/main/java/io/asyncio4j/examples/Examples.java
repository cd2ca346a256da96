package io.asyncio4j.examples;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The catalog of examples behind {@code ./aio run}: with no arguments it lists them, one line each;
 * {@code ./aio run <name> [args]} runs one.
 *
 * <p>Each example is the Java twin of a program from the asyncio tutorials the project learns from,
 * named after what it shows; its Javadoc holds the Python original. The aiohttp programs run against a
 * local server they start themselves ({@link LocalApi}), never the internet.
 */
public final class Examples {
    private Examples() {}

    /**
     * One entry of the catalog.
     *
     * @param name what {@code ./aio run} calls it
     * @param summary one line on what it shows
     * @param program its class, whose {@code main(String[])} runs it; null while it needs the HTTP
     *     client
     */
    record Example(String name, String summary, Class<?> program) {
        boolean runnable() {
            return program != null;
        }
    }

    static final String HTTP_CLIENT = "the HTTP client (io.asyncio4j.http, ClientSession)";

    /** Every example, in the order of the guide; the concurrent countdown first. */
    static final List<Example> ALL = List.of(
            new Example(
                    "countdown",
                    "two countdowns at once with gather: 3 s, not 5 (practice task)",
                    ConcurrentCountdown.class),
            new Example("hello", "the smallest program: Asyncio.run and sleep", HelloAsyncio.class),
            new Example("sequential-await", "calling coroutines one after another adds up: 3 s", SequentialAwait.class),
            new Example("coroutine-result", "a coroutine that returns a value", CoroutineResult.class),
            new Example("sync-vs-async", "the same function, blocking and async", SyncVsAsync.class),
            new Example(
                    "event-loop", "the loop itself: Loop.open, loop.run, callSoon, callLater", EventLoopBasics.class),
            new Example("create-task", "createTask, then gather the tasks: 2 s, not 3", CreateTaskAndGather.class),
            new Example("hello-world-tasks", "two 1 s tasks awaited in turn still take 1 s", HelloWorldTasks.class),
            new Example("gather", "gather returns results in argument order: 2 s, not 5", GatherResults.class),
            new Example("multiple-tasks", "three tasks gathered finish in 3 s", MultipleTasks.class),
            new Example("concurrent-fetch", "two 2 s fetches gathered: 2 s, not 4", ConcurrentFetch.class),
            new Example(
                    "sequential-vs-concurrent",
                    "the same fetches gathered (3 s) and one by one (6 s)",
                    SequentialVsConcurrent.class),
            new Example(
                    "page-downloads",
                    "simulated page downloads as tasks: 1.5 s for three",
                    SimulatedPageDownloads.class),
            new Example(
                    "file-downloads",
                    "five simulated downloads at once, timed (practice task)",
                    SimulatedFileDownloads.class),
            new Example("background-task", "a heartbeat task in the background, then cancelled", BackgroundTask.class),
            new Example("wait-vs-gather", "gather vs wait (done, pending) vs asCompleted", WaitVsGather.class),
            new Example(
                    "gather-errors",
                    "a failing task: gather, gatherSettled, taskGroup (practice task)",
                    GatherErrorHandling.class),
            new Example(
                    "tasks-and-cancellation",
                    "tasks finish in delay order; one is cancelled",
                    TasksAndCancellation.class),
            new Example(
                    "cancellation-cleanup",
                    "cleanup on cancel; a swallowed cancellation comes back",
                    CancellationCleanup.class),
            new Example("timeouts", "timeout, waitFor, shield, timeoutOrNull", Timeouts.class),
            new Example(
                    "blocking-sleep",
                    "the time.sleep mistake: Thread.sleep in tasks does not block the loop",
                    BlockingSleepInTasks.class),
            new Example("to-thread", "a blocking function on a worker thread with toThread", ToThread.class),
            new Example(
                    "responsive",
                    "CPU work in toThread while a ticker keeps ticking (practice task)",
                    ResponsiveWhileBlocking.class),
            new Example(
                    "common-mistakes", "forgetting await, nested Asyncio.run: what they become", CommonMistakes.class),
            new Example(
                    "async-context-manager",
                    "async with as try-with-resources; cleanup that survives cancel",
                    AsyncContextManager.class),
            new Example("async-class", "a class with async methods and async initialisation", AsyncClass.class),
            new Example(
                    "producer-consumer",
                    "a bounded Queue between a producer and two consumers",
                    ProducerConsumer.class),
            new Example("http-fetch", "fetch JSON one by one, then with gather (aiohttp)", HttpFetch.class),
            new Example(
                    "http-github-users",
                    "fetch two GitHub users with one ClientSession (aiohttp)",
                    HttpGithubUsers.class),
            new Example("http-previews", "fetch three pages at once, print previews (aiohttp)", HttpPreviews.class),
            new Example(
                    "http-fetch-many", "fetch several URLs concurrently, count them (aiohttp)", HttpFetchMany.class),
            new Example(
                    "web-api",
                    "a JSON API with a path parameter, a middleware and server-sent events (aiohttp.web)",
                    WebApi.class),
            new Example(
                    "chat",
                    "a broadcast chat room in the browser: WebSockets and a BroadcastChannel [port]",
                    BroadcastChat.class));

    /** {@code ./aio run [name] [args]}. */
    public static void main(String[] args) throws Exception {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Lists the examples, or runs the one named by {@code args[0]}; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0) {
            list(out);
            return 0;
        }
        Example example = find(args[0]);
        if (example == null) {
            err.println("unknown example '" + args[0] + "'; ./aio run lists them");
            return 2;
        }
        if (!example.runnable()) {
            err.println(example.name() + " needs " + HTTP_CLIENT + ", which asyncio4j does not have yet.");
            return 3;
        }
        Method main = example.program().getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
        return 0;
    }

    static Example find(String name) {
        for (Example e : ALL) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    static void list(PrintStream out) {
        out.println("asyncio4j examples: the asyncio tutorials' programs in Java. Run one: ./aio run <name> [args]");
        out.println();
        for (Example e : ALL) {
            if (e.runnable()) {
                out.println(line(e));
            }
        }
        if (ALL.stream().anyMatch(e -> !e.runnable())) {
            out.println();
            out.println("Needs " + HTTP_CLIENT + ", not written yet:");
            for (Example e : ALL) {
                if (!e.runnable()) {
                    out.println(line(e));
                }
            }
        }
    }

    private static String line(Example e) {
        return String.format(Locale.ROOT, "  %-25s %s", e.name(), e.summary());
    }
}
