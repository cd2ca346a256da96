package io.asyncio4j.tools;

/** A JVM without any asyncio4j loop, for {@link PsTest}: prints {@code READY}, then waits. */
public final class NoLoopTarget {
    private NoLoopTarget() {}

    public static void main(String[] args) throws Exception {
        PsTarget.exitWhenStdinCloses();
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
