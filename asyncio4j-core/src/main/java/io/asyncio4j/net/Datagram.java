package io.asyncio4j.net;

import java.net.SocketAddress;

/**
 * One datagram received by a {@link DatagramEndpoint}.
 *
 * @param data the payload
 * @param sender where it came from; {@link DatagramEndpoint#send(byte[], SocketAddress)} answers
 *     there
 */
public record Datagram(byte[] data, SocketAddress sender) {}
