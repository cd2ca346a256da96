/**
 * Channels that are safe across threads and loops, for what asyncio's loop-bound queues cannot
 * do: {@link io.asyncio4j.channel.Channel} (bounded, many senders and receivers; Kotlin's {@code
 * Channel}, Tokio's {@code mpsc}), {@link io.asyncio4j.channel.BroadcastChannel} (every subscriber
 * sees every message) and {@link io.asyncio4j.channel.WatchChannel} (the latest value). A task
 * that waits parks on its own loop; a plain thread blocks.
 */
package io.asyncio4j.channel;
