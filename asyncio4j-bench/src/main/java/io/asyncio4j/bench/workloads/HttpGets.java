package io.asyncio4j.bench.workloads;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.SessionOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * W6 http-client: {@code requests} GETs of {@code url} through one {@link ClientSession}, {@code
 * concurrency} tasks at a time, each reading its whole body; as an aiohttp user writes it (one
 * session, a connector limit equal to the concurrency). Prints {@code req_per_s} over the whole run
 * and {@code pool_reuse}: the share of requests the pool sent on a reused connection, from {@code
 * session.statistics()}.
 *
 * <p>Usage: {@code HttpGets URL [requests=20000] [concurrency=100]}.
 */
public final class HttpGets {
    private HttpGets() {}

    /** The body nginx answers with in W6 ({@code Hello, World!}). */
    private static final int BODY_BYTES = 13;

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: HttpGets URL [requests] [concurrency]");
        }
        String url = args[0];
        int requests = Cli.intArg(args, 1, 20_000);
        int concurrency = Cli.intArg(args, 2, 100);
        double[] figures = Asyncio.run(() -> {
            try (ClientSession session =
                    new ClientSession(SessionOptions.defaults().limit(concurrency))) {
                int[] sent = {0}; // loop thread only: the workers share it without a lock
                long start = System.nanoTime();
                List<Task<Void>> workers = new ArrayList<>(concurrency);
                for (int i = 0; i < concurrency; i++) {
                    workers.add(Asyncio.createTask(() -> {
                        while (sent[0] < requests) {
                            sent[0]++;
                            try (ClientResponse r = session.get(url)) {
                                byte[] body = r.bytes();
                                if (r.status() != 200 || body.length != BODY_BYTES) {
                                    throw new IllegalStateException(
                                            "unexpected answer: " + r + ", " + body.length + " bytes");
                                }
                            }
                        }
                        return null;
                    }));
                }
                Asyncio.gather(workers);
                long elapsed = System.nanoTime() - start;
                ClientSession.Statistics s = session.statistics();
                return new double[] {requests * 1e9 / elapsed, (double) s.reused() / (s.created() + s.reused())};
            }
        });
        Cli.print(
                "W6",
                "requests",
                requests,
                "concurrency",
                concurrency,
                "req_per_s",
                figures[0],
                "pool_reuse",
                figures[1]);
    }
}
