package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A class with async methods (seed 004, {@code async_classes.py}), and one with async
 * initialisation.
 *
 * {@snippet lang=python :
 * import asyncio
 * class AsyncDataFetcher:
 *     """Class with async methods"""
 *     def __init__(self, base_url: str):
 *         self.base_url = base_url
 *     async def fetch(self, endpoint: str):
 *         """Async method"""
 *         await asyncio.sleep(1) # Simulate network request
 *         return f"Data from {self.base_url}/{endpoint}"
 *     async def fetch_multiple(self, endpoints: list[str]):
 *         """Fetch multiple endpoints concurrently"""
 *         tasks = [self.fetch(ep) for ep in endpoints]
 *         return await asyncio.gather(*tasks)
 * # Usage
 * async def main():
 *     fetcher = AsyncDataFetcher("https://api.example.com")
 *     results = await fetcher.fetch_multiple(["users", "posts", "comments"])
 *     print(results)
 * asyncio.run(main())
 * }
 *
 * <p>Async methods are plain methods. The second half (not in the seed) is the question that comes
 * next: a class whose initialisation must await something. Python's {@code __init__} cannot await,
 * so the idiom is an async factory, {@code fetcher = await AsyncDataFetcher.connect(url)}. In Java a
 * constructor called from a task could suspend, but the same factory idiom reads better: the
 * object exists only once it is ready, and a failed sign-in is an exception, not a half-built
 * object.
 *
 * {@snippet lang=python :
 *     @classmethod
 *     async def connect(cls, base_url: str):
 *         print(f"Signing in to {base_url} ...")
 *         await asyncio.sleep(0.5)          # Simulate the sign-in
 *         return cls(base_url)
 * }
 */
public final class AsyncClass {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public AsyncClass(PrintStream out) {
        this.out = out;
    }

    /** Class with async methods. */
    static final class AsyncDataFetcher {
        private final String baseUrl;

        AsyncDataFetcher(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** Async initialisation: a factory that suspends, then returns a ready fetcher. */
        static AsyncDataFetcher connect(String baseUrl, PrintStream out) {
            out.println("Signing in to " + baseUrl + " ...");
            Asyncio.sleep(Duration.ofMillis(500)); // Simulate the sign-in
            return new AsyncDataFetcher(baseUrl);
        }

        /** Async method. */
        String fetch(String endpoint) {
            Asyncio.sleep(Duration.ofSeconds(1)); // Simulate network request
            return "Data from " + baseUrl + "/" + endpoint;
        }

        /** Fetch multiple endpoints concurrently. */
        List<String> fetchMultiple(List<String> endpoints) throws Exception {
            List<Task<String>> tasks = new ArrayList<>();
            for (String ep : endpoints) {
                tasks.add(Asyncio.createTask(() -> fetch(ep)));
            }
            return Asyncio.gather(tasks);
        }
    }

    /** The async main. */
    public void main() throws Exception {
        AsyncDataFetcher fetcher = new AsyncDataFetcher("https://api.example.com");
        List<String> results = fetcher.fetchMultiple(List.of("users", "posts", "comments"));
        out.println(results);

        out.println("--- async initialisation ---");
        AsyncDataFetcher ready = AsyncDataFetcher.connect("https://api.example.com", out);
        out.println(ready.fetch("users"));
    }

    /** {@code ./aio run async-class}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new AsyncClass(System.out).main());
    }
}
