package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * An async context manager: setup that suspends, a body, and cleanup that suspends (seed 004,
 * {@code async_context.py}), in Java a factory method and try-with-resources.
 *
 * {@snippet lang=python :
 * import asyncio
 * from contextlib import asynccontextmanager
 *
 * @asynccontextmanager
 * async def async_database_connection(connection_string: str):
 *     """Async context manager"""
 *     print("Connecting to database...")
 *     connection = await connect_to_database(connection_string)
 *     try:
 *         yield connection
 *     finally:
 *         print("Closing database connection...")
 *         await connection.close()
 *
 * async def connect_to_database(connection_string: str):
 *     # Simulate async connection
 *     await asyncio.sleep(0.1)
 *     return {"status": "connected"}
 *
 * # Usage
 * async def main():
 *     async with async_database_connection("postgresql://localhost/db") as db:
 *         print("Using database:", db)
 *
 * asyncio.run(main())
 * }
 *
 * <p>The seed's program ends in {@code AttributeError}: its connection is a {@code dict}, which has
 * no {@code close()}. Here the connection is a small class with the {@code close()} the program
 * means, so the twin runs to the end.
 *
 * <p>{@code async with} becomes try-with-resources: {@code asyncDatabaseConnection} does the setup
 * and returns the resource; its {@code close()} is the {@code finally} part. Both may suspend,
 * because they run in a task. One thing to get right: when the body was cancelled, {@code close()}
 * runs while the cancellation still stands, and cancellation is level-triggered, so a plain {@code
 * sleep} in it would be cancelled at once. Cleanup that must finish runs inside {@link
 * Asyncio#uncancellable}. The second half of the program (not in the seed) cancels a query in
 * the middle and shows the connection closed anyway.
 */
// close() declares Exception because Asyncio.uncancellable does; javac's [try] lint warns that it
// could throw InterruptedException, which asyncio4j never lets escape.
@SuppressWarnings("try")
public final class AsyncContextManager {
    private final PrintStream out;
    private int openConnections;

    /** The program, printing to {@code out}. */
    public AsyncContextManager(PrintStream out) {
        this.out = out;
    }

    /** The seed's {@code {"status": "connected"}}, with the {@code close()} its program calls. */
    final class Connection implements AutoCloseable {
        private final Map<String, String> info = Map.of("status", "connected");

        /** The context manager's {@code finally} part; runs to its end even when cancelled. */
        @Override
        public void close() throws Exception {
            out.println("Closing database connection...");
            Asyncio.uncancellable(() -> {
                Asyncio.sleep(Duration.ofMillis(50)); // say goodbye to the server
                openConnections--;
                return null;
            });
        }

        @Override
        public String toString() {
            return info.toString();
        }
    }

    /** Async context manager: the setup part; the caller's try-with-resources does the rest. */
    Connection asyncDatabaseConnection(String connectionString) {
        out.println("Connecting to database...");
        return connectToDatabase(connectionString);
    }

    Connection connectToDatabase(String connectionString) {
        // Simulate async connection
        Asyncio.sleep(Duration.ofMillis(100));
        openConnections++;
        return new Connection();
    }

    /** The async main. */
    public void main() throws Exception {
        try (Connection db = asyncDatabaseConnection("postgresql://localhost/db")) {
            out.println("Using database: " + db);
        }

        out.println("--- cancelled in the middle of a query ---");
        Task<Void> query = Asyncio.createTask(() -> {
            try (Connection db = asyncDatabaseConnection("postgresql://localhost/db")) {
                out.println("Using database: " + db);
                Asyncio.sleep(Duration.ofSeconds(10)); // a long query
            }
        });
        Asyncio.sleep(Duration.ofSeconds(1));
        query.cancel();
        try {
            query.await();
        } catch (CancelledError e) {
            out.println("query cancelled; open connections: " + openConnections);
        }
    }

    /** {@code ./aio run async-context-manager}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new AsyncContextManager(System.out).main());
    }
}
