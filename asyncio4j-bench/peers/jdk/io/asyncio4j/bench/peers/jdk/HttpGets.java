package io.asyncio4j.bench.peers.jdk;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * W6 http-client with the JDK's {@link HttpClient} (HTTP/1.1, its own keep-alive pool): {@code
 * concurrency} virtual threads send {@code requests} blocking GETs between them, each reading the
 * whole body.
 */
public final class HttpGets {
    private HttpGets() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: HttpGets URL [requests] [concurrency]");
        }
        URI url = URI.create(args[0]);
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        HttpRequest request = HttpRequest.newBuilder(url).GET().build();
        AtomicInteger sent = new AtomicInteger();
        long start;
        long elapsed;
        try (HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                workers.add(threads.submit(() -> {
                    while (sent.getAndIncrement() < requests) {
                        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200 || r.body().length != 13) {
                            throw new IllegalStateException("unexpected answer: " + r);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
            elapsed = System.nanoTime() - start;
        }
        System.out.printf(
                Locale.ROOT,
                "RESULT W6 requests=%d concurrency=%d req_per_s=%.6g%n",
                requests,
                concurrency,
                requests * 1e9 / elapsed);
    }
}
