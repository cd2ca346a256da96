/**
 * Test support for asyncio4j: {@link io.asyncio4j.testing.AsyncioTest @AsyncioTest} (a JUnit
 * Jupiter extension running each test on a fresh loop with virtual time), {@link
 * io.asyncio4j.testing.TestLoop}, the {@link io.asyncio4j.testing.Transcript} event recorder and
 * {@link io.asyncio4j.testing.CancellationSweep}.
 */
module io.asyncio4j.testing {
    requires transitive io.asyncio4j;
    requires transitive org.junit.jupiter.api;

    exports io.asyncio4j.testing;
}
