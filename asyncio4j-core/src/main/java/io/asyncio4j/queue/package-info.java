/**
 * asyncio's queues for the tasks of one loop: {@link io.asyncio4j.queue.Queue} (FIFO), {@link
 * io.asyncio4j.queue.PriorityQueue} and {@link io.asyncio4j.queue.LifoQueue}. Built only on {@link
 * io.asyncio4j.lowlevel.Parking}.
 */
package io.asyncio4j.queue;
