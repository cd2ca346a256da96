package io.asyncio4j.bench.workloads;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import io.asyncio4j.http.web.AppRunner;
import io.asyncio4j.http.web.RunnerOptions;
import io.asyncio4j.http.web.TcpSite;
import io.asyncio4j.net.StreamPair;
import io.asyncio4j.net.Streams;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's own cost per request, without a load generator competing for the CPU: the W5
 * application on one loop, a client on another loop of the same JVM sending {@code depth}
 * pipelined requests per write on {@code connections} connections, and the CPU time and bytes
 * allocated of the server loop's thread per request (ThreadMXBean), after a warm-up. With depth 1
 * the figure is mostly the kernel's (one read and one write per request); with depth 16 it is
 * mostly the server's parsing, routing and writing. The guard of the server's hot path
 * ({@code HttpConnection}).
 *
 * <p>Usage: {@code HttpServerCpu [depth=16] [connections=4] [rounds=20000] [path=/]}; prints
 * {@code RESULT W5cpu us_per_req=... bytes_per_req=... req_per_s=...}.
 */
public final class HttpServerCpu {
    private HttpServerCpu() {}

    public static void main(String[] args) throws Exception {
        int depth = Cli.intArg(args, 0, 16);
        int connections = Cli.intArg(args, 1, 4);
        int rounds = Cli.intArg(args, 2, 20_000);
        String path = args.length > 3 ? args[3] : "/";
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] requests = ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUser-Agent: probe\r\nAccept: */*\r\n\r\n")
                .repeat(depth)
                .getBytes(StandardCharsets.US_ASCII);
        try (Loop server = Loop.open();
                Loop client = Loop.open()) {
            long[] loopThread = new long[1];
            // A task's virtual thread has its own id: the loop's platform thread is found by name.
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals(server.name())) {
                    loopThread[0] = t.threadId();
                }
            }
            int port = server.submit(() -> {
                        AppRunner runner = new AppRunner(
                                HttpServer.app(), RunnerOptions.defaults().accessLog(false));
                        runner.setup();
                        TcpSite site = new TcpSite(runner, "127.0.0.1", 0);
                        site.start();
                        return site.port();
                    })
                    .get();
            double us = 0;
            double bytes = 0;
            double rate = 0;
            for (int phase = 0; phase < 2; phase++) {
                int r = phase == 0 ? Math.max(1, rounds / 4) : rounds;
                long cpu0 = threads.getThreadCpuTime(loopThread[0]);
                long alloc0 = threads.getThreadAllocatedBytes(loopThread[0]);
                long t0 = System.nanoTime();
                int serving = port;
                client.submit(() -> {
                            List<Task<Void>> clients = new ArrayList<>();
                            for (int c = 0; c < connections; c++) {
                                clients.add(Asyncio.createTask(() -> load(serving, requests, depth, r)));
                            }
                            Asyncio.gather(clients);
                            return null;
                        })
                        .get();
                long n = (long) r * depth * connections;
                us = (threads.getThreadCpuTime(loopThread[0]) - cpu0) / 1e3 / n;
                bytes = (double) (threads.getThreadAllocatedBytes(loopThread[0]) - alloc0) / n;
                rate = n / ((System.nanoTime() - t0) / 1e9);
            }
            Cli.print("W5cpu", "us_per_req", us, "bytes_per_req", bytes, "req_per_s", rate);
        }
        System.exit(0);
    }

    /** One connection: {@code rounds} times, writes {@code depth} requests and reads their answers. */
    private static void load(int port, byte[] requests, int depth, int rounds) throws Exception {
        try (StreamPair p = Streams.openConnection("127.0.0.1", port)) {
            for (int i = 0; i < rounds; i++) {
                p.writer().write(requests);
                int seen = 0;
                while (seen < depth) {
                    byte[] b = p.reader().read(65536);
                    if (b.length == 0) {
                        throw new IllegalStateException("the server closed the connection");
                    }
                    for (int k = 0; k + 5 < b.length; k++) {
                        if (b[k] == 'H' && b[k + 1] == 'T' && b[k + 2] == 'T' && b[k + 3] == 'P' && b[k + 4] == '/') {
                            seen++;
                        }
                    }
                }
            }
        }
    }
}
