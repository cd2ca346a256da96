/**
 * Low-level hooks of asyncio4j: handles of scheduled callbacks and timers, and the clock seam the
 * loop reads time and waits through (the system clock, or {@link io.asyncio4j.lowlevel.VirtualClock}
 * for tests).
 */
package io.asyncio4j.lowlevel;
