package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two users fetched at once through one session, then their logins printed (seed 001). The users
 * come from a {@link LocalApi} standing in for {@code api.github.com}.
 *
 * {@snippet lang=python :
 * import asyncio
 * import aiohttp
 *
 * async def fetch_url(session, url):
 *     async with session.get(url) as response:
 *         return await response.json()
 *
 * async def main():
 *     urls = [
 *         "https://api.github.com/users/python",
 *         "https://api.github.com/users/torvalds"
 *     ]
 *     async with aiohttp.ClientSession() as session:
 *         tasks = [fetch_url(session, url) for url in urls]
 *         results = await asyncio.gather(*tasks)
 *     for r in results:
 *         print(r["login"])
 *
 * asyncio.run(main())
 * }
 */
public final class HttpGithubUsers {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public HttpGithubUsers(PrintStream out) {
        this.out = out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fetchUrl(ClientSession session, String url) throws Exception {
        try (ClientResponse response = session.get(url)) {
            return response.json(Map.class);
        }
    }

    /** The async main. */
    public void main() throws Exception {
        try (LocalApi api = LocalApi.start()) {
            List<String> urls = List.of(api.url("/users/python"), api.url("/users/torvalds"));
            List<Map<String, Object>> results;
            try (ClientSession session = new ClientSession()) {
                List<Task<Map<String, Object>>> tasks = new ArrayList<>();
                for (String url : urls) {
                    tasks.add(Asyncio.createTask(() -> fetchUrl(session, url)));
                }
                results = Asyncio.gather(tasks);
            }
            for (Map<String, Object> r : results) {
                out.println(r.get("login"));
            }
        }
    }

    /** {@code ./aio run http-github-users}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new HttpGithubUsers(System.out).main());
    }
}
