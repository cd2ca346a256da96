/**
 * asyncio's synchronisation primitives for the tasks of one loop: {@link io.asyncio4j.sync.Lock},
 * {@link io.asyncio4j.sync.Event}, {@link io.asyncio4j.sync.Condition}, {@link
 * io.asyncio4j.sync.Semaphore}, {@link io.asyncio4j.sync.BoundedSemaphore} and {@link
 * io.asyncio4j.sync.Barrier}. All are FIFO-fair and cancellation-safe, and built only on {@link
 * io.asyncio4j.lowlevel.Parking}.
 */
package io.asyncio4j.sync;
