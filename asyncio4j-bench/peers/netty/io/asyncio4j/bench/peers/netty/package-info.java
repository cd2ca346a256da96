/**
 * The network workloads of BENCH.md as a Netty user writes them: the "Netty" peer of {@code ./aio
 * bench}, the JVM's established event-loop server. Each speaks the same protocol and reports the
 * same figures as its asyncio4j twin in {@code io.asyncio4j.bench.workloads}. Netty is a dependency
 * of the benchmark module only.
 */
package io.asyncio4j.bench.peers.netty;
