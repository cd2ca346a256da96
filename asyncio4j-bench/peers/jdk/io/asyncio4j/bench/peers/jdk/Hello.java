package io.asyncio4j.bench.peers.jdk;

/**
 * W0 start-up on a JDK virtual thread: a virtual thread sleeps 1 ms and prints {@code hello}, and
 * the main thread waits for it.
 */
public final class Hello {
    private Hello() {}

    public static void main(String[] args) throws InterruptedException {
        Thread.ofVirtual()
                .start(() -> {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    System.out.println("hello");
                })
                .join();
    }
}
