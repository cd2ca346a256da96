/**
 * Non-blocking streams on the loop's own selector: asyncio's streams. {@link
 * io.asyncio4j.net.Streams} opens TCP, TLS and Unix-domain connections and servers, which read
 * through a {@link io.asyncio4j.net.StreamReader} and write through a {@link
 * io.asyncio4j.net.StreamWriter}; {@link io.asyncio4j.net.DatagramEndpoint} sends and receives UDP.
 *
 * <p>Every socket is registered with the selector of the loop whose task opened (or accepted) it,
 * so a readiness event wakes the waiting task on the same thread, with no hand-off. Host names are
 * resolved off the loop ({@link io.asyncio4j.net.Resolver}).
 */
package io.asyncio4j.net;
