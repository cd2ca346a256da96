/**
 * Test support for asyncio4j: {@link io.asyncio4j.testing.AsyncioTest @AsyncioTest} runs a JUnit
 * test as the main task of a fresh loop on a virtual clock and fails it on leaked tasks, lost
 * exceptions and timeouts; {@link io.asyncio4j.testing.TestLoop} does the same without JUnit;
 * {@link io.asyncio4j.testing.Transcript} records events and diffs them; {@link
 * io.asyncio4j.testing.CancellationSweep} cancels a scenario at every step and checks invariants.
 * The virtual clock itself is {@link io.asyncio4j.lowlevel.VirtualClock}.
 */
package io.asyncio4j.testing;
