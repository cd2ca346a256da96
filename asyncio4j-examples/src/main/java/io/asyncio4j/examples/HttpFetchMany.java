package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Several URLs fetched concurrently through one session, then counted (seed 004, {@code
 * async_api.py}). The URLs are served by a {@link LocalApi} standing in for {@code
 * api.example.com}.
 *
 * {@snippet lang=python :
 * import asyncio
 * import aiohttp
 * async def fetch_url(session: aiohttp.ClientSession, url: str):
 *     """Fetch a single URL"""
 *     async with session.get(url) as response:
 *         return await response.text()
 * async def fetch_multiple_urls(urls: list[str]):
 *     """Fetch multiple URLs concurrently"""
 *     async with aiohttp.ClientSession() as session:
 *         tasks = [fetch_url(session, url) for url in urls]
 *         results = await asyncio.gather(*tasks)
 *         return results
 * # Usage
 * async def main():
 *     urls = [
 *         "https://api.example.com/data1",
 *         "https://api.example.com/data2",
 *         "https://api.example.com/data3"
 *     ]
 *     results = await fetch_multiple_urls(urls)
 *     print(f"Fetched {len(results)} URLs")
 * asyncio.run(main())
 * }
 */
public final class HttpFetchMany {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public HttpFetchMany(PrintStream out) {
        this.out = out;
    }

    /** Fetch a single URL. */
    static String fetchUrl(ClientSession session, String url) throws Exception {
        try (ClientResponse response = session.get(url)) {
            return response.text();
        }
    }

    /** Fetch multiple URLs concurrently. */
    static List<String> fetchMultipleUrls(List<String> urls) throws Exception {
        try (ClientSession session = new ClientSession()) {
            List<Task<String>> tasks = new ArrayList<>();
            for (String url : urls) {
                tasks.add(Asyncio.createTask(() -> fetchUrl(session, url)));
            }
            return Asyncio.gather(tasks);
        }
    }

    /** The async main. */
    public void main() throws Exception {
        try (LocalApi api = LocalApi.start()) {
            List<String> urls = List.of(api.url("/data1"), api.url("/data2"), api.url("/data3"));
            List<String> results = fetchMultipleUrls(urls);
            out.println("Fetched " + results.size() + " URLs");
        }
    }

    /** {@code ./aio run http-fetch-many}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new HttpFetchMany(System.out).main());
    }
}
