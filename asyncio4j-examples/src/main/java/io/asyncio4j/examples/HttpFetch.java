package io.asyncio4j.examples;

import static io.asyncio4j.examples.Timing.now;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fetching JSON one by one, then three at once with gather: 2 s, then 1 s (seed 000). The API is a
 * {@link LocalApi} on a loopback port, each answer taking 1 s.
 *
 * {@snippet lang=python :
 * import asyncio, aiohttp, time
 *
 * async def fetch(url: str) -> dict:
 *     async with aiohttp.ClientSession() as session:
 *         async with session.get(url) as response:
 *             return await response.json()
 *
 * async def main():
 *     # Sequential: 3 seconds (1s each)
 *     r1 = await fetch('https://api.example.com/users/1')
 *     r2 = await fetch('https://api.example.com/users/2')
 *
 *     # Concurrent: ~1 second (all run simultaneously!)
 *     r1, r2, r3 = await asyncio.gather(
 *         fetch('https://api.example.com/users/1'),
 *         fetch('https://api.example.com/users/2'),
 *         fetch('https://api.example.com/users/3'),
 *     )
 *
 * asyncio.run(main())
 * }
 */
public final class HttpFetch {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public HttpFetch(PrintStream out) {
        this.out = out;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> fetch(String url) throws Exception {
        try (ClientSession session = new ClientSession()) {
            try (ClientResponse response = session.get(url)) {
                return response.json(Map.class);
            }
        }
    }

    /** The async main. */
    public void main() throws Exception {
        try (LocalApi api = LocalApi.start()) {
            // Sequential: 2 seconds (1s each)
            double start = now();
            Map<String, Object> r1 = fetch(api.url("/users/1"));
            Map<String, Object> r2 = fetch(api.url("/users/2"));
            out.printf(Locale.ROOT, "sequential: %s, %s in %.2f s%n", r1.get("name"), r2.get("name"), now() - start);

            // Concurrent: ~1 second (all run simultaneously!)
            start = now();
            List<Map<String, Object>> all = Asyncio.gather(
                    () -> fetch(api.url("/users/1")),
                    () -> fetch(api.url("/users/2")),
                    () -> fetch(api.url("/users/3")));
            out.printf(
                    Locale.ROOT,
                    "concurrent: %s, %s, %s in %.2f s%n",
                    all.get(0).get("name"),
                    all.get(1).get("name"),
                    all.get(2).get("name"),
                    now() - start);
        }
    }

    /** {@code ./aio run http-fetch}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new HttpFetch(System.out).main());
    }
}
