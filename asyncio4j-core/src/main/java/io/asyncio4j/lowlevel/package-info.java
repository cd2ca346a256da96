/**
 * Low-level hooks of asyncio4j: handles of scheduled callbacks and timers, the clock seam the loop
 * reads time and waits through (the system clock, or {@link io.asyncio4j.lowlevel.VirtualClock} for
 * tests), and what the synchronisation primitives are built on: {@link
 * io.asyncio4j.lowlevel.Parking} (park and wake a task) and {@link io.asyncio4j.lowlevel.ParkingLot}
 * (a line of waiters served in order).
 */
package io.asyncio4j.lowlevel;
