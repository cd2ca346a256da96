package io.asyncio4j.bench.workloads;

import io.asyncio4j.Asyncio;
import java.time.Duration;

/**
 * W0 start-up: the hello world of BENCH.md, written as a user writes it: {@code run} a main that
 * sleeps 1 ms and prints {@code hello}. The harness times the whole process; the program prints
 * nothing else.
 */
public final class Hello {
    private Hello() {}

    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> {
            Asyncio.sleep(Duration.ofMillis(1));
            System.out.println("hello");
        });
    }
}
