package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import java.io.PrintStream;
import java.util.List;

/**
 * Three pages fetched at once, each through its own session, and the first 100 characters of each
 * printed (seed 003). The pages come from a {@link LocalApi} standing in for {@code httpbin.org},
 * {@code api.github.com} and {@code example.com}.
 *
 * {@snippet lang=python :
 * import asyncio
 * import aiohttp
 * async def fetch(url):
 *     async with aiohttp.ClientSession() as session:
 *         async with session.get(url) as response:
 *             return await response.text()
 * async def main():
 *     urls = [
 *         "https://httpbin.org/get",
 *         "https://api.github.com",
 *         "https://example.com"
 *     ]
 *     tasks = [fetch(url) for url in urls]
 *     results = await asyncio.gather(*tasks)
 *     for r in results:
 *         print(r[:100]) # Print preview
 * asyncio.run(main())
 * }
 */
public final class HttpPreviews {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public HttpPreviews(PrintStream out) {
        this.out = out;
    }

    static String fetch(String url) throws Exception {
        try (ClientSession session = new ClientSession()) {
            try (ClientResponse response = session.get(url)) {
                return response.text();
            }
        }
    }

    /** The async main. */
    public void main() throws Exception {
        try (LocalApi api = LocalApi.start()) {
            List<String> urls = List.of(api.url("/get"), api.url("/"), api.url("/example.com"));
            List<String> results =
                    Asyncio.gather(() -> fetch(urls.get(0)), () -> fetch(urls.get(1)), () -> fetch(urls.get(2)));
            for (String r : results) {
                out.println(r.substring(0, Math.min(100, r.length()))); // Print preview
            }
        }
    }

    /** {@code ./aio run http-previews}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new HttpPreviews(System.out).main());
    }
}
